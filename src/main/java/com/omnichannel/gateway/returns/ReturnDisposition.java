package com.omnichannel.gateway.returns;

import org.eclipse.microprofile.graphql.Description;

@Description("What the receiving location does with returned units.")
public enum ReturnDisposition {
    @Description("Back on the shelf: added to the location's on-hand stock (a RETURN stock movement).") RESTOCK,
    @Description("Damaged: not restocked; recorded as a RETURN_DAMAGED stock movement.") DAMAGED,
    @Description("Held for inspection; not restocked (yet).") INSPECT
}
