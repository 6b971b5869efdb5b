package com.omnichannel.gateway.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.errors.ErrorCode;
import com.omnichannel.gateway.platform.security.ChannelResolution.Refused;

/** The channel rule the HTTP gate and the resolvers share. */
class ChannelResolutionTest {

    private static final Set<String> ANONYMOUS = Set.of();
    private static final Set<String> CUSTOMER = Set.of(Role.CUSTOMER);
    private static final Set<String> KIOSK = Set.of(Role.KIOSK);
    private static final Set<String> STAFF = Set.of(Role.STAFF);
    private static final Set<String> ADMIN = Set.of(Role.ADMIN);

    private static Channel channel(Set<String> roles, Object claim, String header) {
        return ChannelResolution.of(roles, claim, header).orThrow();
    }

    @Test
    void without_a_header_staff_tokens_count_for_staff_and_everyone_else_for_web() {
        assertThat(channel(ANONYMOUS, null, null)).isEqualTo(Channel.WEB);
        assertThat(channel(CUSTOMER, null, " ")).isEqualTo(Channel.WEB);
        assertThat(channel(STAFF, null, null)).isEqualTo(Channel.STAFF);
        assertThat(channel(ADMIN, null, null)).isEqualTo(Channel.STAFF);
    }

    @Test
    void a_kiosk_token_or_a_kiosk_session_fixes_the_channel_whatever_the_header_says() {
        assertThat(channel(KIOSK, null, null)).isEqualTo(Channel.KIOSK);
        assertThat(channel(KIOSK, null, "WEB")).isEqualTo(Channel.KIOSK);
        assertThat(channel(CUSTOMER, "KIOSK", "MOBILE")).isEqualTo(Channel.KIOSK);
        assertThat(channel(CUSTOMER, "WEB", null)).isEqualTo(Channel.WEB);
    }

    @Test
    void the_header_chooses_web_or_mobile_for_anyone_in_any_case() {
        assertThat(channel(ANONYMOUS, null, "mobile")).isEqualTo(Channel.MOBILE);
        assertThat(channel(CUSTOMER, null, " Mobile ")).isEqualTo(Channel.MOBILE);
        assertThat(channel(STAFF, null, "WEB")).isEqualTo(Channel.WEB);
    }

    @Test
    void kiosk_and_staff_headers_need_a_token_with_that_role() {
        assertThat(channel(STAFF, null, "STAFF")).isEqualTo(Channel.STAFF);
        assertThat(channel(ADMIN, null, "staff")).isEqualTo(Channel.STAFF);
        for (String header : new String[] { "KIOSK", "STAFF" }) {
            ChannelResolution refused = ChannelResolution.of(CUSTOMER, null, header);
            assertThat(refused).isInstanceOf(Refused.class);
            assertThatThrownBy(refused::orThrow).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
            // Before GraphQL runs, the request is counted and checked under the channel it asked for.
            assertThat(refused.countedAs()).isEqualTo(Channel.valueOf(header));
        }
        assertThatThrownBy(() -> channel(STAFF, null, "KIOSK")).isInstanceOf(ApiException.class);
    }

    @Test
    void an_unknown_header_is_bad_user_input_even_with_a_kiosk_token() {
        for (Set<String> roles : List.of(ANONYMOUS, KIOSK, STAFF)) {
            ChannelResolution refused = ChannelResolution.of(roles, null, "FAX");
            assertThatThrownBy(refused::orThrow).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT));
        }
        assertThat(ChannelResolution.of(ANONYMOUS, null, "FAX").countedAs()).isEqualTo(Channel.WEB);
        assertThat(ChannelResolution.of(KIOSK, null, "FAX").countedAs()).isEqualTo(Channel.KIOSK);
        assertThat(ChannelResolution.of(STAFF, null, "FAX").countedAs()).isEqualTo(Channel.STAFF);
    }

    @Test
    void a_pos_header_needs_a_staff_or_integration_token_and_integrations_count_for_staff_without_one() {
        Set<String> integration = Set.of(Role.INTEGRATION);
        assertThat(channel(STAFF, null, "POS")).isEqualTo(Channel.POS);
        assertThat(channel(integration, null, "pos")).isEqualTo(Channel.POS);
        assertThat(channel(integration, null, null)).isEqualTo(Channel.STAFF);
        assertThat(channel(integration, null, "STAFF")).isEqualTo(Channel.STAFF);
        ChannelResolution refused = ChannelResolution.of(CUSTOMER, null, "POS");
        assertThatThrownBy(refused::orThrow).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(refused.countedAs()).isEqualTo(Channel.POS);
    }
}
