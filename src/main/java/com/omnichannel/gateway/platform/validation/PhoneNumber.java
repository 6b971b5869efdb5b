package com.omnichannel.gateway.platform.validation;

import java.util.regex.Pattern;

/**
 * The one rule for phone numbers on addresses, in the address book and at checkout: digits with the usual
 * separators and an optional leading +, at least five digits.
 */
public final class PhoneNumber {

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()/.-]{5,25}$");

    private PhoneNumber() {
    }

    /** Whether the (trimmed) number is one we accept. */
    public static boolean isValid(String phone) {
        return phone != null && PHONE.matcher(phone).matches() && phone.chars().filter(Character::isDigit).count() >= 5;
    }
}
