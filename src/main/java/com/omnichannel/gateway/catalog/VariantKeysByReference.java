package com.omnichannel.gateway.catalog;

import java.util.Map;

/** Variant keys found by SKU, by barcode and by external reference; values not found are absent. */
public record VariantKeysByReference(Map<String, Long> bySku, Map<String, Long> byBarcode, Map<String, Long> byExternalRef) {
}
