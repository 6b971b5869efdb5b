package com.omnichannel.gateway.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.ItDatabases;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Two instances of the packaged service against the same PostgreSQL and Redis, as behind a load balancer without
 * sticky sessions: what happens through one reaches clients of the other. Runs after packaging (failsafe).
 */
class TwoInstancesIT {

    static final String ISSUER = "https://commerce-gateway.local";
    static final String DB_NAME = "commerce_it";
    static final List<Process> PROCESSES = new ArrayList<>();
    static Vertx vertx;
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
        int portA = Integer.getInteger("it.port.a", 18091);
        int portB = Integer.getInteger("it.port.b", 18092);
        // One after the other: the first migrates the database and loads the demo catalog.
        start(root, jar, portA, "a");
        start(root, jar, portB, "b");
        a = "http://127.0.0.1:" + portA;
        b = "http://127.0.0.1:" + portB;
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        PROCESSES.forEach(Process::destroy);
        for (Process p : PROCESSES) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    @Test
    void a_cart_edited_through_one_instance_reaches_a_subscriber_on_the_other() throws Exception {
        String variant = firstVariantWithStock();
        JsonPath created = graphql(a, null, "mutation($i: CartCreateInput) { cartCreate(input: $i) { cartToken cart { id } } }",
                Map.of("i", Map.of("lines", List.of(Map.of("variantId", variant, "quantity", 1)))));
        String cartId = created.getString("data.cartCreate.cart.id");
        String token = created.getString("data.cartCreate.cartToken");

        try (GraphQLWebSocket phone = new GraphQLWebSocket(vertx, URI.create(b + "/graphql"), null)) {
            phone.subscribe("1", "subscription($id: ID!, $t: String) { cartUpdated(cartId: $id, cartToken: $t) { version itemCount } }",
                    Map.of("id", cartId, "t", token));
            Thread.sleep(700);
            Map<String, String> headers = Map.of("X-Cart-Token", token);
            JsonPath added = graphql(a, headers, "mutation($i: CartLinesAddInput!) { cartLinesAdd(input: $i) { cart { version } } }",
                    Map.of("i", Map.of("cartId", cartId, "lines", List.of(Map.of("variantId", variant, "quantity", 2)))));
            long version = added.getLong("data.cartLinesAdd.cart.version");
            JsonObject cart = phone.next().getJsonObject("payload").getJsonObject("data").getJsonObject("cartUpdated");
            assertThat(cart.getLong("version")).isEqualTo(version);
            assertThat(cart.getInteger("itemCount")).isEqualTo(3);
        }
    }

    @Test
    void an_order_placed_through_one_instance_changes_the_stock_a_kiosk_reads_and_receives_on_the_other() throws Exception {
        JsonPath stores = graphql(a, null, "{ stores(first: 1) { edges { node { id } } } }", Map.of());
        String store = stores.getString("data.stores.edges[0].node.id");
        Map<String, Object> chosen = variantWithStock();
        String variant = (String) chosen.get("id");
        String staff = token("it-staff", Set.of("staff"), Map.of());
        // A known quantity at the store: 10 more units than it had.
        JsonPath adjusted = graphql(a, Map.of("Authorization", "Bearer " + staff), """
                mutation($i: StockAdjustInput!) { stockAdjust(input: $i) { stockLevel { available } userErrors { code } } }""",
                Map.of("i", Map.of("variantId", variant, "locationId", store, "delta", 10, "reason", "two-instance test")));
        int before = adjusted.getInt("data.stockAdjust.stockLevel.available");
        String kiosk = token("kiosk-device:it", Set.of("kiosk"), Map.of("store_id", store));
        // Kiosks may send only their app's registered operations in production.
        String scan = Files.readString(Path.of(System.getProperty("project.root", ".")).resolve("graphql-schema/operations/kiosk/ScanBarcode.graphql"));
        Map<String, Object> barcode = Map.of("barcode", chosen.get("barcode"));
        assertThat(graphql(b, Map.of("Authorization", "Bearer " + kiosk), scan, barcode)
                .getInt("data.productVariant.availabilityHere.available")).isEqualTo(before);

        try (GraphQLWebSocket screen = new GraphQLWebSocket(vertx, URI.create(b + "/graphql"), null, kiosk)) {
            // The kiosk app's registered subscription (only registered operations, over the WebSocket too).
            String stockHere = Files.readString(Path.of(System.getProperty("project.root", "."))
                    .resolve("graphql-schema/operations/kiosk/StockHere.graphql"));
            screen.subscribe("1", stockHere, Map.of("variantIds", List.of(variant)));
            Thread.sleep(700);
            JsonPath cart = graphql(a, null, "mutation($i: CartCreateInput) { cartCreate(input: $i) { cartToken cart { id } } }",
                    Map.of("i", Map.of("lines", List.of(Map.of("variantId", variant, "quantity", 3)))));
            JsonPath placed = graphql(a, Map.of("X-Cart-Token", cart.getString("data.cartCreate.cartToken")), """
                    mutation($i: CheckoutCompleteInput!) { checkoutComplete(input: $i) { order { number } userErrors { code message } } }""",
                    Map.of("i", Map.of("cartId", cart.getString("data.cartCreate.cart.id"), "idempotencyKey", UUID.randomUUID().toString(),
                            "email", "it@example.com", "fulfilment", Map.of("type", "PICKUP", "storeId", store),
                            "payment", Map.of("method", "PAY_IN_STORE"))));
            assertThat(placed.getList("data.checkoutComplete.userErrors")).as(placed.prettify()).isEmpty();

            JsonObject message = screen.next();
            assertThat(message.getString("type")).as(message.encode()).isEqualTo("next");
            JsonObject level = message.getJsonObject("payload").getJsonObject("data").getJsonObject("stockChanged");
            assertThat(level.getInteger("available")).isEqualTo(before - 3);
            assertThat(level.getJsonObject("location").getString("id")).isEqualTo(store);
        }
        assertThat(graphql(b, Map.of("Authorization", "Bearer " + kiosk), scan, barcode)
                .getInt("data.productVariant.availabilityHere.available")).isEqualTo(before - 3);
    }

