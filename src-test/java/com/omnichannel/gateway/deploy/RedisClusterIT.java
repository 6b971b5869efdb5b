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
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
import io.vertx.redis.client.impl.ZModem;

/**
 * Two instances of the packaged service against a Redis Cluster of the test's own (3 masters, 3 replicas), under a
 * steady load of cart writes, while a master and then a replica are killed: only the carts of the dead master's
 * shard fail, and only until its replica is promoted; losing a replica fails nothing; no acknowledged write is
 * lost; afterwards pub/sub (cart subscriptions, cache invalidation between the instances) works again. Runs after
 * packaging (failsafe).
 */
class RedisClusterIT {

    static final String DB_NAME = "commerce_cluster_it";
    /** Carts written under load, spread over the three shards. */
    static final int CARTS = 45;
    static final int WRITERS = 3;
    /** Failover after a master dies: failure detection (node timeout, then a majority's vote) and promotion. */
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(8);

    static final List<Process> PROCESSES = new ArrayList<>();
    static RedisCluster cluster;
    static Vertx vertx;
    static String a;
    static String b;
    static PrivateKey signingKey;

    /** One cart under load: how many of its writes were acknowledged, and how many failed (perhaps applied). */
    record LoadedCart(String id, String token, int slot, AtomicInteger acknowledged, AtomicInteger failed) {
    }

    /** A failed write: when, and to which shard's slot. */
    record Failure(long sentNanos, long atNanos, int slot, String code) {
    }

    @BeforeAll
    static void start_cluster_and_two_instances() throws Exception {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
        Path jar = root.resolve("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged service").exists();
        signingKey = KeyUtils.decodePrivateKey(Files.readString(root.resolve(".dev-keys/private-key.pem")));
        cluster = new RedisCluster(Integer.getInteger("it.redis-cluster.first-port", 7100));
        ItDatabases.recreate(DB_NAME);
        int portA = Integer.getInteger("it.cluster.port.a", 18093);
        int portB = Integer.getInteger("it.cluster.port.b", 18094);
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
        if (cluster != null) {
            cluster.close();
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    @Test
    void losing_a_master_fails_only_its_shard_until_failover_and_losing_a_replica_fails_nothing() throws Exception {
        String variant = variantWithStock();
        List<LoadedCart> carts = new ArrayList<>();
        for (int i = 0; i < CARTS; i++) {
            JsonPath created = graphql(i % 2 == 0 ? a : b, null,
                    "mutation($i: CartCreateInput) { cartCreate(input: $i) { cartToken cart { id } } }",
                    Map.of("i", Map.of("lines", List.of(Map.of("variantId", variant, "quantity", 1)))));
            String id = created.getString("data.cartCreate.cart.id");
            carts.add(new LoadedCart(id, created.getString("data.cartCreate.cartToken"), ZModem.generate("cart:{" + id + "}"),
                    new AtomicInteger(), new AtomicInteger()));
        }
        Map<Integer, List<int[]>> shards = cluster.masters();
        assertThat(carts.stream().map(c -> RedisCluster.masterOf(c.slot(), shards)).distinct()).as("carts on every shard").hasSize(3);
        awaitSubscribers();

        // The master most subscriptions hang on: killing it also tests that they are made again elsewhere.
        int master = cluster.masters().keySet().stream().max(java.util.Comparator.comparingInt(this::subscribersOn)).orElseThrow();
        int replica = cluster.replicaOf(cluster.masters().keySet().stream().filter(p -> p != master).findFirst().orElseThrow());
        ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                // Each cart has one writer, so acknowledged adds are counted exactly.
                for (int round = 0; loading.get(); round++) {
                    for (int i = writer; i < carts.size() && loading.get(); i += WRITERS) {
                        addOneUnit(carts.get(i), variant, (round + i) % 2 == 0 ? a : b, failures);
                    }
                }
                return null;
            });
        }
        try {
            Thread.sleep(2_000);
            assertThat(failures).as("no failure before any node is lost").isEmpty();

            long masterKilledAt = System.nanoTime();
            cluster.kill(master);
            Set<Integer> deadShardSlots = slotsOf(carts, master, shards);
            awaitPromotion(carts, deadShardSlots);
            long promotedAt = System.nanoTime();
            Thread.sleep(1_500);

            List<Failure> afterMaster = List.copyOf(failures);
            assertThat(afterMaster).as("only the dead master's shard fails").allSatisfy(f -> assertThat(deadShardSlots).contains(f.slot()));
            // The window: from the kill until the replica is promoted and the service has read the new slot map.
            assertThat(afterMaster).as("its carts fail only until the replica is promoted").allSatisfy(f -> assertThat(
                    Duration.ofNanos(f.atNanos() - masterKilledAt)).isPositive().isLessThan(FAILOVER_BOUND));
            assertThat(afterMaster).as("none sent once the dead shard's carts were back").allSatisfy(f -> assertThat(f.sentNanos()).isLessThan(promotedAt));
            assertThat(afterMaster).as("the codes of failed writes").allSatisfy(f -> assertThat(f.code()).isEqualTo("CART_STORE_UNAVAILABLE"));

            long replicaKilledAt = System.nanoTime();
            cluster.kill(replica);
            Thread.sleep(3_000 + RedisCluster.NODE_TIMEOUT_MILLIS);
            assertThat(failures.stream().filter(f -> f.atNanos() > replicaKilledAt)).as("losing a replica fails nothing").isEmpty();
        } finally {
            loading.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        // No acknowledged write lost: each cart holds its first unit, every acknowledged add, and at most the failed ones.
        int written = 0;
        for (LoadedCart cart : carts) {
            JsonPath read = graphql(a, Map.of("X-Cart-Token", cart.token()), "query($id: ID!) { cart(id: $id) { itemCount } }",
                    Map.of("id", cart.id()));
            int units = read.getInt("data.cart.itemCount");
            assertThat(units).as("cart %s", cart.id()).isBetween(1 + cart.acknowledged().get(),
                    1 + cart.acknowledged().get() + cart.failed().get());
            written += cart.acknowledged().get();
        }
        assertThat(written).as("writes acknowledged under load").isGreaterThan(CARTS);

        // Scripts run on the masters that hold their keys, loaded there by running them: never SCRIPT LOAD, and
        // nothing sent to replicas (which would answer NOSCRIPT or MOVED).
        for (int node : cluster.live()) {
            assertThat(cluster.cli(node, "INFO", "commandstats")).as("node %d", node).doesNotContain("cmdstat_script:");
        }
        for (int replicaNode : cluster.replicas()) {
            assertThat(cluster.cli(replicaNode, "INFO", "commandstats")).as("replica %d", replicaNode)
                    .doesNotContain("cmdstat_evalsha:", "cmdstat_eval:", "cmdstat_get:");
        }

        awaitSubscribers();
        a_cart_edited_through_one_instance_reaches_a_subscriber_on_the_other(carts.get(0), variant);
        a_price_changed_through_one_instance_shows_on_the_other_at_once(variant);
    }

