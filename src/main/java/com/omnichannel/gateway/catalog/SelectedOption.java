package com.omnichannel.gateway.catalog;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** One option value of a variant, e.g. Size = M. */
@Description("One option of a variant, e.g. Size: M.")
public record SelectedOption(
        @Description("Option name, e.g. Size.") @NonNull String name,
        @Description("Option value, e.g. M.") @NonNull String value) {
}
