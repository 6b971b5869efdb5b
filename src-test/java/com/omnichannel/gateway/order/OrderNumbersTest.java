package com.omnichannel.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Order numbers: their alphabet, length and spread, and how typed numbers are read. */
class OrderNumbersTest {

    @Test
    void a_number_is_oc_and_two_groups_of_five_characters_without_look_alikes() {
        OrderNumbers numbers = new OrderNumbers();
        for (int i = 0; i < 1000; i++) {
            String number = numbers.next();
            assertThat(number).matches("OC-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}");
            assertThat(number.substring(3)).doesNotContain("0", "O", "1", "I", "L");
        }
        assertThat(OrderNumbers.ALPHABET).hasSize(31);
        assertThat(OrderNumbers.ALPHABET.chars().distinct().count()).isEqualTo(31);
    }

    @Test
    void every_character_of_the_alphabet_is_about_equally_likely_in_every_position() {
        OrderNumbers numbers = new OrderNumbers(new Random(42));
        int draws = 31_000;
        Map<Character, Integer>[] counts = new Map[10];
        for (int p = 0; p < 10; p++) {
            counts[p] = new HashMap<>();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < draws; i++) {
            String body = numbers.next().substring(3).replace("-", "");
            seen.add(body);
            for (int p = 0; p < 10; p++) {
                counts[p].merge(body.charAt(p), 1, Integer::sum);
            }
        }
        // 1,000 expected per character and position; a standard deviation of about 31.
        for (int p = 0; p < 10; p++) {
            assertThat(counts[p]).hasSize(31);
            assertThat(counts[p].values()).allSatisfy(n -> assertThat(n).isBetween(820, 1180));
        }
        assertThat(seen).hasSize(draws);
    }

    @Test
    void one_insert_is_offered_several_different_numbers() {
        assertThat(new OrderNumbers().candidates()).hasSize(OrderNumbers.CANDIDATES).doesNotHaveDuplicates();
    }

    @Test
    void typed_numbers_are_read_whatever_their_case_spacing_dashes_and_look_alikes() {
        String number = "OC-7KQ2M-XH4PD";
        assertThat(OrderNumbers.canonical(number)).isEqualTo(number);
        assertThat(OrderNumbers.canonical("oc-7kq2m-xh4pd")).isEqualTo(number);
        assertThat(OrderNumbers.canonical(" OC 7KQ2M XH4PD ")).isEqualTo(number);
        assertThat(OrderNumbers.canonical("OC7KQ2MXH4PD")).isEqualTo(number);
        assertThat(OrderNumbers.canonical("7kq2m-xh4pd")).isEqualTo(number);
        assertThat(OrderNumbers.canonical("0C-7KQ2-MXH4-PD")).isEqualTo(number);
    }

    @Test
    void numbers_issued_before_stay_readable_with_o_for_zero_and_i_or_l_for_one() {
        assertThat(OrderNumbers.canonical("OC-100042")).isEqualTo("OC-100042");
        assertThat(OrderNumbers.canonical("oc 1OOO42")).isEqualTo("OC-100042");
        assertThat(OrderNumbers.canonical("lOOO42")).isEqualTo("OC-100042");
        assertThat(OrderNumbers.canonical("OC-123456789")).isEqualTo("OC-123456789");
    }

    @Test
    void text_that_cannot_be_an_order_number_is_not_read_as_one() {
        assertThat(OrderNumbers.canonical("")).isNull();
        assertThat(OrderNumbers.canonical("OC-")).isNull();
        assertThat(OrderNumbers.canonical("OC-7KQ2M-XH4P")).isNull();
        assertThat(OrderNumbers.canonical("OC-7KQ2M-XH4PD2")).isNull();
        assertThat(OrderNumbers.canonical("OC-12345")).isNull();
        assertThat(OrderNumbers.canonical("OC-7KQ2M-XH4P!")).isNull();
        assertThat(OrderNumbers.canonical("OC-" + "7".repeat(40))).isNull();
        assertThat(OrderNumbers.canonical("NO-" + "1234abcd")).isNull();
    }
}
