package com.omnichannel.gateway.customer;

/**
 * The password policy: 10 to 128 characters, not all of one kind (at least two of letters, digits and other
 * characters), and not the same character repeated. Long passphrases are welcome; the rest is left to the customer.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    static final String DESCRIPTION = "Password must be " + MIN_LENGTH + " to " + MAX_LENGTH
            + " characters and mix at least two kinds of letters, digits and other characters";

    private PasswordPolicy() {
    }

    /** Whether the password may be used. */
    static boolean accepts(String password) {
        if (password == null) {
            return false;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return false;
        }
        boolean letter = password.codePoints().anyMatch(Character::isLetter);
        boolean digit = password.codePoints().anyMatch(Character::isDigit);
        boolean other = password.codePoints().anyMatch(c -> !Character.isLetterOrDigit(c));
        int kinds = (letter ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        boolean oneCharacter = password.codePoints().distinct().count() == 1;
        return kinds >= 2 && !oneCharacter;
    }
}
