package com.omnichannel.gateway.cart;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Hand-off codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 40 bits. With a
 * five-minute life, single use and at most ten claim attempts per client per quarter hour, guessing one is
 * hopeless. Shown as XXXX-XXXX; typed in any case, with or without spaces and dashes.
 */
final class HandoffCode {

    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 8;

    private HandoffCode() {
    }

    static String generate(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** The canonical code, or null when the input cannot be one. */
    static String normalize(String input) {
        if (input == null || input.length() > 40) {
            return null;
        }
        String code = input.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH) {
            return null;
        }
        for (int i = 0; i < code.length(); i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return null;
            }
        }
        return code;
    }
}
