package com.omnichannel.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.omnichannel.gateway.customer.Customer;

import io.restassured.path.json.JsonPath;

/** Customer accounts through the API, as an app creates them: register, sign in, and the tokens that come back. */
public final class Accounts {

    public static final String PASSWORD = "Correct-horse-42";

    public static final String REGISTER = """
            mutation($input: CustomerRegisterInput!) {
              customerRegister(input: $input) {
                customer { id email firstName lastName phone language }
                tokens { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt }
                userErrors { code field message }
              }
            }""";

    public static final String SIGN_IN = """
            mutation($input: CustomerSignInInput!) {
              customerSignIn(input: $input) {
                customer { id email }
                tokens { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt }
                userErrors { code field message }
              }
            }""";

    private Accounts() {
    }

    /**
     * A signed-in customer and session tokens: {@code id} is the customer's key (their tokens' subject, the key in
     * the database), {@link #globalId()} the id the API shows (Customer.id).
     */
    public record Account(String id, String email, String password, String accessToken, String refreshToken) {

        public String globalId() {
            return Customer.globalId(id);
        }

        public GraphQL client() {
            return GraphQL.as(accessToken);
        }
    }

    public static String uniqueEmail() {
        return TestData.unique("shopper").toLowerCase() + "@example.com";
    }

    public static Map<String, Object> registration(String email) {
        Map<String, Object> input = new HashMap<>();
        input.put("email", email);
        input.put("password", PASSWORD);
        input.put("firstName", "Erika");
        input.put("lastName", "Mustermann");
        return input;
    }

    /** Registers a new customer with a unique email and returns the signed-in account. */
    public static Account register() {
        return register(registration(uniqueEmail()));
    }

    public static Account register(Map<String, Object> input) {
        JsonPath r = GraphQL.anonymous().ok(REGISTER, "input", input);
        assertThat(r.getList("data.customerRegister.userErrors")).as(r.prettify()).isEmpty();
        return new Account(Customer.keyOf(r.getString("data.customerRegister.customer.id")), r.getString("data.customerRegister.customer.email"),
                (String) input.get("password"), r.getString("data.customerRegister.tokens.accessToken"),
                r.getString("data.customerRegister.tokens.refreshToken"));
    }

    public static JsonPath signIn(GraphQL client, String email, String password) {
        return client.ok(SIGN_IN, "input", Map.of("email", email, "password", password));
    }

    /** Redis keys of the sign-in attempt counts of this machine's addresses (tests all call from it). */
    public static List<String> addressAttemptKeys() {
        return List.of("sign-in-attempts:address:{ip:127.0.0.1}", "sign-in-attempts:address:{ip:0:0:0:0:0:0:0:1}");
    }

    /** Waits up to 10 s for a condition that becomes true asynchronously (events are written off the request path). */
    public static void await(Supplier<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Condition not met within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
