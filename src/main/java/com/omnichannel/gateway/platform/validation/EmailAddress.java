package com.omnichannel.gateway.platform.validation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for email addresses, wherever someone types one in (registration, profile, checkout).
 * Deliberately simple: something@domain.tld, no spaces, no empty domain label, a top-level domain of at least two
 * characters; whether the address exists is for a confirmation mail to find out.
 */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)*\\.[^@\\s.]{2,}$");

    private EmailAddress() {
    }

    /** Trimmed and lower-cased: the form emails are stored and looked up in. */
    public static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether the (trimmed) address is one we accept. */
    public static boolean isValid(String email) {
        return email != null && email.length() <= MAX_LENGTH && EMAIL.matcher(email).matches();
    }
}
