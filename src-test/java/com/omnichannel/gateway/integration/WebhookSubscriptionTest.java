package com.omnichannel.gateway.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Managing subscriptions: admins only, refused targets and secrets, the secret never shown, rotation and pausing. */
@QuarkusTest
class WebhookSubscriptionTest {

    static final String SECRET = "whsec-test-0123456789-abcdefghij";
    static final String CREATE = """
            mutation($input: WebhookSubscriptionCreateInput!) { webhookSubscriptionCreate(input: $input) {
              subscription { id url events status } userErrors { code field message } } }""";
    static final String UPDATE = """
            mutation($input: WebhookSubscriptionUpdateInput!) { webhookSubscriptionUpdate(input: $input) {
              subscription { id url events status updatedAt } userErrors { code field message } } }""";
    static final String LIST = "query { webhookSubscriptions(first: 100) { edges { node { id url events status } } pageInfo { hasNextPage } } }";

    private final GraphQL admin = GraphQL.as(Tokens.admin());

    private JsonPath create(String url, List<String> events, String secret) {
        return admin.ok(CREATE, "input", Map.of("url", url, "events", events, "secret", secret)).setRootPath("data.webhookSubscriptionCreate");
    }

    @Test
    void only_admins_manage_subscriptions() {
        Map<String, Object> input = Map.of("url", "http://127.0.0.1:7439/hooks", "events", List.of("ORDER_PLACED"), "secret", SECRET);
        JsonPath asStaff = GraphQL.as(Tokens.staff()).execute(CREATE, "input", input);
        assertThat(asStaff.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        JsonPath anonymous = GraphQL.anonymous().execute(LIST);
        assertThat(anonymous.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        JsonPath customerList = GraphQL.as(Tokens.customer("webhook-customer")).execute(LIST);
        assertThat(customerList.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void internal_and_metadata_targets_and_plain_urls_are_refused() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "https://10.1.2.3/hooks", "https://192.168.0.10/hooks",
                "https://[fd00::1]/hooks", "https://[::1]/hooks", "https://0.0.0.0/hooks", "ftp://example.com/hooks",
                "https://user:pass@example.com/hooks", "not a url")) {
            JsonPath refused = create(url, List.of("ORDER_PLACED"), SECRET);
            assertThat(refused.getString("userErrors[0].code")).as(url).isEqualTo("WEBHOOK_URL_REFUSED");
            assertThat(refused.getList("userErrors[0].field")).containsExactly("input", "url");
            assertThat(refused.getString("subscription")).isNull();
        }
        assertThat(admin.ok(LIST).getList("data.webhookSubscriptions.edges.node.url")).doesNotContain("http://169.254.169.254/latest/meta-data");
    }

    @Test
    void a_weak_secret_or_no_events_is_refused() {
        assertThat(create("http://127.0.0.1:7439/hooks", List.of("ORDER_PLACED"), "short").getString("userErrors[0].code"))
                .isEqualTo("WEAK_WEBHOOK_SECRET");
        assertThat(create("http://127.0.0.1:7439/hooks", List.of(), SECRET).getString("userErrors[0].code"))
                .isEqualTo("INVALID_WEBHOOK_EVENTS");
    }

    @Test
    void the_secret_is_write_only_and_can_be_rotated() {
        JsonPath created = create("http://127.0.0.1:7439/hooks", List.of("ORDER_PLACED", "STOCK_LOW"), SECRET);
        String id = created.getString("subscription.id");
        assertThat(created.getList("subscription.events")).containsExactly("ORDER_PLACED", "STOCK_LOW");
        JsonPath secretField = admin.execute("query($id: ID!) { webhookSubscription(id: $id) { secret } }", "id", id);
        assertThat(secretField.getString("errors[0].message")).contains("secret");

        JsonPath rotated = admin.ok(UPDATE, "input", Map.of("id", id, "secret", "whsec-rotated-9876543210-zyxwvutsrq",
                "events", List.of("CUSTOMER_ERASED")));
        assertThat(rotated.getList("data.webhookSubscriptionUpdate.userErrors")).isEmpty();
        assertThat(rotated.getList("data.webhookSubscriptionUpdate.subscription.events")).containsExactly("CUSTOMER_ERASED");
        assertThat(rotated.getString("data.webhookSubscriptionUpdate.subscription.url")).isEqualTo("http://127.0.0.1:7439/hooks");

        JsonPath badUrl = admin.ok(UPDATE, "input", Map.of("id", id, "url", "https://10.0.0.1/"));
        assertThat(badUrl.getString("data.webhookSubscriptionUpdate.userErrors[0].code")).isEqualTo("WEBHOOK_URL_REFUSED");

        JsonPath paused = admin.ok("""
                mutation($input: WebhookSubscriptionIdInput!) { webhookSubscriptionPause(input: $input) {
                  subscription { status pausedReason } userErrors { code } } }""", "input", Map.of("id", id, "reason", "receiver maintenance"));
        assertThat(paused.getString("data.webhookSubscriptionPause.subscription.status")).isEqualTo("PAUSED");
        assertThat(paused.getString("data.webhookSubscriptionPause.subscription.pausedReason")).contains("receiver maintenance");

        assertThat(admin.ok(LIST).getList("data.webhookSubscriptions.edges.node.id")).contains(id);
        JsonPath deleted = admin.ok("""
                mutation($input: WebhookSubscriptionIdInput!) { webhookSubscriptionDelete(input: $input) { deletedId userErrors { code } } }""",
                "input", Map.of("id", id));
        assertThat(deleted.getString("data.webhookSubscriptionDelete.deletedId")).isEqualTo(id);
        assertThat(admin.ok("query($id: ID!) { webhookSubscription(id: $id) { id } }", "id", id).getString("data.webhookSubscription")).isNull();
        JsonPath again = admin.ok("""
                mutation($input: WebhookSubscriptionIdInput!) { webhookSubscriptionDelete(input: $input) { deletedId userErrors { code } } }""",
                "input", Map.of("id", id));
        assertThat(again.getString("data.webhookSubscriptionDelete.userErrors[0].code")).isEqualTo("NOT_FOUND");
    }
}
