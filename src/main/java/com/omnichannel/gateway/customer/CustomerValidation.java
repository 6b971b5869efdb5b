package com.omnichannel.gateway.customer;

import java.util.regex.Pattern;

import com.omnichannel.gateway.platform.errors.UserError;
import com.omnichannel.gateway.platform.validation.EmailAddress;
import com.omnichannel.gateway.platform.validation.PhoneNumber;
import com.omnichannel.gateway.platform.validation.PostalAddressRules;

/**
 * Rules for what customers type in: names, phone numbers and languages here; emails, countries and postal codes by
 * the rules checkout uses too ({@link EmailAddress}, {@link PostalAddressRules}, {@link PhoneNumber}).
 */
final class CustomerValidation {

    static final int MAX_EMAIL = EmailAddress.MAX_LENGTH;
    static final int MAX_NAME = 100;
    static final int MAX_LINE = 200;
    static final int MAX_CITY = 100;
    static final int MAX_REGION = 100;
    static final int MAX_COMPANY = 100;
    static final int MAX_ADDRESSES = 20;

    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Z]{2})?$");

    private CustomerValidation() {
    }

    /** Trimmed and lower-cased: the form emails are stored and looked up in. */
    static String normalizeEmail(String email) {
        return EmailAddress.normalize(email);
    }

    static boolean validEmail(String normalized) {
        return EmailAddress.isValid(normalized);
    }

    static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** A required text: present after trimming and within the limit; null when valid, else the error. */
    static UserError required(String value, int max, String label, String... field) {
        if (value == null || value.isBlank()) {
            return UserError.of("REQUIRED", label + " is required", field);
        }
        return tooLong(value, max, label, field);
    }

    static UserError tooLong(String value, int max, String label, String... field) {
        if (value != null && value.strip().codePointCount(0, value.strip().length()) > max) {
            return UserError.of("TOO_LONG", label + " may be at most " + max + " characters", field);
        }
        return null;
    }

    static UserError phone(String phone, String... field) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String p = phone.strip();
        if (!PhoneNumber.isValid(p)) {
            return UserError.of("INVALID_PHONE", "Phone must be a phone number, e.g. +49 30 1234567", field);
        }
        return null;
    }

    static UserError language(String language, String... field) {
        if (language != null && !LANGUAGE.matcher(language.strip()).matches()) {
            return UserError.of("INVALID_LANGUAGE", "Language must be a language tag like 'de' or 'en-GB'", field);
        }
        return null;
    }

    /** Upper-cased country code when it is an ISO 3166-1 alpha-2 code, else null. */
    static String country(String code) {
        return PostalAddressRules.country(code);
    }

    /** The postal code as stored (trimmed, upper-case) when valid for the country, else null. */
    static String postalCode(String postalCode, String country) {
        return PostalAddressRules.postalCode(postalCode, country);
    }

    /** Optional text: null or blank means none. */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
