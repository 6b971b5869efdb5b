package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Description;

@Description("Orders of the product list.")
public enum ProductSort {
    /** Best full-text match first; newest first when there is no search text. */
    @Description("Best full-text match first; newest first when there is no search text.") RELEVANCE,
    @Description("Cheapest first (by the lowest variant price).") PRICE_ASC,
    @Description("Most expensive first (by the highest variant price).") PRICE_DESC,
    @Description("Newest products first.") NEWEST,
    @Description("By name, A to Z.") NAME
}
