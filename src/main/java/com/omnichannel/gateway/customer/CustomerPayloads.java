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
    public record Session(Customer customer, AuthTokens tokens, @NonNull List<@NonNull UserError> userErrors) {
        static Session failed(UserError error) {
            return new Session(null, null, List.of(error));
        }
    }

    @Name("CustomerSignOutPayload")
    public record SignOut(@Description("True when the session was ended (or had already ended).") boolean signedOut,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Name("StaffSignInPayload")
    public record StaffSession(AuthTokens tokens, @NonNull List<@NonNull String> roles, @NonNull List<@NonNull UserError> userErrors) {
        static StaffSession failed(UserError error) {
            return new StaffSession(null, List.of(), List.of(error));
        }
    }

    @Name("CustomerPayload")
    public record Profile(Customer customer, @NonNull List<@NonNull UserError> userErrors) {
        static Profile failed(UserError error) {
            return new Profile(null, List.of(error));
        }
    }

    @Name("CustomerAddressPayload")
    public record Address(CustomerAddress address, @NonNull List<@NonNull UserError> userErrors) {
        static Address failed(UserError error) {
            return new Address(null, List.of(error));
        }
    }

    @Name("CustomerAddressDeletePayload")
    public record AddressDelete(@Id String deletedAddressId, @NonNull List<@NonNull UserError> userErrors) {
    }

    @Name("CustomerDeletePayload")
    public record Delete(@Id @Description("The id of the erased account.") String deletedCustomerId,
            @NonNull List<@NonNull UserError> userErrors) {
    }
}
