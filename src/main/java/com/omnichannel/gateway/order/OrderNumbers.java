package com.omnichannel.gateway.order;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Order numbers as shoppers read them out at a counter and type them into the guest lookup: {@code OC-} and ten
 * characters in two groups of five, e.g. {@code OC-7KQ2M-XH4PD}, drawn from a {@link SecureRandom}. Neighbouring
 * orders have unrelated numbers, so knowing one's own number says nothing about anyone else's: with 31 symbols
 * there are 31^10 (about 8·10^14, 49 bits) numbers, against which the lookup's attempt limits make guessing hopeless.
 * The alphabet has no 0/O and no 1/I/L, which are mistaken for each other when read or typed.
 * <p>
 * Orders placed before carry {@code OC-} and digits ({@code OC-100042}) and keep them; {@link #canonical} reads both.
 */
@ApplicationScoped
public class OrderNumbers {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 10;
    static final int GROUP = 5;
    static final String PREFIX = "OC-";
    /**
     * Numbers offered to one insert, which takes the first not yet used; a collision is about one in 10^14 per
     * order, so three candidates never all collide in practice.
     */
    static final int CANDIDATES = 3;

    private volatile Supplier<String> draw;

    public OrderNumbers() {
        this(new SecureRandom());
    }

    OrderNumbers(Random random) {
        this.draw = () -> draw(random);
    }

    /** Replaces where numbers come from, so a test can force a collision. */
    void drawFrom(Supplier<String> source) {
        this.draw = source;
    }

    /** A fresh number. */
    public String next() {
        return draw.get();
    }

    /** Numbers for one insert, best first. */
    public List<String> candidates() {
        List<String> numbers = new ArrayList<>(CANDIDATES);
        for (int i = 0; i < CANDIDATES; i++) {
            numbers.add(next());
        }
        return numbers;
    }

    private static String draw(Random random) {
        StringBuilder number = new StringBuilder(PREFIX.length() + LENGTH + 1).append(PREFIX);
        for (int i = 0; i < LENGTH; i++) {
            if (i == GROUP) {
                number.append('-');
            }
            number.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return number.toString();
    }

    /**
     * The number as stored, from what a person typed: any case, with or without {@code OC}, spaces or dashes anywhere,
     * O for 0 and I or L for 1. That is safe because none of those letters is in the alphabet of new numbers and
     * numbers issued before are digits only. Null when the text cannot be an order number.
     */
    public static String canonical(String typed) {
        if (typed == null || typed.length() > 40) {
            return null;
        }
        String s = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-_.]", "");
        if (s.startsWith("OC") || s.startsWith("0C")) {
            s = s.substring(2);
        }
        s = s.replace('O', '0').replace('I', '1').replace('L', '1');
        if (s.length() == LENGTH && s.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return PREFIX + s.substring(0, GROUP) + "-" + s.substring(GROUP);
        }
        // Numbers issued before: a sequence that started at 100001 and has fewer than ten digits.
        if (s.length() >= 6 && s.length() < LENGTH && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return PREFIX + s;
        }
        return null;
    }
}
