package com.omnichannel.gateway.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Registrations are limited per client address: each one costs a deliberately slow password hash, so without a
 * limit one client could keep the service's CPU busy, or fill the customer table.
 */
@QuarkusTest
@TestProfile(RegistrationLimitTest.LowLimit.class)
class RegistrationLimitTest {

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.rate-limit.registrations-per-address.max-attempts", "3");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    TestData data;

    @Test
    void a_client_address_may_register_a_few_accounts_per_hour_and_is_then_told_when_to_come_back() {
        // Every test calls from this machine; start this address's window afresh.
        redis.key().del(CustomerAuthService.REGISTRATIONS_PER_ADDRESS + ":{ip:127.0.0.1}",
                CustomerAuthService.REGISTRATIONS_PER_ADDRESS + ":{ip:0:0:0:0:0:0:0:1}");
        for (int i = 0; i < 3; i++) {
            Accounts.register();
        }
        String email = Accounts.uniqueEmail();
        JsonPath refused = GraphQL.anonymous().execute(Accounts.REGISTER, "input", Accounts.registration(email));
        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
        assertThat(refused.getLong("errors[0].extensions.retryAfterSeconds")).isBetween(1L, 3600L);
        assertThat(refused.getString("data")).isNull();
        // Nothing was created for the refused attempt.
        assertThat(data.count("SELECT count(*) FROM customer WHERE email = $1", email)).isZero();
    }

    @Test
    void registering_a_taken_address_answers_email_taken_and_counts_against_the_address_limit() {
        redis.key().del(CustomerAuthService.REGISTRATIONS_PER_ADDRESS + ":{ip:127.0.0.1}",
                CustomerAuthService.REGISTRATIONS_PER_ADDRESS + ":{ip:0:0:0:0:0:0:0:1}");
        Accounts.register();
        Accounts.Account existing = Accounts.register();
        JsonPath taken = GraphQL.anonymous().execute(Accounts.REGISTER, "input", Accounts.registration(existing.email()));
        assertThat(taken.getString("data.customerRegister.userErrors[0].code")).isEqualTo("EMAIL_TAKEN");
        assertThat(taken.getString("data.customerRegister.tokens")).isNull();

        JsonPath refused = GraphQL.anonymous().execute(Accounts.REGISTER, "input", Accounts.registration(Accounts.uniqueEmail()));
        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
        assertThat(refused.getLong("errors[0].extensions.retryAfterSeconds")).isBetween(1L, 3600L);
    }
}
