package com.omnichannel.gateway.credit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.omnichannel.gateway.platform.security.Secrets;

/**
 * Gift card codes: 16 characters drawn by a CSPRNG from 32 that cannot be mistaken for each other when read aloud or
 * off a receipt (no 0/O, no 1/I), so 80 random bits; written in groups of four. Only a code's digest is stored.
 */
final class GiftCardCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int LENGTH = 16;

    private final SecureRandom random;

    GiftCardCodes(SecureRandom random) {
        this.random = random;
    }

    /** A new code as it is printed, e.g. {@code 7KQ2-MXH4-PD9R-T3VN}. */
    String next() {
        StringBuilder code = new StringBuilder(LENGTH + 3);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The code of the {@code unitIndex}-th card an order line sold: the first 80 bits of HMAC-SHA256 over (line,
     * unit) under the server secret, in the same alphabet and groups as a drawn code. The same line and unit always
     * give the same code, so the buyer can read it again while only its digest is stored; without the secret the
     * codes are as unguessable as drawn ones.
     */
    static String sold(byte[] secret, long orderLineKey, int unitIndex) {
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac = hmac.doFinal(("gift-card-sale:" + orderLineKey + ":" + unitIndex).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JVM has no HmacSHA256", e);
        }
        StringBuilder code = new StringBuilder(LENGTH + 3);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            // 5 bits per character: bits [5i, 5i + 5) of the MAC, big-endian.
            int bit = 5 * i;
            int pair = ((mac[bit / 8] & 0xFF) << 8) | (mac[bit / 8 + 1] & 0xFF);
            code.append(ALPHABET.charAt((pair >>> (11 - bit % 8)) & 0x1F));
        }
        return code.toString();
    }

    /** A code as typed (spaces, dashes and case do not matter), or null when it cannot be a code. */
    static String normalized(String typed) {
        if (typed == null || typed.length() > 64) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
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

    /** What is stored and looked up: the digest of the normalised code. */
    static String digest(String normalizedCode) {
        return Secrets.sha256Hex("gift-card:" + normalizedCode);
    }

    static String last4(String normalizedCode) {
        return normalizedCode.substring(LENGTH - 4);
    }
}
