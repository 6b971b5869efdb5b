package com.omnichannel.gateway.inventory;

import org.eclipse.microprofile.graphql.Description;

@Description("Availability of a product across its active variants and all locations.")
public record ProductAvailability(boolean inStock, int availableQuantity,
        @Description("Locations holding at least one available unit.") int locationsInStock) {
}
