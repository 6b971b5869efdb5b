package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.NonNull;

public record SelectedOptionInput(@NonNull String name, @NonNull String value) {
}
