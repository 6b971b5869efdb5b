package com.omnichannel.gateway.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

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
}
