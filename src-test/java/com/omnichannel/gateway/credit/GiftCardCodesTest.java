package com.omnichannel.gateway.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class GiftCardCodesTest {

    private final GiftCardCodes codes = new GiftCardCodes(new SecureRandom());

    @Test
    void a_code_is_sixteen_readable_characters_in_groups_of_four_and_codes_do_not_repeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = codes.next();
            assertThat(code).matches("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}");
            assertThat(seen.add(code)).isTrue();
        }
        // 32 symbols: 5 bits each, 80 bits a code.
        assertThat(GiftCardCodes.ALPHABET).hasSize(32).doesNotContain("0", "1", "O", "I");
    }

    @Test
    void a_code_typed_with_spaces_dashes_or_lower_case_is_the_same_code_and_anything_else_is_none() {
        assertThat(GiftCardCodes.normalized(" 7kq2 mxh4-PD9R-t3vn ")).isEqualTo("7KQ2MXH4PD9RT3VN");
        assertThat(GiftCardCodes.digest(GiftCardCodes.normalized("7kq2-mxh4-pd9r-t3vn")))
                .isEqualTo(GiftCardCodes.digest("7KQ2MXH4PD9RT3VN"));
        assertThat(GiftCardCodes.normalized("7KQ2-MXH4-PD9R")).isNull();
        assertThat(GiftCardCodes.normalized("7KQ2-MXH4-PD9R-T3V0")).isNull();
        assertThat(GiftCardCodes.normalized(null)).isNull();
        assertThat(GiftCardCodes.last4("7KQ2MXH4PD9RT3VN")).isEqualTo("T3VN");
    }

    @Test
    void a_sold_cards_code_is_the_first_80_bits_of_the_hmac_of_line_and_unit_in_the_readable_alphabet() throws Exception {
        byte[] secret = "a secret".getBytes(StandardCharsets.UTF_8);
        Set<String> seen = new HashSet<>();
        for (long line = 1; line <= 50; line++) {
            for (int unit = 0; unit < 20; unit++) {
                String code = GiftCardCodes.sold(secret, line, unit);
                assertThat(code).matches("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}");
                assertThat(GiftCardCodes.normalized(code)).isNotNull();
                assertThat(GiftCardCodes.sold(secret, line, unit)).isEqualTo(code);
                assertThat(seen.add(code)).isTrue();
            }
        }
        // The same bits read another way: the MAC's first 10 bytes as one number, 5 bits per character from the top.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] first80 = java.util.Arrays.copyOf(mac.doFinal("gift-card-sale:42:3".getBytes(StandardCharsets.UTF_8)), 10);
        BigInteger bits = new BigInteger(1, first80);
        StringBuilder expected = new StringBuilder();
        for (int i = 15; i >= 0; i--) {
            expected.append(GiftCardCodes.ALPHABET.charAt(bits.shiftRight(5 * i).intValue() & 0x1F));
        }
        assertThat(GiftCardCodes.normalized(GiftCardCodes.sold(secret, 42, 3))).isEqualTo(expected.toString());
        assertThat(GiftCardCodes.sold("another secret".getBytes(StandardCharsets.UTF_8), 42, 3)).isNotEqualTo(GiftCardCodes.sold(secret, 42, 3));
    }
}
