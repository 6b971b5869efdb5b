package com.omnichannel.gateway.returns;

import org.eclipse.microprofile.graphql.Description;

@Description("How the new item of an exchange reaches the customer.")
public enum ExchangeFulfilment {
    @Description("Reserved at a store and collected there (a pickup shipment).") COLLECT_AT_STORE,
    @Description("Shipped to the order's delivery address (orders that were shipped).") SHIP
}
