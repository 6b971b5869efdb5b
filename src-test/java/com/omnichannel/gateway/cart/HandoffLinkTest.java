package com.omnichannel.gateway.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HandoffLinkTest {

    @Test
    void the_code_takes_the_place_of_the_placeholder_wherever_it_stands() {
        assertThat(HandoffLink.of("https://shop.example/handoff/{code}").forCode("ABCD2345")).isEqualTo("https://shop.example/handoff/ABCD2345");
        assertThat(HandoffLink.of("shopapp://claim?code={code}&from=kiosk").forCode("ABCD2345")).isEqualTo("shopapp://claim?code=ABCD2345&from=kiosk");
    }

    @Test
    void a_template_without_the_placeholder_is_refused() {
        assertThatThrownBy(() -> HandoffLink.of("https://shop.example/handoff")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{code}");
        assertThatThrownBy(() -> HandoffLink.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
