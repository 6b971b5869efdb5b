package com.omnichannel.gateway.checkout;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.order.PaymentMethod;
import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.validation.EmailAddress;
import com.omnichannel.gateway.platform.validation.IdempotencyKey;
import com.omnichannel.gateway.platform.validation.PhoneNumber;
import com.omnichannel.gateway.platform.validation.PostalAddressRules;
import com.omnichannel.gateway.store.Location;

/**
 * The rules a checkout's input must meet before anything is read or paid: the first one broken is the user error,
 * on its field. Emails, countries and postal codes follow the address book's rules ({@link EmailAddress},
 * {@link PostalAddressRules}), so checkout refuses what the address book refuses.
 */
final class CheckoutValidation {

    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final int MAX_FIELD = 100;
    static final int MAX_NOTE = 500;

    private final Predicate<String> shipsTo;
    private final Set<PaymentMethod> paymentMethods;

    /**
     * @param shipsTo        whether orders can be shipped to a country
     * @param paymentMethods the methods a payment provider takes
     */
    CheckoutValidation(Predicate<String> shipsTo, Set<PaymentMethod> paymentMethods) {
        this.shipsTo = shipsTo;
        this.paymentMethods = Set.copyOf(paymentMethods);
    }

    /** Null when the input may go on to checkout, else the first rule it breaks. */
    UserError check(CheckoutInputs.CheckoutComplete input, boolean signedIn) {
        if (!IdempotencyKey.isValid(input.idempotencyKey())) {
            return UserError.of("INVALID_IDEMPOTENCY_KEY", IdempotencyKey.RULE, "input", "idempotencyKey");
        }
        if (!signedIn && (input.email() == null || input.email().isBlank())) {
            return UserError.of("EMAIL_REQUIRED", "Guests must give an email address", "input", "email");
        }
        if (input.email() != null && !input.email().isBlank()
                && !EmailAddress.isValid(input.email().strip())) {
            return UserError.of("INVALID_EMAIL", "This is not a valid email address", "input", "email");
        }
        CheckoutInputs.CheckoutFulfilment fulfilment = input.fulfilment();
        if (fulfilment.type() == FulfilmentType.SHIP) {
            if (fulfilment.address() == null) {
                return UserError.of("ADDRESS_REQUIRED", "Shipping needs a delivery address", "input", "fulfilment", "address");
            }
            UserError address = address(fulfilment.address());
            if (address != null) {
                return address;
            }
        } else if (fulfilment.storeId() == null || GlobalId.tryDecode(Location.TYPE, fulfilment.storeId()) == null) {
            return UserError.of("INVALID_PICKUP_STORE", "Pickup and curbside need a store", "input", "fulfilment", "storeId");
        }
        if (fulfilment.curbsideNote() != null && fulfilment.curbsideNote().length() > MAX_NOTE) {
            return UserError.of("INVALID_NOTE", "The curbside note can have at most " + MAX_NOTE + " characters", "input", "fulfilment", "curbsideNote");
        }
        if (!paymentMethods.contains(input.payment().method())) {
            return UserError.of("PAYMENT_METHOD_UNAVAILABLE", "This payment method is not available", "input", "payment", "method");
        }
        return null;
    }

    private UserError address(CheckoutInputs.ShippingAddress a) {
        String[][] required = { { "firstName", a.firstName() }, { "lastName", a.lastName() }, { "line1", a.line1() },
                { "city", a.city() }, { "postalCode", a.postalCode() }, { "countryCode", a.countryCode() } };
        for (String[] field : required) {
            if (field[1] == null || field[1].isBlank()) {
                return UserError.of("INVALID_ADDRESS", "The address needs " + field[0], "input", "fulfilment", "address", field[0]);
            }
        }
        String[][] optional = { { "line2", a.line2() }, { "region", a.region() }, { "phone", a.phone() } };
        for (String[][] group : new String[][][] { required, optional }) {
            for (String[] field : group) {
                if (field[1] != null && field[1].length() > MAX_FIELD) {
                    return UserError.of("INVALID_ADDRESS", field[0] + " can have at most " + MAX_FIELD + " characters",
                            "input", "fulfilment", "address", field[0]);
                }
            }
        }
        // Orders keep the country code as given, so it must already be in upper case.
        if (!COUNTRY.matcher(a.countryCode()).matches()) {
            return UserError.of("INVALID_ADDRESS", "The country must be an ISO 3166-1 alpha-2 code such as DE", "input",
                    "fulfilment", "address", "countryCode");
        }
        if (a.phone() != null && !a.phone().isBlank() && !PhoneNumber.isValid(a.phone().strip())) {
            return UserError.of("INVALID_ADDRESS", "Phone must be a phone number, e.g. +49 30 1234567", "input", "fulfilment",
                    "address", "phone");
        }
        PostalAddressRules.Violation violation = PostalAddressRules.check(a.countryCode(), a.postalCode());
        if (violation != null) {
            return UserError.of("INVALID_ADDRESS", violation.reason(), "input", "fulfilment", "address", violation.field());
        }
        if (!shipsTo.test(a.countryCode())) {
            return UserError.of("SHIPPING_UNAVAILABLE", "We do not ship to " + a.countryCode(), "input", "fulfilment", "address", "countryCode");
        }
        return null;
    }
}