    @Test
    void a_product_renamed_through_one_instance_is_the_variants_product_on_the_other() throws Exception {
        String variant = firstVariantWithStock();
        // Staff reads: never answered from the response cache, so the product comes from B's catalog row cache.
        Map<String, String> staff = Map.of("Authorization", "Bearer " + token("it-staff", Set.of("staff"), Map.of()));
        String read = "query($id: ID!) { productVariant(id: $id) { product { id name } } }";
        JsonPath before = graphql(b, staff, read, Map.of("id", variant));
        String product = before.getString("data.productVariant.product.id");
        graphql(b, staff, read, Map.of("id", variant));

        String renamed = "Renamed through A " + UUID.randomUUID();
        JsonPath updated = graphql(a, staff, """
                mutation($i: ProductUpdateInput!) { productUpdate(input: $i) { product { name } userErrors { code } } }""",
                Map.of("i", Map.of("id", product, "name", renamed)));
        assertThat(updated.getString("data.productUpdate.product.name")).as(updated.prettify()).isEqualTo(renamed);

        // B hears of the write through Redis (catalog-changes) within milliseconds; its cache keeps rows for 30 s.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String seen = before.getString("data.productVariant.product.name");
        while (!renamed.equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = graphql(b, staff, read, Map.of("id", variant)).getString("data.productVariant.product.name");
        }
        assertThat(seen).isEqualTo(renamed);
    }

    @Test
    void a_customer_who_signs_in_through_one_instance_is_known_to_the_other() {
        String email = "it-" + UUID.randomUUID() + "@example.com";
        register(a, email, "Two-instances-42", "Ina", "Stance");
        JsonPath signedIn = graphql(a, null, """
                mutation($i: CustomerSignInInput!) { customerSignIn(input: $i) { tokens { accessToken refreshToken } userErrors { code message } } }""",
                Map.of("i", Map.of("email", email, "password", "Two-instances-42")));
        String access = signedIn.getString("data.customerSignIn.tokens.accessToken");
        assertThat(access).as(signedIn.prettify()).isNotBlank();

        JsonPath me = graphql(b, Map.of("Authorization", "Bearer " + access), "{ me { email firstName } }", Map.of());
        assertThat(me.getString("data.me.email")).isEqualTo(email);
        // The refresh token issued by A rotates on B.
        JsonPath refreshed = graphql(b, null, """
                mutation($i: TokenRefreshInput!) { tokenRefresh(input: $i) { tokens { accessToken } userErrors { code } } }""",
                Map.of("i", Map.of("refreshToken", signedIn.getString("data.customerSignIn.tokens.refreshToken"))));
        assertThat(refreshed.getString("data.tokenRefresh.tokens.accessToken")).isNotBlank();
    }

