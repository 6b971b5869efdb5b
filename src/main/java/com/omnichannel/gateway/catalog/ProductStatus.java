package com.omnichannel.gateway.catalog;

public enum ProductStatus {
    /** Visible on every channel. */
    ACTIVE,
    /** Being prepared; visible to staff only. */
    DRAFT,
    /** No longer sold; visible to staff only. */
    ARCHIVED
}