    private void a_cart_edited_through_one_instance_reaches_a_subscriber_on_the_other(LoadedCart cart, String variant) throws Exception {
        try (GraphQLWebSocket phone = new GraphQLWebSocket(vertx, URI.create(b + "/graphql"), null)) {
            phone.subscribe("1", "subscription($id: ID!, $t: String) { cartUpdated(cartId: $id, cartToken: $t) { version itemCount } }",
                    Map.of("id", cart.id(), "t", cart.token()));
            Thread.sleep(700);
            JsonPath added = graphql(a, Map.of("X-Cart-Token", cart.token()),
                    "mutation($i: CartLinesAddInput!) { cartLinesAdd(input: $i) { cart { version } } }",
                    Map.of("i", Map.of("cartId", cart.id(), "lines", List.of(Map.of("variantId", variant, "quantity", 1)))));
            JsonObject updated = phone.next().getJsonObject("payload").getJsonObject("data").getJsonObject("cartUpdated");
            assertThat(updated.getLong("version")).isEqualTo(added.getLong("data.cartLinesAdd.cart.version"));
        }
    }

    private void a_price_changed_through_one_instance_shows_on_the_other_at_once(String variant) throws Exception {
        JsonPath created = graphql(b, null, "mutation($i: CartCreateInput) { cartCreate(input: $i) { cartToken cart { id } } }",
                Map.of("i", Map.of("lines", List.of(Map.of("variantId", variant, "quantity", 1)))));
        String cartId = created.getString("data.cartCreate.cart.id");
        Map<String, String> token = Map.of("X-Cart-Token", created.getString("data.cartCreate.cartToken"));
        String unitPrice = "query($id: ID!) { cart(id: $id) { lines { unitPrice { amount } } } }";
        String before = graphql(b, token, unitPrice, Map.of("id", cartId)).getString("data.cart.lines[0].unitPrice.amount");
        String changed = new java.math.BigDecimal(before).add(java.math.BigDecimal.ONE).toPlainString();

        String staff = Jwt.issuer(TwoInstancesIT.ISSUER).subject("it-staff").groups(Set.of("staff"))
                .expiresIn(Duration.ofMinutes(10)).sign(signingKey);
        JsonPath updated = graphql(a, Map.of("Authorization", "Bearer " + staff), """
                mutation($i: ProductVariantUpdateInput!) { productVariantUpdate(input: $i) { userErrors { code message } } }""",
                Map.of("i", Map.of("id", variant, "price", changed)));
        assertThat(updated.getList("data.productVariantUpdate.userErrors")).as(updated.prettify()).isEmpty();

        // The variant cache lives 30 s: only the invalidation published by A shows the new price on B within seconds.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        String now = before;
        while (!changed.equals(now) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = graphql(b, token, unitPrice, Map.of("id", cartId)).getString("data.cart.lines[0].unitPrice.amount");
        }
        assertThat(now).isEqualTo(changed);
    }

    // ---- helpers

