package com.omnichannel.gateway.customer;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.omnichannel.gateway.platform.graphql.SelectedFields;
import com.omnichannel.gateway.platform.paging.PageRequest;
import com.omnichannel.gateway.platform.security.CallerResolver;
import com.omnichannel.gateway.store.Location;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class CustomerGraphQLApi {

    private final CustomerService customers;
    private final CustomerAuthService auth;
    private final CustomerPrivacyService privacy;
    private final CallerResolver callers;
    private final SelectedFields selected;

    public CustomerGraphQLApi(CustomerService customers, CustomerAuthService auth, CustomerPrivacyService privacy,
            CallerResolver callers, SelectedFields selected) {
        this.selected = selected;
        this.customers = customers;
        this.auth = auth;
        this.privacy = privacy;
        this.callers = callers;
    }

    // ---- identity

    @Mutation("customerRegister")
    @Description("Create a customer account and sign in (at a kiosk: a kiosk session). Registrations are limited per "
            + "client address (RATE_LIMITED).")
    public Uni<CustomerPayloads.@NonNull Session> customerRegister(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.Register input) {
        return auth.register(callers.current(), callers.clientAddressKey(), input);
    }

    @Mutation("customerSignIn")
    @Description("Sign in with email and password: a short-lived access token and a refresh token. From a kiosk: a short "
            + "kiosk session bound to the kiosk's store, without a refresh token. Attempts are limited per account and per "
            + "client address (RATE_LIMITED); a wrong email and a wrong password give the same INVALID_CREDENTIALS.")
    public Uni<CustomerPayloads.@NonNull Session> customerSignIn(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.SignIn input) {
        return auth.signIn(callers.current(), callers.clientAddressKey(), input);
    }

    @Mutation("tokenRefresh")
    @Description("Exchange a refresh token (once) for a new access token and a new refresh token. Presenting a refresh "
            + "token a second time ends every session of that sign-in (REFRESH_TOKEN_REUSED).")
    public Uni<CustomerPayloads.@NonNull Session> tokenRefresh(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.TokenRefresh input) {
        return auth.refresh(input);
    }

    @Mutation("customerSignOut")
    @Description("End the session of this refresh token: it and every token refreshed from it stop working. The access "
            + "token stays valid until it expires (minutes).")
    public Uni<CustomerPayloads.@NonNull SignOut> customerSignOut(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.SignOut input) {
        return auth.signOut(input);
    }

    @Mutation("staffSignIn")
    @Description("Store staff: sign in with email and password for a staff token (no refresh token). Limited like "
            + "customerSignIn.")
    public Uni<CustomerPayloads.@NonNull StaffSession> staffSignIn(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.StaffSignIn input) {
        return auth.staffSignIn(callers.clientAddressKey(), input);
    }

    // ---- profile

    @Query("me")
    @Description("The signed-in customer's own profile, addresses, preferences, consents and activity.")
    public Uni<@NonNull Customer> me() {
        return customers.me(callers.current(), selected.contain("addresses"), selected.contain("consents"));
    }

    @Mutation("customerUpdate")
    @Description("Change the signed-in customer's profile and preferences.")
    public Uni<CustomerPayloads.@NonNull Profile> customerUpdate(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.Update input) {
        return customers.update(callers.current(), input);
    }

    @Mutation("customerConsentSet")
    @Description("Give or withdraw a consent; the change is recorded with the time and the channel.")
    public Uni<CustomerPayloads.@NonNull Profile> customerConsentSet(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.ConsentSet input) {
        return customers.setConsent(callers.current(), input);
    }

    @Description("Add an address to the signed-in customer's address book.")
    @Mutation("customerAddressCreate")
    public Uni<CustomerPayloads.@NonNull Address> customerAddressCreate(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.AddressCreate input) {
        return customers.createAddress(callers.current(), input);
    }

    @Description("Change an address of the signed-in customer; fields left out keep their value.")
    @Mutation("customerAddressUpdate")
    public Uni<CustomerPayloads.@NonNull Address> customerAddressUpdate(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.AddressUpdate input) {
        return customers.updateAddress(callers.current(), input);
    }

    @Description("Delete an address from the signed-in customer's address book.")
    @Mutation("customerAddressDelete")
    public Uni<CustomerPayloads.@NonNull AddressDelete> customerAddressDelete(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.AddressDelete input) {
        return customers.deleteAddress(callers.current(), input);
    }

    // ---- privacy

    @Query("customerDataExport")
    @Description("Everything held about the signed-in customer (profile, addresses, consents with their history, "
            + "activity, sessions, orders, cart, ...) as one JSON document. Not in a kiosk session.")
    public Uni<@NonNull CustomerDataExport> customerDataExport() {
        return privacy.export(callers.current());
    }

    @Mutation("customerDelete")
    @Description("Erase the signed-in customer's account after confirming the password: profile, addresses, consents, "
            + "activity and sessions are deleted, the cart dropped; orders keep their figures with the personal fields "
            + "anonymised. Every token of the account stops working. Not in a kiosk session. Password attempts are limited per "
            + "account like sign-ins (RATE_LIMITED).")
    public Uni<CustomerPayloads.@NonNull Delete> customerDelete(
            @Description("What to do; see the input type's fields.") @NonNull CustomerInputs.Delete input) {
        return privacy.delete(callers.current(), input);
    }

    // ---- relationships


    @Name("addresses")
    @Description("The address book, oldest first.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull CustomerAddress>>> addresses(@Source List<Customer> parents) {
        return customers.addressesOf(parents);
    }

    @Name("consents")
    @Description("One entry per purpose.")
    @NonNull
    public Uni<List<@NonNull List<@NonNull Consent>>> consents(@Source List<Customer> parents) {
        return customers.consentsOf(parents);
    }

    @Description("The customer's home store (e.g. default pickup store); null when not chosen.")
    @Name("preferredStore")
    public Uni<List<Location>> preferredStore(@Source List<CustomerPreferences> parents) {
        return customers.preferredStoresOf(parents);
    }

    @Name("events")
    @Description("What the customer did on every channel, newest first; 'first' defaults to 20 and may be at most 100.")
    public Uni<@NonNull CustomerEventConnection> events(
            @Source Customer customer,
            @Description("How many items to return, at most 100 (default 20).") Integer first,
            @Description("The endCursor of the previous page; leave out for the first page.") String after) {
        return customers.events(customer, PageRequest.of(first, after, "customer-events"));
    }
}
