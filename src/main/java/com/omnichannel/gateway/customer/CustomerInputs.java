package com.omnichannel.gateway.customer;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import com.omnichannel.gateway.platform.security.Channel;

/** The inputs of the customer mutations. */
final class CustomerInputs {

    private CustomerInputs() {
    }

    @Input("CustomerRegisterInput")
    public record Register(@NonNull String email,
            @NonNull @Description("10 to 128 characters, of at least two kinds (letters, digits, other characters).") String password,
            @NonNull String firstName, @NonNull String lastName, String phone,
            @Description("e.g. 'de' or 'en-GB'; defaults to 'en'.") String language,
            @Description("Consents given (or refused) while registering; purposes left out are not given.") List<ConsentInput> consents) {
    }

    @Input("ConsentInput")
    public record ConsentInput(@NonNull ConsentPurpose purpose, boolean granted) {
    }

    @Input("CustomerSignInInput")
    public record SignIn(@NonNull String email, @NonNull String password) {
    }

    @Input("TokenRefreshInput")
    public record TokenRefresh(@NonNull String refreshToken) {
    }

    @Input("CustomerSignOutInput")
    public record SignOut(@NonNull @Description("The session's current refresh token.") String refreshToken) {
    }

    @Input("StaffSignInInput")
    public record StaffSignIn(@NonNull String email, @NonNull String password) {
    }

    @Input("CustomerUpdateInput")
    @Description("Fields left out (or null) keep their value; an empty phone or preferredStoreId removes it.")
    public record Update(String firstName, String lastName, String phone, String language, @Id String preferredStoreId,
            Channel preferredChannel) {
    }

    @Input("CustomerConsentSetInput")
    public record ConsentSet(@NonNull ConsentPurpose purpose, boolean granted) {
    }

    @Input("CustomerAddressCreateInput")
    public record AddressCreate(@NonNull String firstName, @NonNull String lastName, String company, @NonNull String line1,
            String line2, @NonNull String city, @NonNull String postalCode, String region,
            @NonNull @Description("ISO 3166-1 alpha-2, e.g. 'DE'.") String countryCode, String phone,
            @Description("Make this the default shipping address (the previous default loses it).") Boolean defaultShipping) {
    }

    @Input("CustomerAddressUpdateInput")
    @Description("Fields left out (or null) keep their value; an empty company, line2, region or phone removes it.")
    public record AddressUpdate(@NonNull @Id String id, String firstName, String lastName, String company, String line1,
            String line2, String city, String postalCode, String region, String countryCode, String phone,
            Boolean defaultShipping) {
    }

    @Input("CustomerAddressDeleteInput")
    public record AddressDelete(@NonNull @Id String id) {
    }

    @Input("CustomerDeleteInput")
    public record Delete(@NonNull @Description("The current password, to confirm.") String password) {
    }
}
