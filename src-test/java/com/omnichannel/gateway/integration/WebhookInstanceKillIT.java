package com.omnichannel.gateway.integration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.integration.WebhookReceiver.Received;
import com.omnichannel.gateway.support.ItDatabases;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Two instances of the packaged service deliver webhooks to a real receiver; one is killed (SIGKILL) while requests
 * it sent are still being answered, then the receiver has an outage. Every event still arrives, signed, in order per
 * order; copies only where an attempt's answer was lost (at least once). Runs after packaging (failsafe).
 */
class WebhookInstanceKillIT {

    static final String ISSUER = "https://commerce-gateway.local";
    static final String DB_NAME = "commerce_it_webhooks";
    static final String SECRET = "whsec-it-0123456789-abcdefghijkl";
    static final int PORT_A = Integer.getInteger("it.webhooks.port.a", 7430);
    static final int PORT_B = Integer.getInteger("it.webhooks.port.b", 7431);
    static final List<Process> PROCESSES = new ArrayList<>();
    static String a;
    static String b;
    static PrivateKey signingKey;

    @BeforeAll
    static void start_two_instances() throws Exception {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
        Path jar = root.resolve("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged service").exists();
        signingKey = KeyUtils.decodePrivateKey(Files.readString(root.resolve(".dev-keys/private-key.pem")));
        ItDatabases.recreate(DB_NAME);
        start(root, jar, PORT_A, "a");
        start(root, jar, PORT_B, "b");
        a = "http://127.0.0.1:" + PORT_A;
        b = "http://127.0.0.1:" + PORT_B;
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process p : PROCESSES) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void no_event_is_lost_or_out_of_order_when_an_instance_is_killed_mid_delivery_and_the_receiver_has_an_outage() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET).slowFirst(1, 1_500)) {
            String admin = token("it-admin", Set.of("admin"));
            String staff = token("it-staff", Set.of("staff"));
            JsonPath created = graphql(a, admin, """
                    mutation($i: WebhookSubscriptionCreateInput!) { webhookSubscriptionCreate(input: $i) {
                      subscription { id } userErrors { code message } } }""",
                    Map.of("i", Map.of("url", receiver.url(), "events", List.of("ORDER_PLACED", "ORDER_STATUS_CHANGED", "ORDER_CANCELLED"),
                            "secret", SECRET)));
            assertThat(created.getList("data.webhookSubscriptionCreate.userErrors")).isEmpty();
            String subscription = created.getString("data.webhookSubscriptionCreate.subscription.id");

            String store = graphql(a, null, "{ stores(first: 1) { edges { node { id } } } }", Map.of())
                    .getString("data.stores.edges[0].node.id");
            String variant = variantWithStock();
            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String through = i % 2 == 0 ? a : b;
                String order = place(through, variant, store);
                orders.add(order);
                graphql(through, staff, "mutation($i: OrderStatusUpdateInput!) { orderStatusUpdate(input: $i) { userErrors { code } } }",
                        Map.of("i", Map.of("orderId", order, "status", "CONFIRMED")));
                graphql(i % 2 == 0 ? b : a, staff, "mutation($i: OrderCancelInput!) { orderCancel(input: $i) { userErrors { code } } }",
                        Map.of("i", Map.of("orderId", order)));
            }

            // Kill A while the receiver is still answering requests (each event's first attempt takes 1.5 s).
            WebhookDeliveryTest.awaitTrue(() -> receiver.inFlight() >= 2, Duration.ofSeconds(30));
            Process killed = PROCESSES.get(0);
            killed.destroyForcibly();
            assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            // Then the receiver is down for a while: everything is retried.
            receiver.alwaysFailing(true);
            Thread.sleep(3_000);
            receiver.alwaysFailing(false);

            WebhookDeliveryTest.awaitTrue(() -> orders.stream().allMatch(o -> receiver.acceptedOf(o).size() == 4), Duration.ofSeconds(120));
            for (String order : orders) {
                assertThat(receiver.acceptedOf(order)).extracting(Received::eventType).as(order)
                        .containsExactly("order.placed", "order.status_changed", "order.status_changed", "order.cancelled");
            }
            assertThat(receiver.badSignatures()).isZero();
            // At least once: copies of an event carry its id; no event arrived more often than it was attempted.
            Map<String, Integer> copies = new HashMap<>();
            receiver.accepted().forEach(r -> copies.merge(r.eventId(), 1, Integer::sum));
            copies.forEach((id, n) -> assertThat(n).isLessThanOrEqualTo(receiver.attemptsOf(id)));

            JsonPath deliveries = graphql(b, admin, """
                    query($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 100) { edges { node { status attempts } } } }""",
                    Map.of("id", subscription));
            List<String> statuses = deliveries.getList("data.webhookDeliveries.edges.node.status");
            assertThat(statuses).hasSize(32).containsOnly("DELIVERED");
        }
    }

    private static String place(String instance, String variant, String store) {
        JsonPath cart = graphql(instance, null, "mutation($i: CartCreateInput) { cartCreate(input: $i) { cartToken cart { id } } }",
                Map.of("i", Map.of("lines", List.of(Map.of("variantId", variant, "quantity", 1)))));
        JsonPath placed = given().baseUri(instance).contentType(ContentType.JSON)
                .header("X-Cart-Token", cart.getString("data.cartCreate.cartToken"))
                .body(Map.of("query", """
                        mutation($i: CheckoutCompleteInput!) { checkoutComplete(input: $i) { order { id } userErrors { code message } } }""",
                        "variables", Map.of("i", Map.of("cartId", cart.getString("data.cartCreate.cart.id"),
                                "idempotencyKey", UUID.randomUUID().toString(), "email", "it-webhooks@example.com",
                                "fulfilment", Map.of("type", "PICKUP", "storeId", store), "payment", Map.of("method", "PAY_IN_STORE")))))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(placed.getList("data.checkoutComplete.userErrors")).as(placed.prettify()).isEmpty();
        return placed.getString("data.checkoutComplete.order.id");
    }

    private static String variantWithStock() {
        JsonPath products = graphql(a, null, "{ products(first: 20, filter: { inStock: true }) { edges { node { variants { id availableToPromise } } } } }",
                Map.of());
        List<Map<String, Object>> variants = products.getList("data.products.edges.node.variants.flatten()");
        return (String) variants.stream().filter(v -> ((Number) v.get("availableToPromise")).intValue() > 20).findFirst().orElseThrow().get("id");
    }

    private static String token(String subject, Set<String> groups) {
        return Jwt.issuer(ISSUER).subject(subject).groups(groups).expiresIn(Duration.ofMinutes(10)).sign(signingKey);
    }

    private static JsonPath graphql(String base, String token, String query, Map<String, Object> variables) {
        var request = given().baseUri(base).contentType(ContentType.JSON);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        JsonPath response = request.body(Map.of("query", query, "variables", variables)).when().post("/graphql")
                .then().statusCode(200).extract().jsonPath();
        assertThat(response.getList("errors")).as(response.prettify()).isNull();
        return response;
    }


    private static void start(Path root, Path jar, int port, String name) throws Exception {
        File log = root.resolve("target/webhook-instance-" + name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=bench", "-Dquarkus.http.port=" + port,
                // Every checkout of the test suite came from this machine's address: no per-address limit here.
                "-Dapp.rate-limit.checkout-attempts-per-address.max-attempts=1000000", "-jar", jar.toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log);
        Map<String, String> env = builder.environment();
        env.put("DB_NAME", DB_NAME);
        env.putIfAbsent("REDIS_URL", "redis://127.0.0.1:6379/6");
        // The receiver runs on this machine over plain http; retries within seconds; a lease longer than a request.
        env.put("WEBHOOK_ALLOW_HTTP", "true");
        env.put("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        env.put("WEBHOOK_POLL_INTERVAL", "PT0.2S");
        env.put("WEBHOOK_REQUEST_TIMEOUT", "PT4S");
        env.put("WEBHOOK_LEASE", "PT6S");
        env.put("WEBHOOK_RETRY_INITIAL_DELAY", "PT0.5S");
        env.put("WEBHOOK_RETRY_MAX_DELAY", "PT2S");
        env.put("WEBHOOK_PAUSE_AFTER_FAILURES", "10000");
        Process process = builder.start();
        PROCESSES.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("instance %s is running (log: %s)", name, log).isTrue();
            try {
                if (given().baseUri("http://127.0.0.1:" + port).when().get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("instance " + name + " not ready after 240 s; log: " + Files.readString(log.toPath()));
    }
}
