package com.omnichannel.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.security.Caller;
import com.omnichannel.gateway.platform.security.Channel;
import com.omnichannel.gateway.platform.security.Role;

/** The pure rules of pickups: how codes are read, who sees them. */
class PickupRulesTest {

    @Test
    void a_code_is_read_without_spaces_dashes_or_case_and_from_the_end_of_a_qr_payload() {
        assertThat(Pickups.normalized(" k7m-x4q ")).isEqualTo("K7MX4Q");
        assertThat(Pickups.normalized("K7M X4Q")).isEqualTo("K7MX4Q");
        assertThat(Pickups.normalized("pickup:BER-01:K7MX4Q")).isEqualTo("K7MX4Q");
        assertThat(Pickups.normalized("https://shop.example/pickup/BER-01/k7mx4q")).isEqualTo("K7MX4Q");
        assertThat(Pickups.normalized(null)).isEmpty();
    }

    @Test
    void codes_use_no_characters_that_are_mistaken_for_each_other() {
        for (char c : "0O1IL2Z5S8B".toCharArray()) {
            assertThat(Pickups.ALPHABET).doesNotContain(String.valueOf(c));
        }
    }

    @Test
    void only_the_customer_who_placed_the_orders_sees_the_code_and_a_guest_only_where_guests_may() {
        Caller anna = new Caller("anna", Set.of(Role.CUSTOMER), Channel.MOBILE, null);
        Caller staff = new Caller("clerk", Set.of(Role.STAFF), Channel.STAFF, null);
        Caller anonymous = new Caller(null, Set.of(), Channel.WEB, null);
        assertThat(PickupQueries.isOwner(anna, List.of("anna"), true)).isTrue();
        assertThat(PickupQueries.isOwner(anna, List.of("ben"), true)).isFalse();
        assertThat(PickupQueries.isOwner(staff, List.of("anna"), true)).isFalse();
        assertThat(PickupQueries.isOwner(staff, List.of(""), true)).isFalse();
        assertThat(PickupQueries.isOwner(anonymous, List.of(""), true)).isTrue();
        assertThat(PickupQueries.isOwner(anonymous, List.of(""), false)).isFalse();
        assertThat(PickupQueries.isOwner(anonymous, List.of("anna"), true)).isFalse();
        assertThat(PickupQueries.isOwner(anna, List.of(), true)).isFalse();
    }
}
