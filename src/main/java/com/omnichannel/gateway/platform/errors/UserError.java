package com.omnichannel.gateway.platform.errors;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * An expected business failure of a mutation, returned as data in the payload.
 *
 * @param code    stable machine-readable code, e.g. DUPLICATE_SKU
 * @param field   path to the input field that caused it, e.g. ["input", "sku"]; null when not tied to one
 * @param message human-readable explanation
 */
@Description("An expected failure of a mutation; nothing was changed when a payload carries one.")
public record UserError(
        @Description("Stable code to branch on and to pick the client's own text (e.g. CART_VERSION_CONFLICT, COUPON_EXPIRED).") @NonNull String code,
        @Description("Path to the input field at fault, e.g. ['input', 'lines', '0', 'quantity']; null when no single field is.") List<@NonNull String> field,
        @Description("What went wrong in plain English, for display when the client has no text of its own.") @NonNull String message) {

    public static UserError of(String code, String message, String... field) {
        return new UserError(code, field.length == 0 ? null : List.of(field), message);
    }
}
