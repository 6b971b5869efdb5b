package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One option of a variant.")
@Input("SelectedOptionInput")
public record SelectedOptionInput(
        @Description("Option name, e.g. Size.") @NonNull String name,
        @Description("Option value, e.g. 42.") @NonNull String value) {
}
