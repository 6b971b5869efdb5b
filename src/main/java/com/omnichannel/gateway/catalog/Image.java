package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A product image.")
public record Image(
        @Description("Absolute https URL of the image.") @NonNull String url,
        @Description("Text for screen readers; null when none was entered.") String altText) {
}
