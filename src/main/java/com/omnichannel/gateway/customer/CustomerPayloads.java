package com.omnichannel.gateway.customer;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.errors.UserError;

/** The payloads of the customer mutations. */
final class CustomerPayloads {

    private CustomerPayloads() {
    }

    @Name("CustomerSessionPayload")
    @Description("A signed-in session: the customer and their tokens.")
    public record Session(
            @Description("The signed-in customer; null with userErrors.") Customer customer,
            @Description("The new session's tokens; null with userErrors.") AuthTokens tokens,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
        static Session failed(UserError error) {
            return new Session(null, null, List.of(error));
        }
    }

    @Description("The answer of customerSignOut.")
    @Name("CustomerSignOutPayload")
    public record SignOut(
            @Description("True when the session was ended (or had already ended).") boolean signedOut,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
    }

    @Description("The answer of staffSignIn.")
    @Name("StaffSignInPayload")
    public record StaffSession(
            @Description("The staff token (no refresh token); null with userErrors.") AuthTokens tokens,
            @Description("The staff member's roles, e.g. staff or admin.") @NonNull List<@NonNull String> roles,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
        static StaffSession failed(UserError error) {
            return new StaffSession(null, List.of(), List.of(error));
        }
    }

    @Description("The answer of the mutations that change the signed-in customer.")
    @Name("CustomerPayload")
    public record Profile(
            @Description("The customer after the change; null with userErrors.") Customer customer,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
        static Profile failed(UserError error) {
            return new Profile(null, List.of(error));
        }
    }

    @Description("The answer of customerAddressCreate and customerAddressUpdate.")
    @Name("CustomerAddressPayload")
    public record Address(
            @Description("The address after the change; null with userErrors.") CustomerAddress address,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
        static Address failed(UserError error) {
            return new Address(null, List.of(error));
        }
    }

    @Description("The answer of customerAddressDelete.")
    @Name("CustomerAddressDeletePayload")
    public record AddressDelete(
            @Description("The id of the deleted address (drop it from caches); null with userErrors.") @Id String deletedAddressId,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
    }

    @Description("The answer of customerDelete.")
    @Name("CustomerDeletePayload")
    public record Delete(
            @Id @Description("The id of the erased account.") String deletedCustomerId,
            @Description("Expected failures (invalid input, a rule of the shop); empty on success. When not empty, nothing was changed.") @NonNull List<@NonNull UserError> userErrors) {
    }
}
