package com.omnichannel.gateway.cart;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** Something the shopper should know before checkout; the cart keeps the line, checkout enforces. */
@Description("Something the shopper should know before checkout: the cart keeps the line, checkout refuses what cannot be filled.")
public record CartWarning(
        @Description("Stable code to branch on and to pick the client's own text.") @NonNull CartWarningCode code,
        @NonNull @Description("The warning in words for people.") String message) {

    /** By the code's name; it must be one of {@link CartWarningCode}'s ({@code UserErrorCodesTest} checks). */
    public CartWarning(String code, String message) {
        this(CartWarningCode.valueOf(code), message);
    }
}
