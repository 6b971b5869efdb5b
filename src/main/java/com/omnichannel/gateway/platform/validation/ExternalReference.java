package com.omnichannel.gateway.platform.validation;

import java.util.regex.Pattern;

/**
 * The one rule for the keys other systems (POS, WMS, ERP) give our variants and locations: printable characters
 * without spaces at either end, 1 to 100 of them, compared exactly (case matters, as it does in those systems).
 */
public final class ExternalReference {

    public static final int MAX_LENGTH = 100;

    private static final Pattern REFERENCE = Pattern.compile("^\\S(?:[\\x20-\\x7E\\p{L}\\p{N}]*\\S)?$");

    private ExternalReference() {
    }

    public static boolean isValid(String reference) {
        return reference != null && reference.length() <= MAX_LENGTH && REFERENCE.matcher(reference).matches();
    }
}
