package com.omnichannel.gateway.platform.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Parses the UTC timestamps this service writes ({@code OffsetDateTime.now(UTC).toString()}, e.g.
 * {@code 2026-11-23T07:30:01.123456Z}) without the general ISO formatter, which took about 5 % of an add-to-cart's
 * CPU for the dozen timestamps of a cart. Anything not of exactly that shape goes to {@link OffsetDateTime#parse}.
 * <p>
 * Writes the one shape the API answers with: UTC, exactly three fraction digits and {@code Z}
 * ({@code 2026-12-06T23:01:02.120Z}), whatever precision the source had (PostgreSQL keeps microseconds, the clock
 * nanoseconds, some values none): clients compare and sort the strings, and a cache sees one value as one string.
 */
public final class UtcTimestamps {

    private UtcTimestamps() {
    }

    public static OffsetDateTime parse(String text) {
        OffsetDateTime fast = parseUtc(text);
        return fast != null ? fast : OffsetDateTime.parse(text);
    }

    private static final DateTimeFormatter MILLISECONDS_UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    /** The instant in UTC with exactly milliseconds (truncated, never rounded up into the next second). */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return MILLISECONDS_UTC.format(t.truncatedTo(ChronoUnit.MILLIS));
        }
        char[] out = new char[24];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, t.getHour(), 2);
        out[13] = ':';
        put(out, 14, t.getMinute(), 2);
        out[16] = ':';
        put(out, 17, t.getSecond(), 2);
        out[19] = '.';
        put(out, 20, t.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    public static String format(OffsetDateTime time) {
        return format(time.toInstant());
    }

    /** value as exactly width decimal digits, zero-padded, at out[at]. */
    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** yyyy-MM-ddTHH:mm[:ss[.fraction]]Z, or null for any other shape. */
    private static OffsetDateTime parseUtc(String s) {
        int n = s.length();
        if (n < 17 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = 0;
        int nanos = 0;
        int end = n - 1; // before the 'Z'
        int i = 16;
        if (i < end) {
            if (s.charAt(i) != ':' || i + 3 > end) {
                return null;
            }
            second = digits(s, i + 1, i + 3);
            i += 3;
            if (i < end) {
                int fractionDigits = end - i - 1;
                if (s.charAt(i) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                    return null;
                }
                int fraction = digits(s, i + 1, end);
                if (fraction < 0) {
                    return null;
                }
                for (int k = fractionDigits; k < 9; k++) {
                    fraction *= 10;
                }
                nanos = fraction;
            }
        } else if (i != end) {
            return null;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null; // out of range (e.g. month 13): let the general parser say so
        }
    }

    /** The decimal number in s[from, to), or -1 if any character is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
