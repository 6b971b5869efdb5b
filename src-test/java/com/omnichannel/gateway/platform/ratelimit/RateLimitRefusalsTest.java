package com.omnichannel.gateway.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every refusal by a rate limit says when to try again: {@code retryAfterSeconds} on the user error of the
 * mutations that answer with one (sign-in, staff sign-in, account erasure, cart hand-off claims) and in the
 * extensions of the top-level {@code RATE_LIMITED} error of the others (guest order lookups here; registration in
 * {@code RegistrationLimitTest}, checkout in {@code CheckoutTest}). Guest order lookups are limited per order
 * number and per client address, each alias counting as an attempt.
 */
@QuarkusTest
class RateLimitRefusalsTest {

    static final String STAFF_SIGN_IN = "mutation($input: StaffSignInInput!) { staffSignIn(input: $input) { tokens { accessToken } userErrors { code field message retryAfterSeconds } } }";
    static final String SIGN_IN = "mutation($input: CustomerSignInInput!) { customerSignIn(input: $input) { tokens { accessToken } userErrors { code field message retryAfterSeconds } } }";
    static final String DELETE = "mutation($input: CustomerDeleteInput!) { customerDelete(input: $input) { deletedCustomerId userErrors { code field message retryAfterSeconds } } }";
    static final String CLAIM = "mutation($input: CartHandoffClaimInput!) { cartHandoffClaim(input: $input) { cart { id } userErrors { code field message retryAfterSeconds } } }";
    static final String LOOKUP = "query($n: String!, $e: String!) { orderLookup(number: $n, email: $e) { number } }";

    @Inject
    RedisDataSource redis;

    @Inject
    TestData data;

    private void freshAddressBudgets() {
        redis.key().del(Accounts.addressAttemptKeys().toArray(String[]::new));
        redis.key().del("order-lookups-per-address:{ip:127.0.0.1}", "order-lookups-per-address:{ip:0:0:0:0:0:0:0:1}");
    }

    /** The user error of the attempt after the limit: its code, and a wait within the window. */
    private static void assertRefusedWithWait(JsonPath refused, String path, String code, long windowSeconds) {
        assertThat(refused.getString(path + ".userErrors[0].code")).as(refused.prettify()).isEqualTo(code);
        assertThat(refused.getLong(path + ".userErrors[0].retryAfterSeconds")).isBetween(1L, windowSeconds);
        assertThat(refused.getString(path + ".userErrors[0].message")).contains(refused.getString(path + ".userErrors[0].retryAfterSeconds") + " seconds");
    }

    @Test
    void a_customer_sign_in_refused_by_its_limit_says_when_to_try_again() {
        freshAddressBudgets();
        Map<String, Object> input = Map.of("email", Accounts.uniqueEmail(), "password", "Wrong-password-1");
        JsonPath answer = null;
        for (int i = 0; i < 11; i++) {
            answer = GraphQL.anonymous().execute(SIGN_IN, "input", input);
        }
        assertRefusedWithWait(answer, "data.customerSignIn", "RATE_LIMITED", 900);
        // A failed sign-in that is not refused by the limit carries no wait.
        JsonPath wrong = GraphQL.anonymous().execute(SIGN_IN, "input", Map.of("email", Accounts.uniqueEmail(), "password", "x"));
        assertThat(wrong.getString("data.customerSignIn.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrong.getString("data.customerSignIn.userErrors[0].retryAfterSeconds")).isNull();
    }

    @Test
    void a_staff_sign_in_refused_by_its_limit_says_when_to_try_again() {
        freshAddressBudgets();
        Map<String, Object> input = Map.of("email", Accounts.uniqueEmail(), "password", "Wrong-password-1");
        JsonPath answer = null;
        for (int i = 0; i < 11; i++) {
            answer = GraphQL.anonymous().execute(STAFF_SIGN_IN, "input", input);
        }
        assertRefusedWithWait(answer, "data.staffSignIn", "RATE_LIMITED", 900);
    }

    @Test
    void an_erasure_refused_by_its_password_limit_says_when_to_try_again() {
        Accounts.Account account = Accounts.register();
        JsonPath answer = null;
        for (int i = 0; i < 11; i++) {
            answer = account.client().execute(DELETE, "input", Map.of("password", "Wrong-password-1"));
        }
        assertRefusedWithWait(answer, "data.customerDelete", "RATE_LIMITED", 900);
        assertThat(answer.getString("data.customerDelete.deletedCustomerId")).isNull();
    }

    @Test
    void a_hand_off_claim_refused_by_its_limit_says_when_to_try_again() {
        Accounts.Account account = Accounts.register();
        JsonPath answer = null;
        for (int i = 0; i < 11; i++) {
            answer = account.client().execute(CLAIM, "input", Map.of("code", "ZZZZZZ"));
        }
        assertRefusedWithWait(answer, "data.cartHandoffClaim", "HANDOFF_ATTEMPTS_EXCEEDED", 900);
    }

    @Test
    void guest_order_lookups_of_one_number_are_limited_and_say_when_to_try_again() {
        freshAddressBudgets();
        String number = "NO-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 10; i++) {
            JsonPath miss = GraphQL.anonymous().execute(LOOKUP, "n", number, "e", Accounts.uniqueEmail());
            assertThat(miss.getString("errors")).as(miss.prettify()).isNull();
            assertThat(miss.getString("data.orderLookup")).isNull();
        }
        JsonPath refused = GraphQL.anonymous().execute(LOOKUP, "n", number.toLowerCase(), "e", Accounts.uniqueEmail());
        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
        assertThat(refused.getLong("errors[0].extensions.retryAfterSeconds")).isBetween(1L, 3600L);
        assertThat(refused.getString("data.orderLookup")).isNull();
    }

    @Test
    void every_alias_of_a_guest_order_lookup_counts_against_the_client_address() {
        freshAddressBudgets();
        StringBuilder query = new StringBuilder("query {");
        for (int i = 0; i < 30; i++) {
            query.append(" o").append(i).append(": orderLookup(number: \"AL-").append(UUID.randomUUID().toString(), 0, 8)
                    .append("\", email: \"guest@example.com\") { number }");
        }
        JsonPath thirty = GraphQL.anonymous().execute(query.append(" }").toString());
        assertThat(thirty.getString("errors")).as(thirty.prettify()).isNull();

        JsonPath refused = GraphQL.anonymous().execute(LOOKUP, "n", "AL-" + UUID.randomUUID().toString().substring(0, 8),
                "e", "guest@example.com");
        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
        assertThat(refused.getLong("errors[0].extensions.retryAfterSeconds")).isBetween(1L, 900L);
        freshAddressBudgets();
    }

    @Test
    void a_kiosk_device_has_a_budget_of_its_own_not_its_store_networks() {
        freshAddressBudgets();
        String deviceKey = "sign-in-attempts:address:{device:kiosk-device:test}";
        redis.key().del(deviceKey);
        var store = data.store(TestData.unique("Budget kiosk store"), 52.1, 13.1);
        String kiosk = Tokens.kiosk(store.id());
        GraphQL.as(kiosk).execute(SIGN_IN, "input", Map.of("email", Accounts.uniqueEmail(), "password", "Wrong-password-1"));
        for (String addressKey : Accounts.addressAttemptKeys()) {
            assertThat(redis.key().exists(addressKey)).as(addressKey).isFalse();
        }
        assertThat(redis.key().exists(deviceKey)).isTrue();
    }
}
