package com.omnichannel.gateway.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.demo.DemoDataLoader;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.GraphQL;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The demo accounts README.md lists sign in with the passwords it gives (loading them twice changes nothing). */
@QuarkusTest
class DemoAccountsTest {

    @Inject
    DemoDataLoader demo;

    @Inject
    RedisDataSource redis;

    @Test
    void the_documented_demo_accounts_sign_in() {
        demo.loadAccounts().await().atMost(Duration.ofSeconds(30));
        demo.loadAccounts().await().atMost(Duration.ofSeconds(30));
        redis.key().del(Accounts.addressAttemptKeys().toArray(String[]::new));

        for (String[] customer : new String[][] { { "anna@demo.shop", "Anna-demo-2026", "3" }, { "ben@demo.shop", "Ben-demo-2026", "0" },
                { "chloe@demo.shop", "Chloe-demo-2026", "1" } }) {
            JsonPath r = Accounts.signIn(GraphQL.anonymous(), customer[0], customer[1]);
            assertThat(r.getList("data.customerSignIn.userErrors")).as(customer[0]).isEmpty();
            JsonPath me = GraphQL.as(r.getString("data.customerSignIn.tokens.accessToken")).ok("{ me { email consents { granted } } }");
            assertThat(me.getString("data.me.email")).isEqualTo(customer[0]);
            assertThat(me.getList("data.me.consents.granted", Boolean.class).stream().filter(g -> g).count())
                    .isEqualTo(Long.parseLong(customer[2]));
        }
        String staffSignIn = "mutation($input: StaffSignInInput!) { staffSignIn(input: $input) { roles userErrors { code } } }";
        assertThat(GraphQL.anonymous().ok(staffSignIn, "input", Map.of("email", "staff@demo.shop", "password", "Staff-demo-2026"))
                .getList("data.staffSignIn.roles")).containsExactly("staff");
        assertThat(GraphQL.anonymous().ok(staffSignIn, "input", Map.of("email", "admin@demo.shop", "password", "Admin-demo-2026"))
                .getList("data.staffSignIn.roles")).containsExactly("admin");
    }
}
