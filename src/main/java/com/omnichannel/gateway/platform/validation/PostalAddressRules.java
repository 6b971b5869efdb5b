package com.omnichannel.gateway.platform.validation;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for the country and postal code of an address, in the address book and at checkout: ISO 3166-1
 * alpha-2 countries, and postal codes in their country's format where we know it.
 */
public final class PostalAddressRules {

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
    /** 2 to 11 letters, digits, spaces or dashes, starting and ending with a letter or digit. */
    private static final Pattern POSTAL_CODE = Pattern.compile("^[A-Z0-9][A-Z0-9 -]{0,9}[A-Z0-9]$");

    private PostalAddressRules() {
    }

    /** A broken rule: the field at fault ({@code countryCode} or {@code postalCode}) and why. */
    public record Violation(String field, String reason) {
    }

    /** The upper-cased country code when it is an ISO 3166-1 alpha-2 code, else null. */
    public static String country(String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip().toUpperCase(Locale.ROOT);
        return c.length() == 2 && COUNTRIES.contains(c) ? c : null;
    }

    /** The postal code as stored (trimmed, upper-case) when valid for the country, else null. */
    public static String postalCode(String postalCode, String country) {
        if (postalCode == null) {
            return null;
        }
        String p = postalCode.strip().toUpperCase(Locale.ROOT);
        Pattern specific = country == null ? null : POSTAL_CODES.get(country);
        return (specific != null ? specific : POSTAL_CODE).matcher(p).matches() ? p : null;
    }

    /** Null when country and postal code are valid together, else the first rule they break. */
    public static Violation check(String countryCode, String postalCode) {
        String country = country(countryCode);
        if (country == null) {
            return new Violation("countryCode", "Country must be an ISO 3166-1 alpha-2 code, e.g. DE");
        }
        if (postalCode(postalCode, country) == null) {
            return new Violation("postalCode", "Not a valid postal code for " + country);
        }
        return null;
    }
}
