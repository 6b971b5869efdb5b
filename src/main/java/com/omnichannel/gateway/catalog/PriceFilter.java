package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Description("A price range; either end may be left out.")
@Input("PriceFilterInput")
public record PriceFilter(
        @Description("Lowest price, decimal, e.g. 10.00.") String min,
        @Description("Highest price, decimal, e.g. 200.00.") String max) {
}
