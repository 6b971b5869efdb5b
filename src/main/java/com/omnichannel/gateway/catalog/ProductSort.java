package com.omnichannel.gateway.catalog;

public enum ProductSort {
    /** Best full-text match first; newest first when there is no search text. */
    RELEVANCE,
    PRICE_ASC,
    PRICE_DESC,
    NEWEST,
    NAME
}