    @Test
    void a_cart_survives_a_restart_of_the_service() throws Exception {
        String variant = firstVariantWithStock();
        JsonPath created = graphql(b, null, "mutation($i: CartCreateInput) { cartCreate(input: $i) { cartToken cart { id } } }",
                Map.of("i", Map.of("lines", List.of(Map.of("variantId", variant, "quantity", 2)))));
        String cartId = created.getString("data.cartCreate.cart.id");
        Map<String, String> token = Map.of("X-Cart-Token", created.getString("data.cartCreate.cartToken"));

        // Carts live in Redis, not in the instance: stop B and start it again.
        Process old = PROCESSES.remove(1);
        old.destroy();
        assertThat(old.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
        start(root, root.resolve("target/quarkus-app/quarkus-run.jar"), URI.create(b).getPort(), "b-restarted");

        JsonPath read = graphql(b, token, "query($id: ID!) { cart(id: $id) { itemCount lines { quantity } } }", Map.of("id", cartId));
        assertThat(read.getInt("data.cart.itemCount")).isEqualTo(2);
    }

    @Test
    void the_packaged_service_writes_json_log_lines_carrying_the_request_id() throws Exception {
        String email = "it-log-" + UUID.randomUUID() + "@example.com";
        JsonPath registered = register(a, email, "Json-logs-2026", "Loki", "Lines");
        String requestId = "it-json-" + UUID.randomUUID();
        // Erasing an account is logged (without personal data) while the request is handled.
        graphql(a, Map.of("Authorization", "Bearer " + registered.getString("data.customerRegister.tokens.accessToken"),
                "X-Request-Id", requestId), "mutation($i: CustomerDeleteInput!) { customerDelete(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("password", "Json-logs-2026")));

        Path log = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().resolve("target/two-instances-a.log");
        JsonObject erased = null;
        for (int attempt = 0; attempt < 50 && erased == null; attempt++) {
            List<JsonObject> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                // The JVM itself may write a plain warning line before logging is set up; everything else is JSON.
                if (line.startsWith("{")) {
                    lines.add(new JsonObject(line));
                }
            }
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.fieldNames())
                    .contains("timestamp", "level", "loggerName", "message"));
            erased = lines.stream().filter(line -> line.getString("message").contains("erased")).findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertThat(erased).as("the erasure log line").isNotNull();
        assertThat(erased.getJsonObject("mdc").getString("requestId")).isEqualTo(requestId);
        assertThat(erased.getString("level")).isEqualTo("INFO");
        assertThat(erased.encode()).doesNotContain(email, "Loki", "Lines");
    }

    // ---- helpers

    private static JsonPath register(String instance, String email, String password, String firstName, String lastName) {
        JsonPath registered = graphql(instance, null, """
                mutation($i: CustomerRegisterInput!) { customerRegister(input: $i) { tokens { accessToken } userErrors { code message } } }""",
                Map.of("i", Map.of("email", email, "password", password, "firstName", firstName, "lastName", lastName)));
        assertThat(registered.getList("data.customerRegister.userErrors")).as(registered.prettify()).isEmpty();
        return registered;
    }

    private static String firstVariantWithStock() {
        return (String) variantWithStock().get("id");
    }

    private static Map<String, Object> variantWithStock() {
        JsonPath products = graphql(a, null, "{ products(first: 20, filter: { inStock: true }) { edges { node { variants { id barcode availableToPromise } } } } }", Map.of());
        List<Map<String, Object>> variants = products.getList("data.products.edges.node.variants.flatten()");
        return variants.stream().filter(v -> ((Number) v.get("availableToPromise")).intValue() > 20 && v.get("barcode") != null)
                .findFirst().orElseThrow();
    }

    private static String token(String subject, Set<String> groups, Map<String, Object> claims) {
        var builder = Jwt.issuer(ISSUER).subject(subject).groups(groups).expiresIn(Duration.ofMinutes(10));
        claims.forEach(builder::claim);
        return builder.sign(signingKey);
    }

    private static JsonPath graphql(String base, Map<String, String> headers, String query, Map<String, Object> variables) {
        JsonPath response = given().baseUri(base).contentType(ContentType.JSON).headers(headers == null ? Map.of() : headers)
                .body(Map.of("query", query, "variables", variables)).when().post("/graphql")
                .then().statusCode(200).extract().jsonPath();
        assertThat(response.getList("errors")).as(response.prettify()).isNull();
        return response;
    }


    private static void start(Path root, Path jar, int port, String name) throws Exception {
        File log = root.resolve("target/two-instances-" + name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=bench", "-Dquarkus.http.port=" + port,
                // Every sign-in and registration of the suite came from this address: no per-address limits here.
                "-Dapp.customer.sign-in.max-attempts-per-address=100000",
                "-Dapp.rate-limit.registrations-per-address.max-attempts=1000000",
                // Nor per-address checkout limit: the unit tests' checkouts from this address count in the same Redis.
                "-Dapp.rate-limit.checkout-attempts-per-address.max-attempts=1000000",
                // The benchmark profile logs warnings only; this category shows a request-time log line in the JSON log.
                "-Dquarkus.log.category.\"com.omnichannel.gateway.customer\".level=INFO", "-jar", jar.toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("DB_NAME", DB_NAME);
        // A Redis database of their own (pub/sub is shared by all databases of a server, as it is between instances).
        builder.environment().putIfAbsent("REDIS_URL", "redis://127.0.0.1:6379/6");
        Process process = builder.start();
        PROCESSES.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
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
        throw new AssertionError("instance " + name + " not ready after 180 s; log: " + Files.readString(log.toPath()));
    }
}
