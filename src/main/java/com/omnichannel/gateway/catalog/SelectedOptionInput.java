package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SelectedOptionInput")
public record SelectedOptionInput(@NonNull String name, @NonNull String value) {
}