    private static void addOneUnit(LoadedCart cart, String variant, String instance, ConcurrentLinkedQueue<Failure> failures) {
        // When the request was sent: one sent before the shard came back may still fail after.
        long sentAt = System.nanoTime();
        String code;
        try {
            JsonPath added = given().baseUri(instance).contentType(ContentType.JSON).header("X-Cart-Token", cart.token())
                    .body(Map.of("query", "mutation($i: CartLinesAddInput!) { cartLinesAdd(input: $i) { cart { version } userErrors { code } } }",
                            "variables", Map.of("i", Map.of("cartId", cart.id(), "lines", List.of(Map.of("variantId", variant, "quantity", 1))))))
                    .when().post("/graphql").then().extract().jsonPath();
            if (added.get("errors") == null && added.getList("data.cartLinesAdd.userErrors").isEmpty()) {
                cart.acknowledged().incrementAndGet();
                return;
            }
            code = String.valueOf(added.getString("errors[0].extensions.code"));
            if (added.get("errors") == null) {
                code = "userError " + added.getString("data.cartLinesAdd.userErrors[0].code");
            }
        } catch (RuntimeException e) {
            code = e.toString();
        }
        cart.failed().incrementAndGet();
        failures.add(new Failure(sentAt, System.nanoTime(), cart.slot(), code));
    }

    /** Until every cart of the dead shard can be read again through both instances (its replica promoted). */
    private static void awaitPromotion(List<LoadedCart> carts, Set<Integer> deadShardSlots) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<LoadedCart> dead = carts.stream().filter(c -> deadShardSlots.contains(c.slot())).toList();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            boolean allBack = Stream.of(a, b).allMatch(instance -> dead.stream().allMatch(c -> {
                JsonPath read = given().baseUri(instance).contentType(ContentType.JSON).header("X-Cart-Token", c.token())
                        .body(Map.of("query", "query($id: ID!) { cart(id: $id) { id } }", "variables", Map.of("id", c.id())))
                        .when().post("/graphql").then().extract().jsonPath();
                return read.get("errors") == null;
            }));
            if (allBack) {
                return;
            }
        }
        throw new AssertionError("The dead master's carts did not come back");
    }

    private static Set<Integer> slotsOf(List<LoadedCart> carts, int masterPort, Map<Integer, List<int[]>> shards) {
        Set<Integer> slots = new java.util.HashSet<>();
        for (LoadedCart cart : carts) {
            if (RedisCluster.masterOf(cart.slot(), shards) == masterPort) {
                slots.add(cart.slot());
            }
        }
        return slots;
    }

    private int subscribersOn(int port) {
        String[] reply = cluster.cli(port, "PUBSUB", "NUMSUB", "cart-events").trim().split("\n");
        return reply.length == 2 ? Integer.parseInt(reply[1].trim()) : 0;
    }

    /** Both instances subscribed to the channels that carry cart, stock and catalog changes (PUBSUB NUMSUB). */
    private static void awaitSubscribers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> channels = List.of("cart-events", "stock-events", "catalog-changes", "order-events");
        while (!channels.stream().allMatch(channel -> cluster.subscribers(channel) == 2)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not both instances subscribed to " + channels);
            }
            Thread.sleep(100);
        }
    }

    private static String variantWithStock() {
        JsonPath products = graphql(a, null,
                "{ products(first: 20, filter: { inStock: true }) { edges { node { variants { id availableToPromise } } } } }", Map.of());
        List<Map<String, Object>> variants = products.getList("data.products.edges.node.variants.flatten()");
        // The most units: carts under load grow by one unit per write.
        return (String) variants.stream().max(java.util.Comparator.comparingInt(v -> ((Number) v.get("availableToPromise")).intValue()))
                .orElseThrow().get("id");
    }

    private static JsonPath graphql(String base, Map<String, String> headers, String query, Map<String, Object> variables) {
        JsonPath response = given().baseUri(base).contentType(ContentType.JSON).headers(headers == null ? Map.of() : headers)
                .body(Map.of("query", query, "variables", variables)).when().post("/graphql")
                .then().statusCode(200).extract().jsonPath();
        assertThat(response.getList("errors")).as(response.prettify()).isNull();
        return response;
    }


    private static void start(Path root, Path jar, int port, String name) throws Exception {
        File log = root.resolve("target/redis-cluster-" + name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=bench", "-Dquarkus.http.port=" + port,
                // Every checkout of the test suite came from this machine's address: no per-address limit here.
                "-Dapp.rate-limit.checkout-attempts-per-address.max-attempts=1000000", "-jar", jar.toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("DB_NAME", DB_NAME);
        builder.environment().put("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
        builder.environment().put("QUARKUS_REDIS_HOSTS", cluster.hosts());
        // Shows when the slot map changes (a failover) in the instance's log.
        builder.environment().put("QUARKUS_LOG_CATEGORY__COM_OMNICHANNEL_GATEWAY_PLATFORM_REDIS__LEVEL", "INFO");
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
