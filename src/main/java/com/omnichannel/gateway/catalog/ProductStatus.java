package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Description;

@Description("Whether a product is sold.")
public enum ProductStatus {
    /** Visible on every channel. */
    @Description("Sold and visible to everyone.") ACTIVE,
    /** Being prepared; visible to staff only. */
    @Description("Being prepared; visible to staff only.") DRAFT,
    /** No longer sold; visible to staff only. */
    @Description("No longer sold; visible to staff only.") ARCHIVED
}
