package com.omnichannel.gateway.platform.money;

import java.math.BigDecimal;
import java.util.Currency;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * An amount of money. Stored everywhere as integer minor units; shown to clients as a decimal string so no
 * client ever parses money into a binary floating-point number.
 */
@Description("An amount of money: a decimal string and an ISO 4217 currency code.")
public record Money(@NonNull @Description("Decimal amount, e.g. \"19.99\"") String amount,
        @NonNull @Description("ISO 4217 currency code, e.g. EUR") String currencyCode) {

    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(plain(minorUnits, fractionDigits(currencyCode)), currencyCode);
    }

    /**
     * Minor units written as the decimal they stand for, exactly as {@code BigDecimal.valueOf(minorUnits,
     * digits).toPlainString()} writes it, without making the decimal: every price, line and total of an answer is
     * written so, and the decimal's making and writing was a fiftieth of an order history's CPU.
     */
    static String plain(long minorUnits, int digits) {
        if (digits == 0 || minorUnits == Long.MIN_VALUE || digits > 18) {
            return BigDecimal.valueOf(minorUnits, digits).toPlainString();
        }
        boolean negative = minorUnits < 0;
        String units = Long.toString(negative ? -minorUnits : minorUnits);
        int whole = units.length() - digits;
        StringBuilder text = new StringBuilder(units.length() + digits + 3);
        if (negative) {
            text.append('-');
        }
        if (whole > 0) {
            text.append(units, 0, whole).append('.').append(units, whole, units.length());
        } else {
            text.append("0.");
            for (int zero = whole; zero < 0; zero++) {
                text.append('0');
            }
            text.append(units);
        }
        return text.toString();
    }

    public static Money ofMinorOrNull(Long minorUnits, String currencyCode) {
        return minorUnits == null ? null : ofMinor(minorUnits, currencyCode);
    }

    /** This amount in minor units. */
    public long minorUnits() {
        return toMinor(amount, currencyCode);
    }

    /**
     * Parses a client-supplied decimal amount into minor units.
     *
     * @throws IllegalArgumentException when it is not a plain decimal with at most the currency's fraction digits
     */
    public static long toMinor(String amount, String currencyCode) {
        if (amount == null || amount.isBlank() || amount.length() > 20) {
            throw new IllegalArgumentException("Amount must be a decimal number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Amount must be a decimal number");
        }
        int digits = fractionDigits(currencyCode);
        if (value.scale() > digits) {
            throw new IllegalArgumentException("Amount has more than " + digits + " decimal places");
        }
        try {
            return value.movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Amount is out of range");
        }
    }

    private static int fractionDigits(String currencyCode) {
        int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
        return Math.max(digits, 0);
    }
}
