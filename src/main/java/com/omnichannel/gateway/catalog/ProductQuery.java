package com.omnichannel.gateway.catalog;

/**
 * A validated product list request, in store terms (internal keys, minor units).
 *
 * @param categoryKey    category (with descendants), or null
 * @param categorySlug   category slug (with descendants), or null
 * @param search         full-text search, or null
 * @param minPriceMinor  lower price bound, or null
 * @param maxPriceMinor  upper price bound, or null
 * @param inStock        only products available somewhere
 * @param inStockAtKey   only products available at this location, or null
 * @param sort           ordering
 * @param includeHidden  also DRAFT and ARCHIVED products (staff)
 */
public record ProductQuery(Long categoryKey, String categorySlug, String search, Long minPriceMinor, Long maxPriceMinor,
        boolean inStock, Long inStockAtKey, ProductSort sort, boolean includeHidden) {
}
