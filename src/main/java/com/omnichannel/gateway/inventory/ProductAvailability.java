package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.Description;

@Description("Availability of a product across its active variants and all locations.")
public record ProductAvailability(
        @Description("Whether any variant has units available anywhere.") boolean inStock,
        @Description("Units available to sell over every location.") int availableQuantity,
        @Description("Locations holding at least one available unit.") int locationsInStock) {
}
