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
 * @param retryAfterSeconds for a refusal by a rate limit, whole seconds until the limit's window ends; else null
 */
@Description("An expected failure of a mutation; nothing was changed when a payload carries one.")
public record UserError(@NonNull String code, List<@NonNull String> field, @NonNull String message,
        @Description("For a refusal by a rate limit: whole seconds until an attempt may be made again; null otherwise.")
        Integer retryAfterSeconds) {

    public static UserError of(String code, String message, String... field) {
        return new UserError(code, field.length == 0 ? null : List.of(field), message, null);
    }

    /** A refusal by a rate limit, saying when to try again (as {@code extensions.retryAfterSeconds} does for top-level errors). */
    public static UserError rateLimited(String code, long retryAfterSeconds, String message, String... field) {
        return new UserError(code, field.length == 0 ? null : List.of(field), message, (int) Math.min(Integer.MAX_VALUE, retryAfterSeconds));
    }
}
