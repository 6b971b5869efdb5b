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
public record UserError(
        @Description("Stable code to branch on and to pick the client's own text (e.g. CART_VERSION_CONFLICT, COUPON_EXPIRED).") @NonNull UserErrorCode code,
        @Description("The path to the input field it is about, e.g. [\"input\", \"lines\", \"0\", \"quantity\"]; null when it is about no one field.") List<@NonNull String> field,
        @NonNull @Description("What went wrong, in words for people; may change, unlike the code.") String message,
        @Description("For a refusal by a rate limit: whole seconds until an attempt may be made again; null otherwise.")
        Integer retryAfterSeconds) {

    public static UserError of(UserErrorCode code, String message, String... field) {
        return new UserError(code, field.length == 0 ? null : List.of(field), message, null);
    }

    /** A refusal by a rate limit, saying when to try again (as {@code extensions.retryAfterSeconds} does for top-level errors). */
    public static UserError rateLimited(String code, long retryAfterSeconds, String message, String... field) {
        return new UserError(UserErrorCode.valueOf(code), field.length == 0 ? null : List.of(field), message,
                (int) Math.min(Integer.MAX_VALUE, retryAfterSeconds));
    }

    /**
     * By the code's name, as most call sites write it; the name must be one of {@link UserErrorCode}'s
     * ({@code UserErrorCodesTest} checks every name in the code base).
     */
    public static UserError of(String code, String message, String... field) {
        return of(UserErrorCode.valueOf(code), message, field);
    }
}
