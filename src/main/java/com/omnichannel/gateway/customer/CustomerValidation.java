package com.omnichannel.gateway.customer;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.omnichannel.gateway.platform.errors.UserError;

/** Rules for what customers type in: emails, names, phone numbers, languages and addresses. */
final class CustomerValidation {

    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 100;
    static final int MAX_LINE = 200;
    static final int MAX_CITY = 100;
    static final int MAX_REGION = 100;
    static final int MAX_COMPANY = 100;
    static final int MAX_ADDRESSES = 20;

    // Deliberately simple: something@domain.tld, no spaces; whether it exists is for a confirmation mail to find out.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()/.-]{5,25}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Z]{2})?$");
    private static final Pattern POSTAL_CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 -]{0,10}[A-Za-z0-9]$|^[0-9A-Za-z]$");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Postal code formats of the countries we ship to most; others get the general rule. */
    private static final Map<String, Pattern> POSTAL_CODES = Map.of(
            "DE", Pattern.compile("^[0-9]{5}$"),
            "AT", Pattern.compile("^[0-9]{4}$"),
            "CH", Pattern.compile("^[0-9]{4}$"),
            "FR", Pattern.compile("^[0-9]{5}$"),
            "NL", Pattern.compile("^[0-9]{4} ?[A-Z]{2}$"),
            "US", Pattern.compile("^[0-9]{5}(-[0-9]{4})?$"),
            "GB", Pattern.compile("^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"));

    private CustomerValidation() {
    }

    /** Trimmed and lower-cased: the form emails are stored and looked up in. */
    static String normalizeEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    static boolean validEmail(String normalized) {
        return normalized.length() <= MAX_EMAIL && EMAIL.matcher(normalized).matches();
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
        if (!PHONE.matcher(p).matches() || p.chars().filter(Character::isDigit).count() < 5) {
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
        if (code == null) {
            return null;
        }
        String c = code.strip().toUpperCase(Locale.ROOT);
        return c.length() == 2 && COUNTRIES.contains(c) ? c : null;
    }

    /** The postal code as stored (trimmed, upper-case) when valid for the country, else null. */
    static String postalCode(String postalCode, String country) {
        if (postalCode == null) {
            return null;
        }
        String p = postalCode.strip().toUpperCase(Locale.ROOT);
        Pattern specific = country == null ? null : POSTAL_CODES.get(country);
        boolean valid = specific != null ? specific.matcher(p).matches() : POSTAL_CODE.matcher(p).matches();
        return valid ? p : null;
    }

    /** Optional text: null or blank means none. */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
