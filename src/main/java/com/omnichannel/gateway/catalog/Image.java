package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.NonNull;

public record Image(@NonNull String url, String altText) {
}
