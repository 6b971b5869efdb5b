package com.omnichannel.gateway.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.Accounts.Account;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.build.Jwt;

@QuarkusTest
class CustomerAuthTest {

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    @Inject
    JWTParser parser;

    @Inject
    CustomerAuthService accounts;

    /** Sign-in attempts count per client address, and every test calls from this machine's. */
    @BeforeEach
    void forget_earlier_sign_in_attempts_from_this_machine() {
        redis.key().del(Accounts.addressAttemptKeys().toArray(String[]::new));
    }

    static final String ME = "{ me { id email firstName lastName phone language consents { purpose granted channel changedAt } } }";
    static final String REFRESH = """
            mutation($input: TokenRefreshInput!) {
              tokenRefresh(input: $input) { customer { id } tokens { accessToken refreshToken } userErrors { code field message } }
            }""";
    static final String SIGN_OUT = """
            mutation($input: CustomerSignOutInput!) { customerSignOut(input: $input) { signedOut userErrors { code field message } } }""";
    static final String STAFF_SIGN_IN = """
            mutation($input: StaffSignInInput!) {
              staffSignIn(input: $input) { tokens { accessToken refreshToken accessTokenExpiresAt } roles userErrors { code field message } }
            }""";
    static final String VIEWER = "{ viewer { channel authenticated roles store { id } } }";

    // ---- registration

