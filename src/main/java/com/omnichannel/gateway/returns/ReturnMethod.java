package com.omnichannel.gateway.returns;

import org.eclipse.microprofile.graphql.Description;

@Description("How the units come back.")
public enum ReturnMethod {
    @Description("Sent back by parcel to the warehouse (or any location that receives it).") SHIP_BACK,
    @Description("Brought to a store: any store, not only the one that sold them.") DROP_OFF
}
