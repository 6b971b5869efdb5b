package com.omnichannel.gateway.catalog;

/** GTIN barcodes (EAN-8, UPC-A, EAN-13, GTIN-14): digits with a mod-10 check digit. */
public final class Gtin {

    private Gtin() {
    }

    public static boolean isValid(String code) {
        if (code == null) {
            return false;
        }
        int length = code.length();
        if (length != 8 && length != 12 && length != 13 && length != 14) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        return checkDigit(code.substring(0, length - 1)) == code.charAt(length - 1) - '0';
    }

    /** The check digit for a GTIN body (all digits but the last). */
    public static int checkDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            // Weights alternate 3, 1, 3, ... starting from the digit next to the check digit.
            sum += (i % 2 == 0) ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10;
    }
}
