package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.NonNull;

/** One option value of a variant, e.g. Size = M. */
public record SelectedOption(@NonNull String name, @NonNull String value) {
}
