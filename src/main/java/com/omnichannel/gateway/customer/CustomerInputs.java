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

    @Description("A new customer account.")
    @Input("CustomerRegisterInput")
    public record Register(
            @Description("Sign-in email; must not be registered yet.") @NonNull String email,
            @NonNull @Description("10 to 128 characters, of at least two kinds (letters, digits, other characters).") String password,
            @Description("First name.") @NonNull String firstName,
            @Description("Last name.") @NonNull String lastName,
            @Description("Phone number, e.g. +49 30 555000.") String phone,
            @Description("e.g. 'de' or 'en-GB'; defaults to 'en'.") String language,
            @Description("Consents given (or refused) while registering; purposes left out are not given.") List<ConsentInput> consents) {
    }

    @Description("A consent given or refused at registration.")
    @Input("ConsentInput")
    public record ConsentInput(
            @Description("What the consent is for.") @NonNull ConsentPurpose purpose,
            @Description("Whether the customer agrees.") boolean granted) {
    }

    @Description("Email and password.")
    @Input("CustomerSignInInput")
    public record SignIn(
            @Description("The account's email (case does not matter).") @NonNull String email,
            @Description("The account's password.") @NonNull String password) {
    }

    @Description("The refresh token to exchange.")
    @Input("TokenRefreshInput")
    public record TokenRefresh(
            @Description("The refresh token from sign-in or the last refresh; valid once.") @NonNull String refreshToken) {
    }

    @Description("The session to end.")
    @Input("CustomerSignOutInput")
    public record SignOut(@NonNull @Description("The session's current refresh token.") String refreshToken) {
    }

    @Description("A staff member's email and password.")
    @Input("StaffSignInInput")
    public record StaffSignIn(
            @Description("The staff account's email.") @NonNull String email,
            @Description("The staff account's password.") @NonNull String password) {
    }

    @Input("CustomerUpdateInput")
    @Description("Fields left out (or null) keep their value; an empty phone or preferredStoreId removes it.")
    public record Update(
            @Description("New first name; leave out to keep.") String firstName,
            @Description("New last name; leave out to keep.") String lastName,
            @Description("New phone number; leave out to keep.") String phone,
            @Description("Preferred language, e.g. de or en; leave out to keep.") String language,
            @Description("Home store (Location.id); leave out to keep.") @Id String preferredStoreId,
            @Description("Preferred channel; leave out to keep.") Channel preferredChannel) {
    }

    @Description("A consent to give or withdraw.")
    @Input("CustomerConsentSetInput")
    public record ConsentSet(
            @Description("What the consent is for.") @NonNull ConsentPurpose purpose,
            @Description("Give it (true) or withdraw it (false).") boolean granted) {
    }

    @Description("A new address for the address book.")
    @Input("CustomerAddressCreateInput")
    public record AddressCreate(
            @Description("Recipient's first name.") @NonNull String firstName,
            @Description("Recipient's last name.") @NonNull String lastName,
            @Description("Company name; leave out for private addresses.") String company,
            @Description("Street and house number.") @NonNull String line1,
            @Description("Second address line.") String line2,
            @Description("City or town.") @NonNull String city,
            @Description("Postal code, checked for the country.") @NonNull String postalCode,
            @Description("State or region.") String region,
            @NonNull @Description("ISO 3166-1 alpha-2, e.g. 'DE'.") String countryCode,
            @Description("Recipient's phone number, e.g. +49 30 555000.") String phone,
            @Description("Make this the default shipping address (the previous default loses it).") Boolean defaultShipping) {
    }

    @Input("CustomerAddressUpdateInput")
    @Description("Fields left out (or null) keep their value; an empty company, line2, region or phone removes it.")
    public record AddressUpdate(
            @Description("The address (CustomerAddress.id).") @NonNull @Id String id,
            @Description("New first name; leave out to keep.") String firstName,
            @Description("New last name; leave out to keep.") String lastName,
            @Description("New company name; leave out to keep.") String company,
            @Description("New street and house number; leave out to keep.") String line1,
            @Description("New second line; leave out to keep.") String line2,
            @Description("New city; leave out to keep.") String city,
            @Description("New postal code; leave out to keep.") String postalCode,
            @Description("New region; leave out to keep.") String region,
            @Description("New country, ISO 3166-1 alpha-2; leave out to keep.") String countryCode,
            @Description("New phone number; leave out to keep.") String phone,
            @Description("Whether it is the default shipping address; leave out to keep.") Boolean defaultShipping) {
    }

    @Description("The address to delete.")
    @Input("CustomerAddressDeleteInput")
    public record AddressDelete(@Description("The address (CustomerAddress.id).") @NonNull @Id String id) {
    }

    @Description("Confirmation for erasing the account.")
    @Input("CustomerDeleteInput")
    public record Delete(@NonNull @Description("The current password, to confirm.") String password) {
    }
}
