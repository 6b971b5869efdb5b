package com.omnichannel.gateway.store;

import org.eclipse.microprofile.graphql.Description;

@Description("Kinds of stock-holding location.")
public enum LocationType {
    @Description("A shop shoppers can visit; sells, ships and hands over pickups.") STORE,
    @Description("Ships only; not visible to shoppers.") WAREHOUSE
}