    @Test
    void registering_signs_the_customer_in_with_a_token_whose_subject_is_the_key_in_their_id() throws Exception {
        String email = Accounts.uniqueEmail();
        Map<String, Object> input = Accounts.registration("  " + email.toUpperCase() + " ");
        input.put("phone", "+49 30 1234567");
        input.put("language", "de");
        input.put("consents", List.of(Map.of("purpose", "EMAIL_MARKETING", "granted", true),
                Map.of("purpose", "SMS_MARKETING", "granted", false)));
        JsonPath r = GraphQL.anonymous().channel("MOBILE").ok(Accounts.REGISTER, "input", input);
        assertThat(r.getList("data.customerRegister.userErrors")).isEmpty();
        String id = r.getString("data.customerRegister.customer.id");
        assertThat(r.getString("data.customerRegister.customer.email")).isEqualTo(email);
        assertThat(r.getString("data.customerRegister.tokens.refreshToken")).hasSizeGreaterThan(40);

        String access = r.getString("data.customerRegister.tokens.accessToken");
        JsonWebToken token = parser.parse(access);
        // the id is opaque like every id; the token's subject is the key inside it
        assertThat(token.getSubject()).isEqualTo(Customer.keyOf(id)).isNotEqualTo(id);
        assertThat(Customer.globalId(token.getSubject())).isEqualTo(id);
        assertThat(token.getGroups()).containsExactly("customer");
        long lifetime = token.getExpirationTime() - token.getIssuedAtTime();
        assertThat(lifetime).isBetween(60L, 3600L);

        JsonPath me = GraphQL.as(access).ok(ME);
        assertThat(me.getString("data.me.id")).isEqualTo(id);
        assertThat(me.getString("data.me.firstName")).isEqualTo("Erika");
        assertThat(me.getString("data.me.phone")).isEqualTo("+49 30 1234567");
        assertThat(me.getString("data.me.language")).isEqualTo("de");
        assertThat(me.getList("data.me.consents.purpose")).containsExactly("EMAIL_MARKETING", "SMS_MARKETING", "PERSONALISATION");
        assertThat(me.getList("data.me.consents.granted")).containsExactly(true, false, false);
        assertThat(me.getString("data.me.consents[0].channel")).isEqualTo("MOBILE");
        assertThat(me.getString("data.me.consents[2].changedAt")).isNull();

        // the password is stored as a bcrypt hash only
        assertThat(data.count("SELECT count(*) FROM customer WHERE email = $1 AND password_hash LIKE '$2%'", email)).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM customer WHERE email = $1 AND password_hash LIKE '%' || $2 || '%'", email,
                Accounts.PASSWORD)).isZero();
    }

    @Test
    void an_email_registers_once_whatever_its_case() {
        Account first = Accounts.register();
        JsonPath again = GraphQL.anonymous().ok(Accounts.REGISTER, "input", Accounts.registration(first.email().toUpperCase()));
        assertThat(again.getString("data.customerRegister.userErrors[0].code")).isEqualTo("EMAIL_TAKEN");
        assertThat(again.getList("data.customerRegister.userErrors[0].field")).containsExactly("input", "email");
        assertThat(again.getString("data.customerRegister.tokens")).isNull();
        assertThat(data.count("SELECT count(*) FROM customer WHERE email = $1", first.email())).isEqualTo(1);
    }

    @Test
    void two_concurrent_registrations_of_one_email_create_exactly_one_account() throws Exception {
        String email = Accounts.uniqueEmail();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<JsonPath>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> GraphQL.anonymous().ok(Accounts.REGISTER, "input", Accounts.registration(email)));
            }
            int succeeded = 0;
            int taken = 0;
            for (Future<JsonPath> f : pool.invokeAll(calls)) {
                JsonPath r = f.get();
                if (r.getList("data.customerRegister.userErrors").isEmpty()) {
                    succeeded++;
                } else {
                    assertThat(r.getString("data.customerRegister.userErrors[0].code")).isEqualTo("EMAIL_TAKEN");
                    taken++;
                }
            }
            assertThat(succeeded).isEqualTo(1);
            assertThat(taken).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(data.count("SELECT count(*) FROM customer WHERE email = $1", email)).isEqualTo(1);
    }

    @Test
    void bad_registrations_are_refused_with_the_field_at_fault_and_store_nothing() {
        String email = Accounts.uniqueEmail();
        record Case(String field, Object value, String code) {
        }
        List<Case> cases = List.of(
                new Case("email", "not-an-email", "INVALID_EMAIL"),
                new Case("email", "two@@example.com", "INVALID_EMAIL"),
                new Case("email", "a".repeat(250) + "@example.com", "INVALID_EMAIL"),
                new Case("password", "short-1", "WEAK_PASSWORD"),
                new Case("password", "onlyletterslong", "WEAK_PASSWORD"),
                new Case("password", "1234567890123", "WEAK_PASSWORD"),
                new Case("password", "Aa1-".repeat(33), "WEAK_PASSWORD"),
                new Case("firstName", " ", "REQUIRED"),
                new Case("lastName", "x".repeat(101), "TOO_LONG"),
                new Case("phone", "call me maybe", "INVALID_PHONE"),
                new Case("language", "German", "INVALID_LANGUAGE"));
        for (Case c : cases) {
            Map<String, Object> input = Accounts.registration(email);
            input.put(c.field(), c.value());
            JsonPath r = GraphQL.anonymous().ok(Accounts.REGISTER, "input", input);
            assertThat(r.getString("data.customerRegister.userErrors[0].code")).as(c.toString()).isEqualTo(c.code());
            assertThat(r.getList("data.customerRegister.userErrors[0].field")).as(c.toString()).containsExactly("input", c.field());
            assertThat(r.getString("data.customerRegister.customer")).isNull();
        }
        Map<String, Object> twice = Accounts.registration(email);
        twice.put("consents", List.of(Map.of("purpose", "EMAIL_MARKETING", "granted", true),
                Map.of("purpose", "EMAIL_MARKETING", "granted", false)));
        assertThat(GraphQL.anonymous().ok(Accounts.REGISTER, "input", twice).getString("data.customerRegister.userErrors[0].code"))
                .isEqualTo("INVALID_CONSENTS");
        assertThat(data.count("SELECT count(*) FROM customer WHERE email = $1", email)).isZero();
    }

    // ---- sign-in

    @Test
    void sign_in_returns_a_session_and_wrong_email_or_password_get_the_same_answer() {
        Account account = Accounts.register();
        JsonPath ok = Accounts.signIn(GraphQL.anonymous(), account.email().toUpperCase(), Accounts.PASSWORD);
        assertThat(ok.getList("data.customerSignIn.userErrors")).isEmpty();
        assertThat(ok.getString("data.customerSignIn.customer.id")).isEqualTo(account.globalId());
        String access = ok.getString("data.customerSignIn.tokens.accessToken");
        assertThat(GraphQL.as(access).ok(ME).getString("data.me.email")).isEqualTo(account.email());

        JsonPath wrongPassword = Accounts.signIn(GraphQL.anonymous(), account.email(), Accounts.PASSWORD + "x");
        JsonPath unknownEmail = Accounts.signIn(GraphQL.anonymous(), "nobody-" + account.email(), Accounts.PASSWORD);
        for (JsonPath r : List.of(wrongPassword, unknownEmail)) {
            assertThat(r.getString("data.customerSignIn.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
            assertThat(r.getString("data.customerSignIn.userErrors[0].message")).isEqualTo("Email or password is incorrect");
            assertThat(r.getString("data.customerSignIn.userErrors[0].field")).isNull();
            assertThat(r.getString("data.customerSignIn.tokens")).isNull();
        }
    }

    @Test
    void sign_in_attempts_are_limited_per_account_and_the_right_password_does_not_get_through_meanwhile() {
        Account account = Accounts.register();
        Account other = Accounts.register();
        for (int i = 0; i < 10; i++) {
            assertThat(Accounts.signIn(GraphQL.anonymous(), account.email(), "Wrong-password-" + i)
                    .getString("data.customerSignIn.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
        }
        JsonPath limited = Accounts.signIn(GraphQL.anonymous(), account.email(), Accounts.PASSWORD);
        assertThat(limited.getString("data.customerSignIn.userErrors[0].code")).isEqualTo("RATE_LIMITED");
        assertThat(limited.getString("data.customerSignIn.tokens")).isNull();
        // an unknown email is limited the same way, so the limit tells nothing about which accounts exist
        String unknown = Accounts.uniqueEmail();
        for (int i = 0; i < 10; i++) {
            Accounts.signIn(GraphQL.anonymous(), unknown, "Wrong-password-" + i);
        }
        assertThat(Accounts.signIn(GraphQL.anonymous(), unknown, "Wrong-password-x").getString("data.customerSignIn.userErrors[0].code"))
                .isEqualTo("RATE_LIMITED");
        // other accounts are not affected
        assertThat(Accounts.signIn(GraphQL.anonymous(), other.email(), Accounts.PASSWORD).getList("data.customerSignIn.userErrors")).isEmpty();
        long ttl = redis.key().ttl("sign-in-attempts:customer:{" + account.email() + "}");
        assertThat(ttl).isBetween(1L, 15L * 60);
    }

    @Test
    void a_successful_sign_in_clears_the_failed_attempts_of_its_account() {
        Account account = Accounts.register();
        for (int i = 0; i < 9; i++) {
            Accounts.signIn(GraphQL.anonymous(), account.email(), "Wrong-password-" + i);
        }
        assertThat(Accounts.signIn(GraphQL.anonymous(), account.email(), Accounts.PASSWORD).getList("data.customerSignIn.userErrors")).isEmpty();
        for (int i = 0; i < 9; i++) {
            Accounts.signIn(GraphQL.anonymous(), account.email(), "Wrong-password-" + i);
        }
        assertThat(Accounts.signIn(GraphQL.anonymous(), account.email(), Accounts.PASSWORD).getList("data.customerSignIn.userErrors")).isEmpty();
    }

    @Test
    void sign_in_attempts_are_limited_per_client_address_across_accounts() {
        for (int i = 0; i < 50; i++) {
            assertThat(Accounts.signIn(GraphQL.anonymous(), Accounts.uniqueEmail(), "Wrong-password-1")
                    .getString("data.customerSignIn.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
        }
        assertThat(Accounts.signIn(GraphQL.anonymous(), Accounts.uniqueEmail(), "Wrong-password-1")
                .getString("data.customerSignIn.userErrors[0].code")).isEqualTo("RATE_LIMITED");
        redis.key().del(Accounts.addressAttemptKeys().toArray(String[]::new));
    }

    // ---- refresh tokens

    @Test
    void refreshing_rotates_the_refresh_token_and_the_new_access_token_works() {
        Account account = Accounts.register();
        JsonPath r = GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", account.refreshToken()));
        assertThat(r.getList("data.tokenRefresh.userErrors")).isEmpty();
        assertThat(r.getString("data.tokenRefresh.customer.id")).isEqualTo(account.globalId());
        String next = r.getString("data.tokenRefresh.tokens.refreshToken");
        assertThat(next).isNotEqualTo(account.refreshToken());
        assertThat(GraphQL.as(r.getString("data.tokenRefresh.tokens.accessToken")).ok(ME).getString("data.me.id")).isEqualTo(account.globalId());
        // stored hashed only
        assertThat(data.count("SELECT count(*) FROM customer_refresh_token WHERE token_hash = $1 OR token_hash = $2",
                account.refreshToken(), next)).isZero();
        assertThat(data.count("SELECT count(*) FROM customer_refresh_token WHERE customer_id::text = $1", account.id())).isEqualTo(2);
    }

    @Test
    void reusing_a_rotated_refresh_token_revokes_the_whole_family_but_not_other_sessions() {
        Account account = Accounts.register();
        String other = Accounts.signIn(GraphQL.anonymous(), account.email(), Accounts.PASSWORD)
                .getString("data.customerSignIn.tokens.refreshToken");

        String second = GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", account.refreshToken()))
                .getString("data.tokenRefresh.tokens.refreshToken");
        String third = GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", second))
                .getString("data.tokenRefresh.tokens.refreshToken");

        // the first token again: taken as stolen
        JsonPath reused = GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", account.refreshToken()));
        assertThat(reused.getString("data.tokenRefresh.userErrors[0].code")).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(reused.getString("data.tokenRefresh.tokens")).isNull();
        // ... and the newest token of that family no longer works either
        JsonPath latest = GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", third));
        assertThat(latest.getString("data.tokenRefresh.userErrors[0].code")).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(data.count("""
                SELECT count(*) FROM customer_refresh_token WHERE customer_id::text = $1 AND revoked_at IS NULL""", account.id()))
                .isEqualTo(1);
        // the separate sign-in is untouched
        assertThat(GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", other)).getList("data.tokenRefresh.userErrors")).isEmpty();
    }

    @Test
    void concurrent_refreshes_with_one_token_rotate_it_once() throws Exception {
        Account account = Accounts.register();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<JsonPath>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", account.refreshToken())));
            }
            int rotated = 0;
            for (Future<JsonPath> f : pool.invokeAll(calls)) {
                if (f.get().getList("data.tokenRefresh.userErrors").isEmpty()) {
                    rotated++;
                } else {
                    // the first to come after the rotation revokes the family; any later one finds it revoked
                    assertThat(f.get().getString("data.tokenRefresh.userErrors[0].code"))
                            .isIn("REFRESH_TOKEN_REUSED", "INVALID_REFRESH_TOKEN");
                }
            }
            assertThat(rotated).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        // at most the one successor was created, and the reuse revoked it
        assertThat(data.count("SELECT count(*) FROM customer_refresh_token WHERE customer_id::text = $1", account.id())).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM customer_refresh_token WHERE customer_id::text = $1 AND revoked_at IS NULL",
                account.id())).isZero();
    }

    @Test
    void expired_unknown_and_oversize_refresh_tokens_are_refused() {
        Account account = Accounts.register();
        data.execute("UPDATE customer_refresh_token SET expires_at = now() - interval '1 second' WHERE customer_id = '" + account.id() + "'");
        for (String token : List.of(account.refreshToken(), "made-up-token", "x".repeat(500))) {
            JsonPath r = GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", token));
            assertThat(r.getString("data.tokenRefresh.userErrors[0].code")).isEqualTo("INVALID_REFRESH_TOKEN");
            assertThat(r.getString("data.tokenRefresh.tokens")).isNull();
        }
        assertThat(data.count("SELECT count(*) FROM customer_refresh_token WHERE customer_id::text = $1", account.id())).isEqualTo(1);
    }

    @Test
    void signing_out_revokes_the_refresh_token_and_its_successors() {
        Account account = Accounts.register();
        String next = GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", account.refreshToken()))
                .getString("data.tokenRefresh.tokens.refreshToken");
        JsonPath out = GraphQL.anonymous().ok(SIGN_OUT, "input", Map.of("refreshToken", next));
        assertThat(out.getBoolean("data.customerSignOut.signedOut")).isTrue();
        assertThat(out.getList("data.customerSignOut.userErrors")).isEmpty();
        assertThat(GraphQL.anonymous().ok(REFRESH, "input", Map.of("refreshToken", next)).getString("data.tokenRefresh.userErrors[0].code"))
                .isEqualTo("INVALID_REFRESH_TOKEN");
        // signing out twice is fine; an unknown token is not
        assertThat(GraphQL.anonymous().ok(SIGN_OUT, "input", Map.of("refreshToken", next)).getBoolean("data.customerSignOut.signedOut")).isTrue();
        JsonPath unknown = GraphQL.anonymous().ok(SIGN_OUT, "input", Map.of("refreshToken", "not-a-token"));
        assertThat(unknown.getString("data.customerSignOut.userErrors[0].code")).isEqualTo("INVALID_REFRESH_TOKEN");
    }

    // ---- access tokens

    @Test
    void forged_and_expired_customer_tokens_are_refused_and_change_nothing() throws Exception {
        Account account = Accounts.register();
        String issuer = ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair otherKey = generator.generateKeyPair();
        String forged = Jwt.issuer(issuer).subject(account.id()).groups(Set.of("customer"))
                .expiresIn(Duration.ofMinutes(5)).sign(otherKey.getPrivate());
        String expired = Jwt.issuer(issuer).subject(account.id()).groups(Set.of("customer"))
                .issuedAt(1_000_000L).expiresAt(1_000_060L).sign();
        String update = "mutation($input: CustomerUpdateInput!) { customerUpdate(input: $input) { customer { firstName } } }";
        for (String token : List.of(forged, expired)) {
            Response response = GraphQL.as(token).post(update, "input", Map.of("firstName", "Mallory"));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
            assertThat(response.jsonPath().getString("data")).isNull();
        }
        assertThat(account.client().ok(ME).getString("data.me.firstName")).isEqualTo("Erika");
    }

    // ---- kiosk sessions

    @Test
    void a_kiosk_signs_a_customer_in_for_a_short_session_bound_to_its_store_and_records_the_visit() throws Exception {
        Account account = Accounts.register();
        TestData.Ref store = data.store("Visit store", 51.0, 7.0);
        JsonPath r = Accounts.signIn(GraphQL.as(Tokens.kiosk(store.id())), account.email(), Accounts.PASSWORD);
        assertThat(r.getList("data.customerSignIn.userErrors")).isEmpty();
        assertThat(r.getString("data.customerSignIn.tokens.refreshToken")).isNull();
        String access = r.getString("data.customerSignIn.tokens.accessToken");
        JsonWebToken token = parser.parse(access);
        assertThat(token.getExpirationTime() - token.getIssuedAtTime()).isLessThanOrEqualTo(15 * 60);
        assertThat(token.getSubject()).isEqualTo(account.id());

        JsonPath viewer = GraphQL.as(access).ok(VIEWER);
        assertThat(viewer.getString("data.viewer.channel")).isEqualTo("KIOSK");
        assertThat(viewer.getString("data.viewer.store.id")).isEqualTo(store.id());
        assertThat(viewer.getList("data.viewer.roles")).containsExactly("customer");
        assertThat(GraphQL.as(access).ok(ME).getString("data.me.id")).isEqualTo(account.globalId());

        // a shared device may read the profile, never change it
        JsonPath change = GraphQL.as(access).execute(
                "mutation($input: CustomerUpdateInput!) { customerUpdate(input: $input) { customer { firstName } } }",
                "input", Map.of("firstName", "Kiosk"));
        assertThat(change.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(data.count("SELECT count(*) FROM customer WHERE id::text = $1 AND first_name = 'Erika'", account.id())).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM customer_refresh_token WHERE customer_id::text = $1", account.id())).isEqualTo(1);

        Accounts.await(() -> data.count("""
                SELECT count(*) FROM customer_event WHERE customer_id::text = $1 AND kind = 'STORE_VISIT' AND channel = 'KIOSK'
                   AND subject = $2""", account.id(), store.id()) == 1);
    }

    // ---- staff

    @Test
    void staff_sign_in_with_a_password_for_a_staff_token_that_customers_cannot_get() throws Exception {
        String email = TestData.unique("clerk").toLowerCase() + "@staff.example.com";
        accounts.createStaffAccount(email, "Store-clerk-2026", "Clerk", List.of("staff")).await().atMost(Duration.ofSeconds(10));

        JsonPath r = GraphQL.anonymous().ok(STAFF_SIGN_IN, "input", Map.of("email", email, "password", "Store-clerk-2026"));
        assertThat(r.getList("data.staffSignIn.userErrors")).isEmpty();
        assertThat(r.getList("data.staffSignIn.roles")).containsExactly("staff");
        assertThat(r.getString("data.staffSignIn.tokens.refreshToken")).isNull();
        String staff = r.getString("data.staffSignIn.tokens.accessToken");
        assertThat(GraphQL.as(staff).ok(VIEWER).getString("data.viewer.channel")).isEqualTo("STAFF");

        // the staff token works for staff operations and not for customer ones
        TestData.Ref store = data.store("Staff store", 50.5, 8.0);
        String register = """
                mutation($input: KioskDeviceRegisterInput!) { kioskDeviceRegister(input: $input) { token userErrors { code } } }""";
        assertThat(GraphQL.as(staff).ok(register, "input", Map.of("name", "Door kiosk", "storeId", store.id()))
                .getString("data.kioskDeviceRegister.token")).isNotNull();
        assertThat(GraphQL.as(staff).execute(ME).getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");

        // a customer's password does not open the staff door, nor does a wrong one
        Account customer = Accounts.register();
        for (Map<String, Object> input : List.<Map<String, Object>>of(Map.of("email", customer.email(), "password", Accounts.PASSWORD),
                Map.of("email", email, "password", "Store-clerk-2027"))) {
            JsonPath refused = GraphQL.anonymous().ok(STAFF_SIGN_IN, "input", input);
            assertThat(refused.getString("data.staffSignIn.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
            assertThat(refused.getString("data.staffSignIn.tokens")).isNull();
        }
        // and a customer token is refused by staff operations
        long kiosks = data.count("SELECT count(*) FROM kiosk_device");
        assertThat(customer.client().execute(register, "input", Map.of("name", "Rogue", "storeId", store.id()))
                .getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(data.count("SELECT count(*) FROM kiosk_device")).isEqualTo(kiosks);
    }
}
