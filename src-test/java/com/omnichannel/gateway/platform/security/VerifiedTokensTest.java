package com.omnichannel.gateway.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.Accounts.Account;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens are verified once and then remembered by their exact text: the same token keeps working, any
 * altered one is refused, an expired one is refused, and the claims of our own (channel, store) read as before.
 */
@QuarkusTest
class VerifiedTokensTest {

    static final String ME = "{ me { id email } }";
    static final String VIEWER = "{ viewer { channel authenticated roles store { id name } } }";

    @Inject
    TestData data;

    @Inject
    JWTParser parser;

    @Inject
    JWTAuthContextInfo verification;

    private CachingJwtParser remembered() {
        return (CachingJwtParser) ClientProxy.unwrap(parser);
    }

    @Test
    void the_verifier_quarkus_uses_is_the_remembering_one_and_the_same_customer_token_keeps_working() {
        Account account = Accounts.register();
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(CachingJwtParser.class);

        for (int i = 0; i < 3; i++) {
            JsonPath me = GraphQL.as(account.accessToken()).ok(ME);
            assertThat(me.getString("data.me.id")).isEqualTo(account.globalId());
            assertThat(me.getString("data.me.email")).isEqualTo(account.email());
        }
        // The security layer's verification went through the parser that remembers.
        assertThat(remembered().remembers(account.accessToken())).isTrue();
    }

    @Test
    void a_token_whose_payload_or_signature_was_altered_is_refused_after_the_genuine_one_was_remembered() {
        Account account = Accounts.register();
        Account other = Accounts.register();
        String genuine = account.accessToken();
        assertThat(GraphQL.as(genuine).ok(ME).getString("data.me.id")).isEqualTo(account.globalId());
        assertThat(remembered().remembers(genuine)).isTrue();

        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherPayload = payload.replace(account.id(), other.id());
        assertThat(otherPayload).isNotEqualTo(payload);
        String alteredPayload = parts[0] + "." + base64Url(otherPayload) + "." + parts[2];
        // One character in the middle of the signature (the last one may carry only padding bits).
        int middle = parts[2].length() / 2;
        char changed = parts[2].charAt(middle) == 'A' ? 'B' : 'A';
        String alteredSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, middle) + changed
                + parts[2].substring(middle + 1);

        for (String altered : new String[] { alteredPayload, alteredSignature }) {
            assertRefused(GraphQL.as(altered).post(ME));
            assertRefused(GraphQL.as(altered).post(ME));
            assertThat(remembered().remembers(altered)).isFalse();
        }
        assertThat(GraphQL.as(genuine).ok(ME).getString("data.me.id")).isEqualTo(account.globalId());
        assertThat(GraphQL.as(other.accessToken()).ok(ME).getString("data.me.id")).isEqualTo(other.globalId());
    }

    @Test
    void a_token_works_until_it_expires_and_is_refused_after_although_it_was_remembered() throws InterruptedException {
        Account account = Accounts.register();
        // smallrye-jwt accepts a token for its clock skew past exp: this one's acceptance ends about 3 s from now.
        long skew = verification.getClockSkew();
        long now = System.currentTimeMillis() / 1000;
        long exp = now - skew + 3;
        String issuer = ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
        String token = Jwt.issuer(issuer).subject(account.id()).groups(Set.of(Role.CUSTOMER))
                .issuedAt(now - skew - 60).expiresAt(exp).sign();

        assertThat(GraphQL.as(token).ok(ME).getString("data.me.id")).isEqualTo(account.globalId());
        assertThat(GraphQL.as(token).ok(ME).getString("data.me.id")).isEqualTo(account.globalId());
        assertThat(remembered().remembers(token)).isTrue();

        // Not a timed assertion: waiting until the token is invalid by any clock reading.
        long invalidFrom = (exp + skew) * 1000 + 500;
        while (System.currentTimeMillis() < invalidFrom) {
            Thread.sleep(Math.max(1, invalidFrom - System.currentTimeMillis()));
        }
        assertRefused(GraphQL.as(token).post(ME));
        assertThat(remembered().remembers(token)).isFalse();
    }

    @Test
    void kiosk_tokens_and_kiosk_sessions_keep_their_channel_and_store_on_every_request() throws ParseException {
        TestData.Ref first = data.store("Token store one", 50.1, 8.6);
        TestData.Ref second = data.store("Token store two", 53.5, 10.0);
        String kiosk = Tokens.kiosk(first.id(), "verified-" + System.nanoTime());
        Account account = Accounts.register();
        String session = Tokens.kioskSession(account.id(), second.id());

        for (int i = 0; i < 2; i++) {
            JsonPath device = GraphQL.as(kiosk).channel("WEB").ok(VIEWER);
            assertThat(device.getString("data.viewer.channel")).isEqualTo("KIOSK");
            assertThat(device.getList("data.viewer.roles")).containsExactly("kiosk");
            assertThat(device.getString("data.viewer.store.id")).isEqualTo(first.id());
            assertThat(device.getString("data.viewer.store.name")).isEqualTo("Token store one");

            JsonPath customer = GraphQL.as(session).ok(VIEWER);
            assertThat(customer.getString("data.viewer.channel")).isEqualTo("KIOSK");
            assertThat(customer.getList("data.viewer.roles")).containsExactly("customer");
            assertThat(customer.getString("data.viewer.store.id")).isEqualTo(second.id());
        }
        // The same customer without a kiosk session is a web shopper with no store.
        JsonPath web = GraphQL.as(account.accessToken()).ok(VIEWER);
        assertThat(web.getString("data.viewer.channel")).isEqualTo("WEB");
        assertThat(web.getString("data.viewer.store")).isNull();
        assertThat(remembered().remembers(kiosk)).isTrue();
        assertThat(remembered().remembers(session)).isTrue();
        // The principal every request gets answers the claims of our own from what it read at verification.
        assertThat(parser.parse(kiosk)).isInstanceOf(VerifiedToken.class);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Response response) {
        assertThat(response.statusCode()).as("HTTP status; body: %s", response.asString()).isEqualTo(401);
        assertThat(response.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(response.jsonPath().getString("data")).isNull();
    }
}
