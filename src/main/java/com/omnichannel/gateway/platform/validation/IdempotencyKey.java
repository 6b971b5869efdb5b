package com.omnichannel.gateway.platform.validation;

import java.util.regex.Pattern;

/** The one rule for client-supplied idempotency keys (checkout, stock sync, POS sales): 8 to 128 visible ASCII characters. */
public final class IdempotencyKey {

    public static final String RULE = "The idempotency key must be 8 to 128 visible ASCII characters (a UUID is ideal)";

    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{8,128}$");

    private IdempotencyKey() {
    }

    /** Whether the key, once stripped of surrounding white space, is one we accept. */
    public static boolean isValid(String key) {
        return key != null && KEY.matcher(key.strip()).matches();
    }
}
