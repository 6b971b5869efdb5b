package com.omnichannel.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.net.URI;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.omnichannel.gateway.customer.CustomerAuthService;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.Accounts.Account;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.GraphQLWebSocket;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.TestData.ProductRef;
import com.omnichannel.gateway.support.TestData.Ref;
import com.omnichannel.gateway.support.Tokens;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeUtil;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The operations each frontend sends ({@code graphql-schema/operations/<client>/*.graphql}) must stay valid against
 * the schema the server serves and must keep working against the running server. A schema change that breaks
 * any client fails here, naming the client's file.
 * <p>
 * Every operation file needs a scenario in {@link #scenarios(Fixture)}: the variables a real client would send
 * (built from data this test creates) and a few checks on the answer. A new file without a scenario fails.
 */
@QuarkusTest
class ClientOperationsTest {

    static final Path OPERATIONS = Path.of("graphql-schema/operations");

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    @Inject
    CustomerAuthService accounts;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/graphql")
    URI endpoint;

    // ---- (a) every operation parses and validates against the served schema

    @TestFactory
    Stream<DynamicTest> every_operation_is_valid_against_the_served_schema() {
        GraphQLSchema schema = servedSchema();
        return operationFiles().stream().map(file -> dynamicTest(displayName(file), () -> {
            Document document = Parser.parse(read(file));

            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            assertThat(operations).as("%s must hold exactly one operation", file).hasSize(1);
            String expectedName = file.getFileName().toString().replaceFirst("\\.graphql$", "");
            assertThat(operations.get(0).getName())
                    .as("%s: the operation must be named like its file", file).isEqualTo(expectedName);

            List<String> errors = new Validator().validateDocument(schema, document, Locale.ENGLISH).stream()
                    .map(ValidationError::getMessage).toList();
            assertThat(errors).as("%s is not valid against the served schema", file).isEmpty();

            assertThat(literalIds(schema, document))
                    .as("%s: ids must be passed as variables, not written into the operation", file).isEmpty();

            assertThat(deprecatedFields(schema, document))
                    .as("%s: a client's operations must not use deprecated fields", file).isEmpty();
        }));
    }

    // ---- (b) every operation runs for its client against the server

    @TestFactory
    Stream<DynamicTest> every_operation_runs_for_its_client_without_errors() {
        Fixture fixture = createFixture();
        Map<String, Scenario> scenarios = scenarios(fixture);
        return operationFiles().stream().map(file -> dynamicTest(displayName(file), () -> {
            String key = key(file);
            Scenario scenario = scenarios.get(key);
            assertThat(scenario).as("No scenario for %s: add one to ClientOperationsTest.scenarios", file).isNotNull();
            scenario.run(clientFor(key, fixture), read(file));
        }));
    }

    @Test
    void every_scenario_belongs_to_an_operation_file() {
        Set<String> files = new TreeSet<>(operationFiles().stream().map(ClientOperationsTest::key).toList());
        Set<String> stale = new TreeSet<>(scenarios(null).keySet());
        stale.removeAll(files);
        assertThat(stale).as("scenarios for operation files that do not exist").isEmpty();
    }

    /** A trusted operation belongs to the one channel of its folder, found by the hash of its text. */
    @Test
    void no_two_operation_files_have_the_same_text() {
        Map<String, List<String>> filesByText = new LinkedHashMap<>();
        operationFiles().forEach(file -> filesByText.computeIfAbsent(read(file), text -> new ArrayList<>()).add(key(file)));
        assertThat(filesByText.values().stream().filter(files -> files.size() > 1).toList())
                .as("operation files with the same text (give each client's file its own comment)").isEmpty();
    }

    /**
     * The token and channel each client sends: web and app shoppers start anonymous (their scenarios sign in where
     * the screen needs it), kiosks and staff carry their token.
     */
    private static GraphQL clientFor(String key, Fixture fixture) {
        String client = key.substring(0, key.indexOf('/'));
        return switch (client) {
            case "web" -> GraphQL.anonymous().channel("WEB");
            case "mobile" -> GraphQL.anonymous().channel("MOBILE");
            case "kiosk" -> GraphQL.as(Tokens.kiosk(fixture.here.id())).channel("KIOSK");
            case "staff" -> GraphQL.as(Tokens.staff()).channel("STAFF");
            case "pos" -> GraphQL.as(Tokens.integration()).channel("POS");
            default -> throw new AssertionError("Unknown client folder '" + client + "': say in clientFor which token it sends");
        };
    }

    // ---- scenarios: variables and checks, one per operation file

    @FunctionalInterface
    interface Scenario {
        void run(GraphQL client, String operation);
    }

    /** Data shared by the read scenarios; scenarios that change stock or prices create their own products. */
    record Fixture(String searchWord, Ref clothing, Ref jackets, Ref rainJackets, Map<Long, String> categorySlugs,
            double lat, double lng, Ref here, Ref nearby, Ref warehouse, ProductRef jacket, ProductRef socks) {

        String slug(Ref category) {
            return categorySlugs.get(category.key());
        }
    }

    private Fixture createFixture() {
        String word = randomWord();
        Ref clothing = data.category("Clothing", null);
        Ref jackets = data.category("Jackets", clothing);
        Ref rainJackets = data.category("Rain jackets", jackets);
        Map<Long, String> slugs = new LinkedHashMap<>();
        for (Ref c : List.of(clothing, jackets, rainJackets)) {
            slugs.put(c.key(), GraphQL.anonymous().ok("query($id: ID!) { category(id: $id) { slug } }", "id", c.id())
                    .getString("data.category.slug"));
        }
        // A random spot in the South Pacific, so no store of another test is near it.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double lat = -50 - random.nextDouble(5);
        double lng = -140 - random.nextDouble(5);
        Ref here = data.store("Kiosk store " + word, lat, lng);
        Ref nearby = data.store("Neighbour store " + word, lat + 0.02, lng);
        Ref warehouse = data.warehouse("Central warehouse " + word, lat + 0.5, lng);

        ProductRef jacket = data.product("Rain jacket " + word, rainJackets, 8999, 9999);
        ProductRef socks = data.product("Rain socks", rainJackets, 1999);
        data.execute("UPDATE product_variant SET compare_at_price_minor = 11999 WHERE id = " + jacket.variant(0).key());
        data.stock(jacket.variant(0), here, 7);
        data.stock(jacket.variant(0), nearby, 4);
        data.stock(jacket.variant(0), warehouse, 20);
        data.stock(jacket.variant(1), here, 2);
        data.stock(socks.variant(0), here, 30);
        return new Fixture(word, clothing, jackets, rainJackets, slugs, lat, lng, here, nearby, warehouse, jacket, socks);
    }

    private Map<String, Scenario> scenarios(Fixture f) {
        Map<String, Scenario> s = new LinkedHashMap<>();

        // ---- web

        s.put("web/ProductListing.graphql", (client, op) -> {
            Map<String, Object> filter = Map.of("categorySlug", f.slug(f.clothing), "inStock", true,
                    "price", Map.of("min", "10.00", "max", "200.00"));
            JsonPath first = run(client, op, vars("filter", filter, "sort", "PRICE_ASC", "first", 1));
            assertThat(first.getString("data.products.edges[0].node.id")).isEqualTo(f.socks.id());
            assertThat(first.getBoolean("data.products.pageInfo.hasNextPage")).isTrue();

            JsonPath second = run(client, op, vars("filter", filter, "sort", "PRICE_ASC", "first", 1,
                    "after", first.getString("data.products.pageInfo.endCursor")));
            String node = "data.products.edges[0].node.";
            assertThat(second.getString(node + "id")).isEqualTo(f.jacket.id());
            assertThat(second.getString(node + "priceRange.minVariantPrice.amount")).isEqualTo("89.99");
            assertThat(second.getString(node + "priceRange.maxVariantPrice.amount")).isEqualTo("99.99");
            assertThat(second.getString(node + "priceRange.minVariantPrice.currencyCode")).isEqualTo("EUR");
            assertThat(second.getBoolean(node + "availability.inStock")).isTrue();
            assertThat(second.getInt(node + "availability.availableQuantity")).isEqualTo(7 + 4 + 20 + 2);
            assertThat(second.getString(node + "images[0].url")).startsWith("https://").endsWith(".jpg");
            assertThat(second.getString(node + "category.slug")).isEqualTo(f.slug(f.rainJackets));
            assertThat(second.getBoolean("data.products.pageInfo.hasNextPage")).isFalse();
            assertThat(second.getBoolean("data.products.pageInfo.hasPreviousPage")).isTrue();
        });

        s.put("web/ProductDetail.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars("slug", f.jacket.slug(), "near", Map.of("lat", f.lat, "lng", f.lng),
                    "storeCount", 2));
            assertThat(r.getString("data.product.id")).isEqualTo(f.jacket.id());
            assertThat(r.getList("data.product.category.ancestors.slug", String.class))
                    .containsExactly(f.slug(f.clothing), f.slug(f.jackets));
            assertThat(r.getList("data.product.variants.sku", String.class))
                    .containsExactly(f.jacket.variant(0).sku(), f.jacket.variant(1).sku());
            String v0 = "data.product.variants[0].";
            assertThat(r.getString(v0 + "price.amount")).isEqualTo("89.99");
            assertThat(r.getString(v0 + "compareAtPrice.amount")).isEqualTo("119.99");
            assertThat(r.getString("data.product.variants[1].compareAtPrice")).isNull();
            assertThat(r.getString(v0 + "selectedOptions[0].name")).isEqualTo("Size");
            assertThat(r.getInt(v0 + "availableToPromise")).isEqualTo(31);
            assertThat(r.getList(v0 + "storeAvailability.store.id", String.class))
                    .containsExactly(f.here.id(), f.nearby.id());
            assertThat(r.getList(v0 + "storeAvailability.available", Integer.class)).containsExactly(7, 4);
            assertThat(r.getDouble(v0 + "storeAvailability[0].distanceKm")).isZero();
        });

        s.put("web/ProductSearch.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars("text", f.searchWord, "first", 10));
            assertThat(r.getList("data.products.edges.node.id", String.class)).containsExactly(f.jacket.id());
            assertThat(r.getString("data.products.edges[0].node.priceRange.minVariantPrice.amount")).isEqualTo("89.99");
            assertThat(r.getBoolean("data.products.pageInfo.hasNextPage")).isFalse();
        });

        s.put("web/CategoryTree.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars());
            String root = "data.categories.find { it.id == '" + f.clothing.id() + "' }";
            assertThat(r.getString(root + ".name")).isEqualTo("Clothing");
            assertThat(r.getList(root + ".children.id", String.class)).containsExactly(f.jackets.id());
            assertThat(r.getString(root + ".children[0].children[0].name")).isEqualTo("Rain jackets");
            assertThat(r.getList("data.categories.id", String.class)).doesNotContain(f.jackets.id());
        });

        s.put("web/CategoryPage.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars("slug", f.slug(f.rainJackets)));
            assertThat(r.getString("data.category.id")).isEqualTo(f.rainJackets.id());
            assertThat(r.getList("data.category.ancestors.name", String.class)).containsExactly("Clothing", "Jackets");
            assertThat(r.getString("data.category.parent.id")).isEqualTo(f.jackets.id());
            assertThat(r.getList("data.category.children")).isEmpty();
        });

        s.put("web/StoreLocator.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars("lat", f.lat, "lng", f.lng, "radiusKm", 5.0, "first", 10));
            assertThat(r.getList("data.nearbyStores.edges.node.store.id", String.class))
                    .containsExactly(f.here.id(), f.nearby.id());
            assertThat(r.getDouble("data.nearbyStores.edges[0].node.distanceKm")).isZero();
            assertThat(r.getDouble("data.nearbyStores.edges[1].node.distanceKm")).isBetween(2.0, 2.5);
            assertThat(r.getString("data.nearbyStores.edges[0].node.store.address.countryCode")).isEqualTo("DE");
        });

        s.put("web/PickupSlots.graphql", (client, op) -> {
            Ref store = data.store("Slot store " + f.searchWord, f.lat - 1, f.lng);
            GraphQL staff = GraphQL.as(Tokens.staff());
            staff.ok("mutation($input: StoreHoursSetInput!) { storeHoursSet(input: $input) { userErrors { code } } }", "input",
                    Map.of("storeId", store.id(), "timeZone", "Europe/Berlin", "weekly", List.of("MONDAY", "TUESDAY", "WEDNESDAY",
                            "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY").stream()
                            .map(day -> Map.of("day", day, "opens", "00:00", "closes", "24:00")).toList()));
            staff.ok("mutation($input: StorePickupSetInput!) { storePickupSet(input: $input) { userErrors { code } } }", "input",
                    Map.of("storeId", store.id(), "preparationMinutes", 0, "slotMinutes", 60, "slotCapacity", 5));
            java.time.OffsetDateTime from = java.time.OffsetDateTime.now().plusHours(1);
            JsonPath r = run(client, op, vars("storeId", store.id(), "from", from.toString(), "to", from.plusHours(4).toString()));
            assertThat(r.getList("data.pickupSlots")).hasSizeBetween(3, 4);
            assertThat(r.getList("data.pickupSlots.remaining", Integer.class)).containsOnly(5);
        });

        // ---- kiosk (token bound to f.here)

        s.put("kiosk/ScanBarcode.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars("barcode", f.jacket.variant(0).barcode(), "nearbyStoreCount", 3));
            assertThat(r.getString("data.productVariant.sku")).isEqualTo(f.jacket.variant(0).sku());
            assertThat(r.getString("data.productVariant.price.amount")).isEqualTo("89.99");
            assertThat(r.getString("data.productVariant.product.id")).isEqualTo(f.jacket.id());
            assertThat(r.getString("data.productVariant.availabilityHere.store.id")).isEqualTo(f.here.id());
            assertThat(r.getInt("data.productVariant.availabilityHere.available")).isEqualTo(7);
            // nearest first from the kiosk's own store
            assertThat(r.getList("data.productVariant.storeAvailability.store.id", String.class).subList(0, 2))
                    .containsExactly(f.here.id(), f.nearby.id());
            assertThat(r.getInt("data.productVariant.storeAvailability[1].available")).isEqualTo(4);
        });

        s.put("kiosk/KioskViewer.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars());
            assertThat(r.getString("data.viewer.channel")).isEqualTo("KIOSK");
            assertThat(r.getBoolean("data.viewer.authenticated")).isTrue();
            assertThat(r.getList("data.viewer.roles", String.class)).containsExactly("kiosk");
            assertThat(r.getString("data.viewer.store.id")).isEqualTo(f.here.id());
            assertThat(r.getString("data.viewer.store.hours.timeZone")).isNotBlank();
        });

        s.put("kiosk/KioskProductDetail.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars("id", f.jacket.id(), "nearbyStoreCount", 2));
            assertThat(r.getString("data.product.name")).isEqualTo("Rain jacket " + f.searchWord);
            assertThat(r.getList("data.product.variants.availabilityHere.available", Integer.class)).containsExactly(7, 2);
            assertThat(r.getList("data.product.variants[0].storeAvailability.store.id", String.class))
                    .containsExactly(f.here.id(), f.nearby.id());
        });

        s.put("kiosk/StockHere.graphql", (client, op) -> {
            // A subscription: the kiosk's screen listens over the WebSocket, authenticated in connection_init.
            // A store of its own, so the low stock it makes is not seen by the staff scenarios at f.here.
            Ref store = data.store(TestData.unique("Kiosk display store"), f.lat - 1, f.lng);
            ProductRef lamp = data.product(TestData.unique("Kiosk display lamp"), null, 3999);
            data.stock(lamp.variant(0), store, 10);
            try (GraphQLWebSocket screen = new GraphQLWebSocket(vertx, endpoint, null, Tokens.kiosk(store.id()))) {
                screen.subscribe("1", op, vars("variantIds", List.of(lamp.variant(0).id())));
                Thread.sleep(300);
                JsonPath adjusted = GraphQL.as(Tokens.staff()).ok("""
                        mutation($input: StockAdjustInput!) { stockAdjust(input: $input) { userErrors { code } } }""",
                        "input", Map.of("variantId", lamp.variant(0).id(), "locationId", store.id(), "delta", -8, "reason", "display"));
                assertThat(adjusted.getList("data.stockAdjust.userErrors")).isEmpty();
                JsonObject message = screen.next();
                assertThat(message.getString("type")).as(message.encode()).isEqualTo("next");
                JsonObject level = message.getJsonObject("payload").getJsonObject("data").getJsonObject("stockChanged");
                assertThat(level.getInteger("available")).isEqualTo(2);
                assertThat(level.getBoolean("lowStock")).isTrue();
                assertThat(level.getJsonObject("variant").getString("sku")).isEqualTo(lamp.variant(0).sku());
                assertThat(level.getJsonObject("location").getString("id")).isEqualTo(store.id());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        // ---- staff

        s.put("staff/CreateProduct.graphql", (client, op) -> {
            String name = TestData.unique("Trail runner");
            String sku1 = TestData.unique("TR-42");
            String sku2 = TestData.unique("TR-43");
            String barcode = TestData.newBarcode();
            Map<String, Object> input = Map.of(
                    "name", name, "brand", "Testbrand", "description", "Light trail shoe",
                    "categoryId", f.rainJackets.id(), "imageUrls", List.of("https://img.test/trail-runner.jpg"),
                    "variants", List.of(
                            Map.of("sku", sku1, "barcode", barcode, "price", "129.00", "compareAtPrice", "149.00",
                                    "options", List.of(Map.of("name", "Size", "value", "42"))),
                            Map.of("sku", sku2, "price", "129.00", "options", List.of(Map.of("name", "Size", "value", "43")))));
            JsonPath r = run(client, op, vars("input", input));
            assertThat(r.getList("data.productCreate.userErrors")).isEmpty();
            assertThat(r.getString("data.productCreate.product.name")).isEqualTo(name);
            assertThat(r.getString("data.productCreate.product.status")).isEqualTo("ACTIVE");
            assertThat(r.getString("data.productCreate.product.category.id")).isEqualTo(f.rainJackets.id());
            assertThat(r.getList("data.productCreate.product.variants.sku", String.class)).containsExactly(sku1, sku2);
            assertThat(r.getString("data.productCreate.product.variants[0].title")).isEqualTo("42");
            assertThat(r.getString("data.productCreate.product.variants[0].barcode")).isEqualTo(barcode);
            assertThat(r.getString("data.productCreate.product.variants[0].compareAtPrice.amount")).isEqualTo("149.00");
            assertThat(data.count("SELECT count(*) FROM product_variant WHERE sku IN ($1, $2)", sku1, sku2)).isEqualTo(2);
        });

        s.put("staff/UpdateVariantPrice.graphql", (client, op) -> {
            ProductRef product = data.product("Repriced shirt", null, 5000, 6000);
            JsonPath r = run(client, op, vars("id", product.variant(0).id(), "price", "45.50", "compareAtPrice", "50.00"));
            assertThat(r.getList("data.productVariantUpdate.userErrors")).isEmpty();
            String v = "data.productVariantUpdate.productVariant.";
            assertThat(r.getString(v + "price.amount")).isEqualTo("45.50");
            assertThat(r.getString(v + "compareAtPrice.amount")).isEqualTo("50.00");
            assertThat(r.getString(v + "product.priceRange.minVariantPrice.amount")).isEqualTo("45.50");
            assertThat(r.getString(v + "product.priceRange.maxVariantPrice.amount")).isEqualTo("60.00");
            assertThat(data.count("SELECT price_minor FROM product_variant WHERE id = $1", product.variant(0).key()))
                    .isEqualTo(4550);
        });

        s.put("staff/AdjustStockByDelta.graphql", (client, op) -> {
            ProductRef product = data.product("Delivered boots", null, 7900);
            data.stock(product.variant(0), f.warehouse, 10);
            JsonPath r = run(client, op, vars("variantId", product.variant(0).id(), "locationId", f.warehouse.id(),
                    "delta", 5, "reason", "goods received"));
            assertThat(r.getList("data.stockAdjust.userErrors")).isEmpty();
            assertThat(r.getInt("data.stockAdjust.stockLevel.onHand")).isEqualTo(15);
            assertThat(r.getString("data.stockAdjust.stockLevel.location.id")).isEqualTo(f.warehouse.id());
            assertThat(r.getString("data.stockAdjust.movement.kind")).isEqualTo("ADJUSTMENT");
            assertThat(r.getInt("data.stockAdjust.movement.quantityDelta")).isEqualTo(5);
            assertThat(r.getInt("data.stockAdjust.movement.onHandBefore")).isEqualTo(10);
            assertThat(r.getString("data.stockAdjust.movement.channel")).isEqualTo("STAFF");
            assertThat(data.stockRow(product.variant(0), f.warehouse).getInteger("on_hand")).isEqualTo(15);
        });

        // ---- pos (integration token)

        s.put("pos/SetStockQuantities.graphql", (client, op) -> {
            ProductRef product = data.product("Synced scarf", null, 2500);
            data.stock(product.variant(0), f.warehouse, 10);
            JsonPath r = run(client, op, vars("input", Map.of("reason", "WMS count", "idempotencyKey", java.util.UUID.randomUUID().toString(),
                    "quantities", List.of(Map.of("variant", Map.of("sku", product.variant(0).sku()), "location", Map.of("id", f.warehouse.id()),
                            "quantity", 4, "compareQuantity", 10)))));
            assertThat(r.getList("data.inventorySetQuantities.userErrors")).isEmpty();
            assertThat(r.getList("data.inventorySetQuantities.stockLevels.onHand")).containsExactly(4);
        });

        s.put("pos/ReceiveGoods.graphql", (client, op) -> {
            ProductRef product = data.product("Received scarf", null, 2500);
            data.stock(product.variant(0), f.warehouse, 10);
            JsonPath r = run(client, op, vars("input", Map.of("reason", "goods received", "idempotencyKey", java.util.UUID.randomUUID().toString(),
                    "changes", List.of(Map.of("variant", Map.of("id", product.variant(0).id()), "location", Map.of("id", f.warehouse.id()),
                            "delta", 6)))));
            assertThat(r.getList("data.inventoryAdjustQuantities.userErrors")).isEmpty();
            assertThat(r.getList("data.inventoryAdjustQuantities.stockLevels.onHand")).containsExactly(16);
        });

        s.put("pos/RecordSale.graphql", (client, op) -> {
            // A store of its own, far from the fixture's, so its low stock and distance show in no other scenario.
            Ref till = data.store("Till store", 10.0, 10.0);
            ProductRef product = data.product("Sold scarf", null, 2500);
            data.stock(product.variant(0), till, 5);
            JsonPath r = run(client, op, vars("input", Map.of("storeId", till.id(), "idempotencyKey", java.util.UUID.randomUUID().toString(),
                    "lines", List.of(Map.of("variant", Map.of("barcode", product.variant(0).barcode()), "quantity", 2)),
                    "tenders", List.of(Map.of("method", "CASH", "amount", "50.00")),
                    "occurredAt", java.time.OffsetDateTime.now().minusMinutes(1).toString())));
            assertThat(r.getList("data.posSaleRecord.userErrors")).isEmpty();
            assertThat(r.getString("data.posSaleRecord.order.status")).isEqualTo("PICKED_UP");
            assertThat(data.stockRow(product.variant(0), till).getInteger("on_hand")).isEqualTo(3);
        });

        s.put("staff/RecordStockCount.graphql", (client, op) -> {
            ProductRef product = data.product("Counted scarf", null, 2500);
            data.stock(product.variant(0), f.warehouse, 10);
            JsonPath r = run(client, op, vars("variantId", product.variant(0).id(), "locationId", f.warehouse.id(),
                    "onHand", 3, "reason", "stock count"));
            assertThat(r.getList("data.stockAdjust.userErrors")).isEmpty();
            assertThat(r.getInt("data.stockAdjust.stockLevel.onHand")).isEqualTo(3);
            assertThat(r.getBoolean("data.stockAdjust.stockLevel.lowStock")).isTrue();
            assertThat(r.getString("data.stockAdjust.movement.kind")).isEqualTo("COUNT");
            assertThat(r.getInt("data.stockAdjust.movement.quantityDelta")).isEqualTo(-7);
            assertThat(data.stockRow(product.variant(0), f.warehouse).getInteger("on_hand")).isEqualTo(3);
        });

        s.put("staff/LowStockItems.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars("locationId", f.here.id(), "first", 50));
            // at f.here: jacket size 0 has 7, socks 30 (less what guests ordered), jacket size 1 has 2 (default threshold 3)
            assertThat(r.getList("data.lowStockItems.edges.node.variant.sku", String.class))
                    .containsExactly(f.jacket.variant(1).sku());
            assertThat(r.getInt("data.lowStockItems.edges[0].node.available")).isEqualTo(2);
            assertThat(r.getString("data.lowStockItems.edges[0].node.variant.product.id")).isEqualTo(f.jacket.id());
        });

        s.put("staff/StockMovements.graphql", (client, op) -> {
            ProductRef product = data.product("Ledger gloves", null, 1500);
            data.stock(product.variant(0), f.warehouse, 10);
            String adjust = read(OPERATIONS.resolve("staff/AdjustStockByDelta.graphql"));
            run(client, adjust, vars("variantId", product.variant(0).id(), "locationId", f.warehouse.id(), "delta", 3,
                    "reason", "goods received"));
            run(client, adjust, vars("variantId", product.variant(0).id(), "locationId", f.warehouse.id(), "delta", -1,
                    "reason", "damaged"));

            JsonPath r = run(client, op, vars("variantId", product.variant(0).id(), "locationId", f.warehouse.id()));
            assertThat(r.getList("data.stockMovements.edges.node.quantityDelta", Integer.class)).containsExactly(-1, 3);
            assertThat(r.getList("data.stockMovements.edges.node.reason", String.class)).containsExactly("damaged", "goods received");
            assertThat(r.getInt("data.stockMovements.edges[0].node.onHandAfter")).isEqualTo(12);
            assertThat(r.getString("data.stockMovements.edges[0].node.actor")).startsWith("staff-");
            assertThat(r.getString("data.stockMovements.edges[0].node.variant.id")).isEqualTo(product.variant(0).id());
        });

        s.put("staff/SetStoreHours.graphql", (client, op) -> {
            Ref store = data.store("Hours store " + f.searchWord, f.lat - 1, f.lng);
            JsonPath r = run(client, op, vars("input", Map.of("storeId", store.id(), "timeZone", "America/New_York",
                    "weekly", List.of(Map.of("day", "MONDAY", "opens", "09:00", "closes", "17:00")),
                    "exceptions", List.of(Map.of("date", "2030-12-25", "reason", "Christmas")))));
            assertThat(r.getList("data.storeHoursSet.userErrors")).isEmpty();
            assertThat(r.getString("data.storeHoursSet.store.hours.timeZone")).isEqualTo("America/New_York");
            assertThat(r.getBoolean("data.storeHoursSet.store.hours.exceptions[0].closed")).isTrue();
            JsonPath refused = run(client, op, vars("input", Map.of("storeId", store.id(), "timeZone", "Nowhere/Else", "weekly", List.of())));
            assertThat(refused.getString("data.storeHoursSet.userErrors[0].code")).isEqualTo("UNKNOWN_TIME_ZONE");
        });

        s.put("staff/SetStorePickup.graphql", (client, op) -> {
            Ref store = data.store("Pickup store " + f.searchWord, f.lat - 1, f.lng);
            JsonPath r = run(client, op, vars("input", Map.of("storeId", store.id(), "preparationMinutes", 30,
                    "slotMinutes", 15, "slotCapacity", 2)));
            assertThat(r.getList("data.storePickupSet.userErrors")).isEmpty();
            assertThat(r.getInt("data.storePickupSet.store.pickup.preparationMinutes")).isEqualTo(30);
            assertThat(r.getInt("data.storePickupSet.store.pickup.slotCapacity")).isEqualTo(2);
        });

        s.put("staff/Locations.graphql", (client, op) -> {
            List<String> ids = new ArrayList<>();
            List<String> types = new ArrayList<>();
            String after = null;
            for (int page = 0; page < 50; page++) {
                JsonPath r = run(client, op, vars("type", "WAREHOUSE", "first", 20, "after", after));
                ids.addAll(r.getList("data.locations.edges.node.id", String.class));
                types.addAll(r.getList("data.locations.edges.node.type", String.class));
                if (!r.getBoolean("data.locations.pageInfo.hasNextPage")) {
                    break;
                }
                after = r.getString("data.locations.pageInfo.endCursor");
            }
            assertThat(ids).contains(f.warehouse.id()).doesNotContain(f.here.id()).doesNotHaveDuplicates();
            assertThat(types).containsOnly("WAREHOUSE");
        });

        s.put("staff/RegisterKioskDevice.graphql", (client, op) -> {
            String name = TestData.unique("Entrance kiosk");
            JsonPath r = run(client, op, vars("input", Map.of("name", name, "storeId", f.here.id())));
            assertThat(r.getList("data.kioskDeviceRegister.userErrors")).isEmpty();
            assertThat(r.getString("data.kioskDeviceRegister.kioskDevice.store.id")).isEqualTo(f.here.id());
            assertThat(data.count("SELECT count(*) FROM kiosk_device WHERE name = $1", name)).isEqualTo(1);

            // the issued token is what the kiosk sends from now on
            String token = r.getString("data.kioskDeviceRegister.token");
            JsonPath viewer = run(GraphQL.as(token), read(OPERATIONS.resolve("kiosk/KioskViewer.graphql")), vars());
            assertThat(viewer.getString("data.viewer.channel")).isEqualTo("KIOSK");
            assertThat(viewer.getString("data.viewer.store.id")).isEqualTo(f.here.id());
        });

        // ---- orders (web checkout with a cart token; staff order intake)

        s.put("web/Checkout.graphql", (client, op) -> {
            JsonPath order = placeGuestOrder(f, op, "checkout@example.com");
            assertThat(order.getString("status")).isEqualTo("PLACED");
            assertThat(order.getString("fulfilment.store.id")).isEqualTo(f.here.id());
            assertThat(order.getString("total.amount")).isEqualTo("39.98");
            assertThat(order.getList("lines.sku")).containsExactly(f.socks.variant(0).sku());
        });

        s.put("web/GuestOrderLookup.graphql", (client, op) -> {
            JsonPath order = placeGuestOrder(f, read(OPERATIONS.resolve("web/Checkout.graphql")), "lookup@example.com");
            JsonPath r = run(client, op, vars("number", order.getString("number"), "email", "Lookup@Example.com"));
            assertThat(r.getString("data.orderLookup.number")).isEqualTo(order.getString("number"));
            assertThat(r.getList("data.orderLookup.shipments.status")).containsExactly("PENDING");
        });

        s.put("web/MyOrders.graphql", (client, op) -> {
            String customerId = TestData.unique("customer");
            GraphQL customer = GraphQL.as(Tokens.customer(customerId)).channel("WEB");
            String cartId = customer.ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } } }", "input",
                    Map.of("lines", List.of(Map.of("variantId", f.socks.variant(0).id(), "quantity", 1)))).getString("data.cartCreate.cart.id");
            JsonPath placed = run(customer, read(OPERATIONS.resolve("web/Checkout.graphql")), vars("input", Map.of("cartId", cartId,
                    "idempotencyKey", java.util.UUID.randomUUID().toString(), "fulfilment", Map.of("type", "PICKUP", "storeId", f.here.id()),
                    "payment", Map.of("method", "PAY_IN_STORE"))));
            JsonPath r = run(customer, op, vars("first", 10, "after", null));
            assertThat(r.getList("data.myOrders.edges.node.number"))
                    .containsExactly(placed.getString("data.checkoutComplete.order.number"));
            assertThat(r.getString("data.myOrders.edges[0].node.shipments[0].location.name")).startsWith("Kiosk store");
        });

        s.put("staff/Orders.graphql", (client, op) -> {
            JsonPath order = placeGuestOrder(f, read(OPERATIONS.resolve("web/Checkout.graphql")), "intake@example.com");
            JsonPath r = run(client, op, vars("filter", Map.of("locationId", f.here.id(), "email", "intake@example.com"), "first", 20, "after", null));
            assertThat(r.getList("data.orders.edges.node.number")).containsExactly(order.getString("number"));
            assertThat(r.getList("data.orders.edges[0].node.nextStatuses")).contains("CONFIRMED");
            assertThat(r.getString("data.orders.edges[0].node.shipments[0].lines[0].orderLine.sku")).isEqualTo(f.socks.variant(0).sku());
        });

        s.put("web/PickupCode.graphql", (client, op) -> {
            GraphQL customer = GraphQL.as(Tokens.customer(TestData.unique("customer"))).channel("WEB");
            String cartId = customer.ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } } }", "input",
                    Map.of("lines", List.of(Map.of("variantId", f.socks.variant(0).id(), "quantity", 1)))).getString("data.cartCreate.cart.id");
            JsonPath placed = run(customer, read(OPERATIONS.resolve("web/Checkout.graphql")), vars("input", Map.of("cartId", cartId,
                    "idempotencyKey", java.util.UUID.randomUUID().toString(), "fulfilment", Map.of("type", "PICKUP", "storeId", f.here.id()),
                    "payment", Map.of("method", "PAY_IN_STORE"))));
            String orderId = placed.getString("data.checkoutComplete.order.id");
            readyForPickup(orderId);
            JsonPath r = run(customer, op, vars("id", orderId));
            assertThat(r.getString("data.order.pickup.collectionCode")).isNotBlank();
            assertThat(r.getString("data.order.pickup.qrPayload")).endsWith(r.getString("data.order.pickup.collectionCode"));
            assertThat(r.getString("data.order.amountDueAtPickup.amount")).isEqualTo(r.getString("data.order.pickup.amountDue.amount"));
            assertThat(r.getString("data.order.fulfilment.type")).isEqualTo("PICKUP");
            assertThat(r.getString("data.order.fulfilment.store.name")).isNotBlank();
        });

        s.put("staff/PickupHandOver.graphql", (client, op) -> {
            JsonPath order = placeGuestOrder(f, read(OPERATIONS.resolve("web/Checkout.graphql")), "collect@example.com");
            readyForPickup(order.getString("id"));
            String code = GraphQL.anonymous().ok("query($n: String!, $e: String!) { orderLookup(number: $n, email: $e) { pickup { collectionCode } } }",
                    "n", order.getString("number"), "e", "collect@example.com").getString("data.orderLookup.pickup.collectionCode");
            JsonPath r = run(client, op, vars("storeId", f.here.id(), "code", code));
            assertThat(r.getString("data.pickupHandOver.shipment.status")).isEqualTo("PICKED_UP");
            assertThat(r.getString("data.pickupHandOver.shipment.pickup.outcome")).isEqualTo("HANDED_OVER");
            assertThat(r.getString("data.pickupHandOver.shipment.lines[0].orderNumber")).isEqualTo(order.getString("number"));
        });

        s.put("staff/OrderStatusUpdate.graphql", (client, op) -> {
            JsonPath order = placeGuestOrder(f, read(OPERATIONS.resolve("web/Checkout.graphql")), "confirm@example.com");
            JsonPath r = run(client, op, vars("orderId", order.getString("id"), "status", "CONFIRMED", "note", "checked"));
            assertThat(r.getList("data.orderStatusUpdate.userErrors")).isEmpty();
            assertThat(r.getString("data.orderStatusUpdate.order.status")).isEqualTo("CONFIRMED");
            assertThat(r.getList("data.orderStatusUpdate.order.timeline.toStatus")).containsExactly("PLACED", "CONFIRMED");
        });

        // ---- customer accounts (web and app send the same operations; signed-in ones carry the customer's token)

        s.put("web/Register.graphql", (client, op) -> {
            Map<String, Object> input = Accounts.registration(Accounts.uniqueEmail());
            input.put("consents", List.of(Map.of("purpose", "EMAIL_MARKETING", "granted", true)));
            JsonPath r = run(client, op, vars("input", input));
            assertThat(r.getList("data.customerRegister.userErrors")).isEmpty();
            assertThat(r.getString("data.customerRegister.customer.email")).isEqualTo(input.get("email"));
            String access = r.getString("data.customerRegister.tokens.accessToken");
            assertThat(GraphQL.as(access).ok("{ me { id } }").getString("data.me.id"))
                    .isEqualTo(r.getString("data.customerRegister.customer.id"));
        });

        s.put("web/SignIn.graphql", (client, op) -> {
            forgetSignInAttempts();
            Account account = Accounts.register();
            JsonPath r = run(client, op, vars("email", account.email(), "password", account.password()));
            assertThat(r.getList("data.customerSignIn.userErrors")).isEmpty();
            assertThat(r.getString("data.customerSignIn.customer.id")).isEqualTo(account.globalId());
            assertThat(r.getString("data.customerSignIn.tokens.refreshToken")).isNotBlank();
            JsonPath wrong = run(client, op, vars("email", account.email(), "password", "Wrong-password-1"));
            assertThat(wrong.getString("data.customerSignIn.userErrors[0].code")).isEqualTo("INVALID_CREDENTIALS");
        });

        s.put("web/RefreshSession.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath r = run(client, op, vars("refreshToken", account.refreshToken()));
            assertThat(r.getList("data.tokenRefresh.userErrors")).isEmpty();
            assertThat(r.getString("data.tokenRefresh.tokens.refreshToken")).isNotEqualTo(account.refreshToken());
            assertThat(GraphQL.as(r.getString("data.tokenRefresh.tokens.accessToken")).ok("{ me { id } }").getString("data.me.id"))
                    .isEqualTo(account.globalId());
        });

        s.put("web/SignOut.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath r = run(client, op, vars("refreshToken", account.refreshToken()));
            assertThat(r.getBoolean("data.customerSignOut.signedOut")).isTrue();
            assertThat(r.getList("data.customerSignOut.userErrors")).isEmpty();
        });

        s.put("web/MyAccount.graphql", (client, op) -> {
            Account account = Accounts.register();
            GraphQL me = account.client().channel("WEB");
            run(me, read(OPERATIONS.resolve("web/UpdateProfile.graphql")), vars("input", Map.of("preferredStoreId", f.here.id())));
            Map<String, Object> address = Map.of("firstName", "Erika", "lastName", "Mustermann", "line1", "Hauptstr. 1",
                    "city", "Berlin", "postalCode", "10115", "countryCode", "DE", "defaultShipping", true);
            run(me, read(OPERATIONS.resolve("web/AddAddress.graphql")), vars("input", address));
            JsonPath r = run(me, op, vars());
            assertThat(r.getString("data.me.id")).isEqualTo(account.globalId());
            assertThat(r.getString("data.me.preferences.preferredStore.id")).isEqualTo(f.here.id());
            assertThat(r.getList("data.me.addresses.line1")).containsExactly("Hauptstr. 1");
            assertThat(r.getBoolean("data.me.addresses[0].defaultShipping")).isTrue();
            assertThat(r.getList("data.me.consents.purpose")).containsExactly("EMAIL_MARKETING", "SMS_MARKETING", "PERSONALISATION");
        });

        s.put("web/UpdateProfile.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath r = run(account.client().channel("WEB"), op, vars("input", Map.of("firstName", "Erica", "phone",
                    "+49 30 555000", "preferredChannel", "MOBILE", "preferredStoreId", f.nearby.id())));
            assertThat(r.getList("data.customerUpdate.userErrors")).isEmpty();
            assertThat(r.getString("data.customerUpdate.customer.firstName")).isEqualTo("Erica");
            assertThat(r.getString("data.customerUpdate.customer.preferences.preferredStore.id")).isEqualTo(f.nearby.id());
            assertThat(r.getString("data.customerUpdate.customer.preferences.preferredChannel")).isEqualTo("MOBILE");
        });

        s.put("web/AddAddress.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath r = run(account.client().channel("WEB"), op, vars("input", Map.of("firstName", "Erika", "lastName",
                    "Mustermann", "line1", "Hauptstr. 1", "city", "Wien", "postalCode", "1010", "countryCode", "AT")));
            assertThat(r.getList("data.customerAddressCreate.userErrors")).isEmpty();
            assertThat(r.getString("data.customerAddressCreate.address.countryCode")).isEqualTo("AT");
            assertThat(r.getBoolean("data.customerAddressCreate.address.defaultShipping")).isFalse();
        });

        s.put("web/EditAddress.graphql", (client, op) -> {
            Account account = Accounts.register();
            GraphQL me = account.client().channel("WEB");
            String id = run(me, read(OPERATIONS.resolve("web/AddAddress.graphql")), vars("input", Map.of("firstName", "Erika",
                    "lastName", "Mustermann", "line1", "Hauptstr. 1", "city", "Berlin", "postalCode", "10115", "countryCode", "DE")))
                    .getString("data.customerAddressCreate.address.id");
            JsonPath r = run(me, op, vars("input", Map.of("id", id, "line2", "Hinterhaus", "defaultShipping", true)));
            assertThat(r.getList("data.customerAddressUpdate.userErrors")).isEmpty();
            assertThat(r.getString("data.customerAddressUpdate.address.line2")).isEqualTo("Hinterhaus");
            assertThat(r.getBoolean("data.customerAddressUpdate.address.defaultShipping")).isTrue();
        });

        s.put("web/RemoveAddress.graphql", (client, op) -> {
            Account account = Accounts.register();
            GraphQL me = account.client().channel("WEB");
            String id = run(me, read(OPERATIONS.resolve("web/AddAddress.graphql")), vars("input", Map.of("firstName", "Erika",
                    "lastName", "Mustermann", "line1", "Hauptstr. 1", "city", "Berlin", "postalCode", "10115", "countryCode", "DE")))
                    .getString("data.customerAddressCreate.address.id");
            JsonPath r = run(me, op, vars("id", id));
            assertThat(r.getList("data.customerAddressDelete.userErrors")).isEmpty();
            assertThat(r.getString("data.customerAddressDelete.deletedAddressId")).isEqualTo(id);
        });

        s.put("web/SetConsent.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath r = run(account.client().channel("WEB"), op, vars("purpose", "SMS_MARKETING", "granted", true));
            assertThat(r.getList("data.customerConsentSet.userErrors")).isEmpty();
            assertThat(r.getList("data.customerConsentSet.customer.consents.granted")).containsExactly(false, true, false);
            assertThat(r.getString("data.customerConsentSet.customer.consents[1].channel")).isEqualTo("WEB");
        });

        s.put("web/MyActivity.graphql", (client, op) -> {
            Account account = Accounts.register();
            GraphQL me = account.client().channel("WEB");
            run(me, "query($slug: String) { product(slug: $slug) { id } }", vars("slug", f.socks.slug()));
            Accounts.await(() -> run(me, op, vars("first", 10)).getList("data.me.events.edges").size() == 2);
            JsonPath r = run(me, op, vars("first", 10));
            assertThat(r.getList("data.me.events.edges.node.kind")).containsExactly("PRODUCT_VIEWED", "SIGNED_IN");
            assertThat(r.getString("data.me.events.edges[0].node.subjectId")).isEqualTo(f.socks.id());
        });

        s.put("kiosk/KioskCustomerSignIn.graphql", (client, op) -> {
            forgetSignInAttempts();
            Account account = Accounts.register();
            JsonPath r = run(client, op, vars("email", account.email(), "password", account.password()));
            assertThat(r.getList("data.customerSignIn.userErrors")).isEmpty();
            String session = r.getString("data.customerSignIn.tokens.accessToken");
            JsonPath viewer = run(GraphQL.as(session), read(OPERATIONS.resolve("kiosk/KioskViewer.graphql")), vars());
            assertThat(viewer.getString("data.viewer.channel")).isEqualTo("KIOSK");
            assertThat(viewer.getString("data.viewer.store.id")).isEqualTo(f.here.id());
        });

        s.put("staff/StaffSignIn.graphql", (client, op) -> {
            forgetSignInAttempts();
            String email = TestData.unique("shift").toLowerCase() + "@staff.example.com";
            accounts.createStaffAccount(email, "Shift-start-0800", "Shift lead", List.of("staff"))
                    .await().atMost(java.time.Duration.ofSeconds(10));
            JsonPath r = run(GraphQL.anonymous(), op, vars("email", email, "password", "Shift-start-0800"));
            assertThat(r.getList("data.staffSignIn.userErrors")).isEmpty();
            assertThat(r.getList("data.staffSignIn.roles")).containsExactly("staff");
            JsonPath viewer = GraphQL.as(r.getString("data.staffSignIn.tokens.accessToken")).ok("{ viewer { channel roles } }");
            assertThat(viewer.getString("data.viewer.channel")).isEqualTo("STAFF");
        });

        // ---- privacy, recommendations, customer 360, channel insights

        s.put("web/ExportMyData.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath r = run(account.client().channel("WEB"), op, vars());
            assertThat(r.getList("data.customerDataExport.sections", String.class)).contains("profile", "orders", "cart");
            assertThat(new io.vertx.core.json.JsonObject(r.getString("data.customerDataExport.document"))
                    .getJsonObject("profile").getString("email")).isEqualTo(account.email());
        });

        s.put("web/DeleteMyAccount.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath r = run(account.client().channel("WEB"), op, vars("password", account.password()));
            assertThat(r.getList("data.customerDelete.userErrors")).isEmpty();
            assertThat(r.getString("data.customerDelete.deletedCustomerId")).isEqualTo(account.globalId());
        });

        s.put("web/ProductRecommendations.graphql", (client, op) -> {
            Ref store = data.store("Recommending store " + f.searchWord(), f.lat() + 1, f.lng());
            ProductRef boots = data.product("Boots", null, 5999);
            ProductRef hat = data.product("Hat", null, 2999);
            data.stock(boots.variant(0), store, 5);
            data.stock(hat.variant(0), store, 5);
            JsonPath created = GraphQL.anonymous().ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } cartToken } }",
                    "input", Map.of("lines", List.of(Map.of("variantId", boots.variant(0).id(), "quantity", 1),
                            Map.of("variantId", hat.variant(0).id(), "quantity", 1))));
            JsonPath order = run(GraphQL.anonymous().header("X-Cart-Token", created.getString("data.cartCreate.cartToken")),
                    read(OPERATIONS.resolve("web/Checkout.graphql")), vars("input", Map.of("cartId", created.getString("data.cartCreate.cart.id"),
                            "idempotencyKey", java.util.UUID.randomUUID().toString(), "email", "together@example.com",
                            "fulfilment", Map.of("type", "PICKUP", "storeId", store.id()), "payment", Map.of("method", "PAY_IN_STORE"))));
            assertThat(order.getList("data.checkoutComplete.userErrors")).isEmpty();
            JsonPath r = run(client, op, vars("slug", boots.slug()));
            assertThat(r.getList("data.product.alsoBought.id", String.class)).containsExactly(hat.id());
            assertThat(r.getList("data.recommendations")).isNotEmpty();
        });

        s.put("kiosk/RecommendationsHere.graphql", (client, op) -> {
            placeGuestOrder(f, read(OPERATIONS.resolve("web/Checkout.graphql")), "here@example.com");
            JsonPath r = run(client, op, vars("first", 6));
            // Only what sold in this store (the fixture's own store) and is on its shelf.
            assertThat(r.getList("data.recommendationsHere.id", String.class)).contains(f.socks.id())
                    .isSubsetOf(f.socks.id(), f.jacket.id());
        });

        s.put("staff/Customers.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath r = run(client, op, vars("search", account.email(), "first", 5, "after", null));
            assertThat(r.getList("data.customers.edges.node.id", String.class)).containsExactly(account.globalId());
        });

        s.put("staff/Customer360.graphql", (client, op) -> {
            Account account = Accounts.register();
            String cartId = account.client().channel("MOBILE").ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } } }",
                    "input", Map.of("lines", List.of(Map.of("variantId", f.socks.variant(0).id(), "quantity", 1))))
                    .getString("data.cartCreate.cart.id");
            JsonPath r = run(client, op, vars("id", account.id()));
            assertThat(r.getString("data.customer.email")).isEqualTo(account.email());
            assertThat(r.getString("data.customer.activeCart.id")).isEqualTo(cartId);
            assertThat(r.getList("data.customer.orders.edges")).isEmpty();
            assertThat(r.getString("data.customer.loyalty.tier")).isEqualTo("BRONZE");
            assertThat(r.getString("data.customer.storeCredit.balance.amount")).isEqualTo("0.00");
        });

        s.put("staff/ChannelInsights.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars("from", "2020-01-01T00:00:00Z", "to", "2020-02-01T00:00:00Z"));
            assertThat(r.getList("data.channelInsights.channels.channel")).containsExactly("WEB", "MOBILE", "KIOSK", "STAFF", "POS");
            assertThat(r.getInt("data.channelInsights.orders")).isZero();
            assertThat(r.getList("data.channelInsights.channels.returns")).containsOnly(0);
            assertThat(r.getList("data.channelInsights.returnPaths")).isEmpty();
        });

        // ---- loyalty and promotions

        s.put("web/ApplyCoupon.graphql", (client, op) -> {
            String code = "WEB" + TestData.unique("X").substring(2).toUpperCase();
            createPromotion(Map.of("name", "Socks week", "kind", "PERCENTAGE", "percentOff", "20", "code", code,
                    "productIds", List.of(f.socks.id())));
            JsonPath created = GraphQL.anonymous().ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id version } cartToken } }",
                    "input", Map.of("lines", List.of(Map.of("variantId", f.socks.variant(0).id(), "quantity", 2))));
            GraphQL shopper = GraphQL.anonymous().channel("WEB").header("X-Cart-Token", created.getString("data.cartCreate.cartToken"));
            JsonPath r = run(shopper, op, vars("cartId", created.getString("data.cartCreate.cart.id"), "code", code.toLowerCase(),
                    "expectedVersion", created.getLong("data.cartCreate.cart.version")));
            assertThat(r.getList("data.cartCouponApply.userErrors")).isEmpty();
            assertThat(r.getString("data.cartCouponApply.cart.couponCode")).isEqualTo(code);
            assertThat(r.getString("data.cartCouponApply.cart.discounts.total.amount")).isEqualTo("8.00");
            assertThat(r.getString("data.cartCouponApply.cart.discounts.subtotalAfterDiscounts.amount")).isEqualTo("31.98");
            assertThat(r.getInt("data.cartCouponApply.cart.loyaltyPointsToEarn")).isEqualTo(31);
            JsonPath unknown = run(shopper, op, vars("cartId", created.getString("data.cartCreate.cart.id"), "code", "NO-SUCH-CODE",
                    "expectedVersion", null));
            assertThat(unknown.getString("data.cartCouponApply.userErrors[0].code")).isEqualTo("COUPON_UNKNOWN");
        });

        s.put("web/RemoveCoupon.graphql", (client, op) -> {
            String code = "RM" + TestData.unique("X").substring(2).toUpperCase();
            createPromotion(Map.of("name", "Remove me", "kind", "FIXED_AMOUNT", "amountOff", "1.00", "code", code));
            JsonPath created = GraphQL.anonymous().ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } cartToken } }",
                    "input", Map.of("lines", List.of(Map.of("variantId", f.socks.variant(0).id(), "quantity", 1))));
            String cartId = created.getString("data.cartCreate.cart.id");
            GraphQL shopper = GraphQL.anonymous().channel("WEB").header("X-Cart-Token", created.getString("data.cartCreate.cartToken"));
            run(shopper, read(OPERATIONS.resolve("web/ApplyCoupon.graphql")), vars("cartId", cartId, "code", code, "expectedVersion", null));
            JsonPath r = run(shopper, op, vars("cartId", cartId));
            assertThat(r.getString("data.cartCouponRemove.cart.couponCode")).isNull();
            assertThat(r.getString("data.cartCouponRemove.cart.discounts.total.amount")).isEqualTo("0.00");
        });

        s.put("web/MyLoyalty.graphql", (client, op) -> {
            Account account = Accounts.register();
            run(GraphQL.as(Tokens.staff()), read(OPERATIONS.resolve("staff/AdjustLoyaltyPoints.graphql")),
                    vars("customerId", account.id(), "points", 120, "reason", "Welcome"));
            JsonPath r = run(account.client().channel("WEB"), op, vars("first", 10, "after", null));
            assertThat(r.getString("data.me.loyalty.tier")).isEqualTo("BRONZE");
            assertThat(r.getInt("data.me.loyalty.balance")).isEqualTo(120);
            assertThat(r.getString("data.me.loyalty.nextTier.name")).isEqualTo("SILVER");
            assertThat(r.getList("data.me.loyalty.ledger.edges.node.kind")).containsExactly("ADJUST");
        });

        s.put("staff/CreatePromotion.graphql", (client, op) -> {
            String code = "ST" + TestData.unique("X").substring(2).toUpperCase();
            JsonPath r = run(client, op, vars("input", Map.of("name", "Kiosk launch", "kind", "FIXED_AMOUNT", "amountOff", "5.00",
                    "code", code, "minSubtotal", "50.00", "channels", List.of("KIOSK"), "usageLimit", 100, "perCustomerLimit", 1,
                    "categoryIds", List.of(f.jackets.id()))));
            assertThat(r.getList("data.promotionCreate.userErrors")).isEmpty();
            assertThat(r.getString("data.promotionCreate.promotion.code")).isEqualTo(code);
            assertThat(r.getString("data.promotionCreate.promotion.amountOff.amount")).isEqualTo("5.00");
            assertThat(r.getList("data.promotionCreate.promotion.channels")).containsExactly("KIOSK");
            JsonPath invalid = run(client, op, vars("input", Map.of("name", "Too generous", "kind", "PERCENTAGE", "percentOff", "120")));
            assertThat(invalid.getString("data.promotionCreate.userErrors[0].code")).isEqualTo("INVALID_PERCENTAGE");
        });

        s.put("staff/PausePromotion.graphql", (client, op) -> {
            String id = createPromotion(Map.of("name", "Short-lived", "kind", "FREE_SHIPPING", "code",
                    "PS" + TestData.unique("X").substring(2).toUpperCase()));
            JsonPath r = run(client, op, vars("id", id, "paused", true));
            assertThat(r.getBoolean("data.promotionPause.promotion.paused")).isTrue();
        });

        s.put("staff/AdjustLoyaltyPoints.graphql", (client, op) -> {
            String customerId = TestData.unique("customer");
            JsonPath r = run(client, op, vars("customerId", customerId, "points", 300, "reason", "Goodwill"));
            assertThat(r.getList("data.loyaltyAdjust.userErrors")).isEmpty();
            assertThat(r.getInt("data.loyaltyAdjust.account.balance")).isEqualTo(300);
            assertThat(r.getString("data.loyaltyAdjust.entry.kind")).isEqualTo("ADJUST");
            JsonPath below = run(client, op, vars("customerId", customerId, "points", -301, "reason", "Correction"));
            assertThat(below.getString("data.loyaltyAdjust.userErrors[0].code")).isEqualTo("INSUFFICIENT_POINTS");
        });

        // Webhooks are for staff with the admin role.
        s.put("staff/WebhookSubscriptions.graphql", (client, op) -> {
            GraphQL admin = GraphQL.as(Tokens.admin()).channel("STAFF");
            String id = createWebhookSubscription(admin);
            JsonPath r = run(admin, op, vars("first", 100));
            assertThat(r.getList("data.webhookSubscriptions.edges.node.id")).contains(id);
            assertThat(r.getList("data.webhookSubscriptions.edges.node.status")).contains("ACTIVE");
            deleteWebhookSubscription(admin, id);
        });
        s.put("staff/WebhookDeliveries.graphql", (client, op) -> {
            GraphQL admin = GraphQL.as(Tokens.admin()).channel("STAFF");
            String id = createWebhookSubscription(admin);
            JsonPath r = run(admin, op, vars("subscriptionId", id, "status", "PENDING", "first", 20));
            assertThat(r.getList("data.webhookDeliveries.edges")).isEmpty();
            assertThat(r.getBoolean("data.webhookDeliveries.pageInfo.hasNextPage")).isFalse();
            deleteWebhookSubscription(admin, id);
        });

        // ---- store credit and gift cards

        s.put("staff/AdjustStoreCredit.graphql", (client, op) -> {
            Account account = Accounts.register();
            JsonPath r = run(client, op, vars("customerId", account.globalId(), "amount", "15.00", "reason", "Late delivery"));
            assertThat(r.getList("data.storeCreditAdjust.userErrors")).isEmpty();
            assertThat(r.getString("data.storeCreditAdjust.storeCredit.balance.amount")).isEqualTo("15.00");
            assertThat(r.getString("data.storeCreditAdjust.entry.kind")).isEqualTo("ADJUST");
            JsonPath below = run(client, op, vars("customerId", account.globalId(), "amount", "-15.01", "reason", "Correction"));
            assertThat(below.getString("data.storeCreditAdjust.userErrors[0].code")).isEqualTo("INSUFFICIENT_STORE_CREDIT");
        });

        s.put("web/MyStoreCredit.graphql", (client, op) -> {
            Account account = Accounts.register();
            run(GraphQL.as(Tokens.staff()), read(OPERATIONS.resolve("staff/AdjustStoreCredit.graphql")),
                    vars("customerId", account.globalId(), "amount", "7.50", "reason", "Welcome"));
            JsonPath r = run(account.client().channel("WEB"), op, vars("first", 10, "after", null));
            assertThat(r.getString("data.me.storeCredit.balance.amount")).isEqualTo("7.50");
            assertThat(r.getList("data.me.storeCredit.ledger.edges.node.kind")).containsExactly("ADJUST");
        });

        s.put("staff/IssueGiftCard.graphql", (client, op) -> {
            JsonPath r = run(client, op, vars("amount", "25.00", "note", "Raffle prize"));
            assertThat(r.getList("data.giftCardIssue.userErrors")).isEmpty();
            assertThat(r.getString("data.giftCardIssue.code")).endsWith(r.getString("data.giftCardIssue.giftCard.last4"));
            assertThat(r.getString("data.giftCardIssue.giftCard.initialValue.amount")).isEqualTo("25.00");
        });

        s.put("staff/MarkVariantAsGiftCard.graphql", (client, op) -> {
            ProductRef product = data.product("Gift card 30", null, 3000);
            JsonPath r = run(client, op, vars("id", product.variant(0).id(), "giftCard", true));
            assertThat(r.getList("data.productVariantUpdate.userErrors")).isEmpty();
            assertThat(r.getBoolean("data.productVariantUpdate.productVariant.giftCard")).isTrue();
            assertThat(data.count("SELECT count(*) FROM product_variant WHERE id = $1 AND gift_card", product.variant(0).key())).isEqualTo(1);
        });

        s.put("web/PurchasedGiftCards.graphql", (client, op) -> {
            ProductRef product = data.product("Gift card 20", null, 2000);
            run(GraphQL.as(Tokens.staff()), read(OPERATIONS.resolve("staff/MarkVariantAsGiftCard.graphql")),
                    vars("id", product.variant(0).id(), "giftCard", true));
            data.stock(product.variant(0), f.here, 10);
            GraphQL customer = GraphQL.as(Tokens.customer(TestData.unique("customer"))).channel("WEB");
            String cartId = customer.ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } } }", "input",
                    Map.of("lines", List.of(Map.of("variantId", product.variant(0).id(), "quantity", 2)))).getString("data.cartCreate.cart.id");
            JsonPath placed = run(customer, read(OPERATIONS.resolve("web/Checkout.graphql")), vars("input", Map.of("cartId", cartId,
                    "idempotencyKey", java.util.UUID.randomUUID().toString(), "fulfilment", Map.of("type", "PICKUP", "storeId", f.here.id()),
                    "payment", Map.of("method", "PAY_IN_STORE"))));
            JsonPath r = run(customer, op, vars("id", placed.getString("data.checkoutComplete.order.id")));
            assertThat(r.getList("data.order.giftCards.initialValue.amount")).containsExactly("20.00", "20.00");
            assertThat(r.getString("data.order.giftCards[0].code")).endsWith(r.getString("data.order.giftCards[0].last4"));
        });

        for (String balanceCheck : List.of("web/GiftCardBalance.graphql", "kiosk/GiftCardBalance.graphql")) {
            s.put(balanceCheck, (client, op) -> {
                redis.key().del("gift-card-balance-checks:{ip:127.0.0.1}", "gift-card-balance-checks:{ip:0:0:0:0:0:0:0:1}");
                String code = issueGiftCard("12.00");
                JsonPath r = run(client, op, vars("code", code.toLowerCase()));
                assertThat(r.getString("data.giftCardBalance.balance.amount")).isEqualTo("12.00");
                assertThat(r.getBoolean("data.giftCardBalance.expired")).isFalse();
            });
        }

        s.put("web/CheckoutWithTenders.graphql", (client, op) -> {
            String code = issueGiftCard("15.00");
            JsonPath created = GraphQL.anonymous().ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } cartToken } }",
                    "input", Map.of("lines", List.of(Map.of("variantId", f.socks.variant(0).id(), "quantity", 2))));
            GraphQL shopper = GraphQL.anonymous().channel("WEB").header("X-Cart-Token", created.getString("data.cartCreate.cartToken"));
            JsonPath r = run(shopper, op, vars("input", Map.of("cartId", created.getString("data.cartCreate.cart.id"),
                    "idempotencyKey", java.util.UUID.randomUUID().toString(), "email", "tenders@example.com",
                    "fulfilment", Map.of("type", "PICKUP", "storeId", f.here.id()), "payment", Map.of("method", "PAY_IN_STORE"),
                    "giftCardCodes", List.of(code))));
            assertThat(r.getList("data.checkoutComplete.order.tenders.amount.amount")).containsExactly("15.00");
            assertThat(r.getString("data.checkoutComplete.order.amountDueAtPickup.amount")).isEqualTo("24.98");
        });

        s.put("mobile/CheckoutWithTenders.graphql", (client, op) -> {
            Account account = Accounts.register();
            run(GraphQL.as(Tokens.staff()), read(OPERATIONS.resolve("staff/AdjustStoreCredit.graphql")),
                    vars("customerId", account.globalId(), "amount", "10.00", "reason", "Refund"));
            String code = issueGiftCard("20.00");
            GraphQL app = account.client().channel("MOBILE");
            String cartId = app.ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } } }", "input",
                    Map.of("lines", List.of(Map.of("variantId", f.socks.variant(0).id(), "quantity", 2)))).getString("data.cartCreate.cart.id");
            JsonPath r = run(app, op, vars("input", Map.of("cartId", cartId, "idempotencyKey", java.util.UUID.randomUUID().toString(),
                    "fulfilment", Map.of("type", "PICKUP", "storeId", f.here.id()),
                    "payment", Map.of("method", "CARD", "card", Map.of("number", "4242424242424242", "expiryMonth", 12, "expiryYear", 2099, "cvc", "123")),
                    "storeCreditAmount", "10.00", "giftCardCodes", List.of(code))));
            assertThat(r.getString("data.checkoutComplete.order.total.amount")).isEqualTo("39.98");
            assertThat(r.getList("data.checkoutComplete.order.tenders.kind")).containsExactly("STORE_CREDIT", "GIFT_CARD");
            assertThat(r.getList("data.checkoutComplete.order.tenders.amount.amount")).containsExactly("10.00", "20.00");
            assertThat(r.getString("data.checkoutComplete.order.paymentStatus")).isEqualTo("AUTHORIZED");
        });

        s.putAll(CartOperationScenarios.scenarios(f, vertx, endpoint, this::forgetSignInAttempts));
        s.putAll(ReturnOperationScenarios.scenarios(data));
        return s;
    }

    /** A subscription to an event no scenario causes, at an address nothing listens on. */
    private static String createWebhookSubscription(GraphQL admin) {
        JsonPath r = admin.ok("""
                mutation($input: WebhookSubscriptionCreateInput!) { webhookSubscriptionCreate(input: $input) {
                  subscription { id } userErrors { code message } } }""", "input", Map.of("url", "http://127.0.0.1:7439/hooks",
                "events", List.of("CUSTOMER_ERASED"), "secret", "whsec-operations-0123456789-abcdef"));
        assertThat(r.getList("data.webhookSubscriptionCreate.userErrors")).as(r.prettify()).isEmpty();
        return r.getString("data.webhookSubscriptionCreate.subscription.id");
    }

    private static void deleteWebhookSubscription(GraphQL admin, String id) {
        admin.ok("mutation($input: WebhookSubscriptionIdInput!) { webhookSubscriptionDelete(input: $input) { deletedId } }",
                "input", Map.of("id", id));
    }

    private static String createPromotion(Map<String, Object> input) {
        JsonPath r = GraphQL.as(Tokens.staff()).ok(read(OPERATIONS.resolve("staff/CreatePromotion.graphql")), "input", input);
        assertThat(r.getList("data.promotionCreate.userErrors")).as(r.prettify()).isEmpty();
        return r.getString("data.promotionCreate.promotion.id");
    }

    /** A guest buys 2 pairs of socks for pickup at the kiosk's store through the checkout operation. */
    /** Staff confirm the order and have it ready at the store. */
    private static void readyForPickup(String orderId) {
        GraphQL staff = GraphQL.as(Tokens.staff());
        for (String status : List.of("CONFIRMED", "READY_FOR_PICKUP")) {
            JsonPath moved = staff.ok("mutation($input: OrderStatusUpdateInput!) { orderStatusUpdate(input: $input) { userErrors { code } } }",
                    "input", Map.of("orderId", orderId, "status", status));
            assertThat(moved.getList("data.orderStatusUpdate.userErrors")).isEmpty();
        }
    }

    private static JsonPath placeGuestOrder(Fixture f, String checkout, String email) {
        JsonPath created = GraphQL.anonymous().ok("mutation($input: CartCreateInput) { cartCreate(input: $input) { cart { id } cartToken } }",
                "input", Map.of("lines", List.of(Map.of("variantId", f.socks.variant(0).id(), "quantity", 2))));
        GraphQL shopper = GraphQL.anonymous().channel("WEB").header("X-Cart-Token", created.getString("data.cartCreate.cartToken"));
        JsonPath r = run(shopper, checkout, vars("input", Map.of("cartId", created.getString("data.cartCreate.cart.id"),
                "idempotencyKey", java.util.UUID.randomUUID().toString(), "email", email,
                "fulfilment", Map.of("type", "PICKUP", "storeId", f.here.id()), "payment", Map.of("method", "PAY_IN_STORE"))));
        assertThat(r.getList("data.checkoutComplete.userErrors")).isEmpty();
        return r.setRootPath("data.checkoutComplete.order");
    }

    private static String issueGiftCard(String amount) {
        JsonPath issued = GraphQL.as(Tokens.staff()).ok(read(OPERATIONS.resolve("staff/IssueGiftCard.graphql")), "amount", amount, "note", null);
        assertThat(issued.getList("data.giftCardIssue.userErrors")).isEmpty();
        return issued.getString("data.giftCardIssue.code");
    }

    private void forgetSignInAttempts() {
        redis.key().del(Accounts.addressAttemptKeys().toArray(String[]::new));
    }

    // ---- helpers

    private static JsonPath run(GraphQL client, String operation, Map<String, Object> variables) {
        Object[] pairs = new Object[variables.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> e : variables.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return client.ok(operation, pairs);
    }

    /** Variables in the order given; null values are sent as JSON null, as clients do. */
    private static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String randomWord() {
        StringBuilder word = new StringBuilder("zq");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    static List<Path> operationFiles() {
        try (Stream<Path> files = Files.walk(OPERATIONS)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".graphql")).sorted().toList();
            assertThat(list).as("no operations under %s", OPERATIONS).isNotEmpty();
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** e.g. "web/ProductDetail.graphql" */
    private static String key(Path file) {
        return OPERATIONS.relativize(file).toString().replace('\\', '/');
    }

    private static String displayName(Path file) {
        return file.toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The SDL from {@code GET /graphql/schema.graphql}, made executable-free. The served SDL uses SmallRye's own
     * scalars (e.g. DateTime) without declaring them, so every type it names but does not define is declared as a
     * scalar here; anything else that is missing would still fail validation of the operations that select on it.
     */
    static GraphQLSchema servedSchema() {
        String sdl = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
        Set<String> undeclared = new TreeSet<>();
        for (var type : registry.types().values()) {
            List<Type<?>> used = new ArrayList<>();
            if (type instanceof ObjectTypeDefinition o) {
                collect(o.getFieldDefinitions(), used);
            } else if (type instanceof InterfaceTypeDefinition i) {
                collect(i.getFieldDefinitions(), used);
            } else if (type instanceof InputObjectTypeDefinition in) {
                in.getInputValueDefinitions().forEach(v -> used.add(v.getType()));
            }
            for (Type<?> t : used) {
                TypeName name = TypeUtil.unwrapAll(t);
                if (!registry.hasType(name)) {
                    undeclared.add(name.getName());
                }
            }
        }
        undeclared.forEach(name -> registry.add(ScalarTypeDefinition.newScalarTypeDefinition().name(name).build()));
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    }

    private static void collect(List<FieldDefinition> fields, List<Type<?>> used) {
        for (FieldDefinition field : fields) {
            used.add(field.getType());
            for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                used.add(argument.getType());
            }
        }
    }

    /** ID values written into the document (arguments, input fields or variable defaults) rather than passed in. */
    static List<String> literalIds(GraphQLSchema schema, Document document) {
        List<String> found = new ArrayList<>();
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            for (VariableDefinition variable : operation.getVariableDefinitions()) {
                if (variable.getDefaultValue() != null) {
                    literalIdsIn(variable.getDefaultValue(), (GraphQLInputType) schema.getType(
                            TypeUtil.unwrapAll(variable.getType()).getName()), "$" + variable.getName(), found);
                }
            }
            GraphQLObjectType root = switch (operation.getOperation()) {
                case QUERY -> schema.getQueryType();
                case MUTATION -> schema.getMutationType();
                case SUBSCRIPTION -> schema.getSubscriptionType();
            };
            literalIdsIn(operation.getSelectionSet(), root, schema, fragments, found);
        }
        return found;
    }

    /** The deprecated fields an operation selects, as Type.field. */
    static List<String> deprecatedFields(GraphQLSchema schema, Document document) {
        List<String> found = new ArrayList<>();
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            GraphQLObjectType root = switch (operation.getOperation()) {
                case QUERY -> schema.getQueryType();
                case MUTATION -> schema.getMutationType();
                case SUBSCRIPTION -> schema.getSubscriptionType();
            };
            deprecatedFieldsIn(operation.getSelectionSet(), root, schema, fragments, found);
        }
        return found;
    }

    private static void deprecatedFieldsIn(SelectionSet selections, GraphQLCompositeType parent, GraphQLSchema schema,
            Map<String, FragmentDefinition> fragments, List<String> found) {
        if (selections == null) {
            return;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field && parent instanceof GraphQLFieldsContainer container) {
                GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
                if (definition == null) {
                    continue; // __typename
                }
                if (definition.isDeprecated()) {
                    found.add(container.getName() + "." + field.getName());
                }
                if (GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLCompositeType child) {
                    deprecatedFieldsIn(field.getSelectionSet(), child, schema, fragments, found);
                }
            } else if (selection instanceof InlineFragment inline) {
                GraphQLCompositeType type = inline.getTypeCondition() == null ? parent
                        : (GraphQLCompositeType) schema.getType(inline.getTypeCondition().getName());
                deprecatedFieldsIn(inline.getSelectionSet(), type, schema, fragments, found);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                deprecatedFieldsIn(fragment.getSelectionSet(),
                        (GraphQLCompositeType) schema.getType(fragment.getTypeCondition().getName()), schema, fragments, found);
            }
        }
    }

    private static void literalIdsIn(SelectionSet selections, GraphQLCompositeType parent, GraphQLSchema schema,
            Map<String, FragmentDefinition> fragments, List<String> found) {
        if (selections == null) {
            return;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field && parent instanceof GraphQLFieldsContainer container) {
                GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
                if (definition == null) {
                    continue; // __typename
                }
                for (Argument argument : field.getArguments()) {
                    GraphQLArgument declared = definition.getArgument(argument.getName());
                    literalIdsIn(argument.getValue(), declared.getType(), field.getName() + "(" + argument.getName() + ")", found);
                }
                if (GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLCompositeType child) {
                    literalIdsIn(field.getSelectionSet(), child, schema, fragments, found);
                }
            } else if (selection instanceof InlineFragment inline) {
                GraphQLCompositeType type = inline.getTypeCondition() == null ? parent
                        : (GraphQLCompositeType) schema.getType(inline.getTypeCondition().getName());
                literalIdsIn(inline.getSelectionSet(), type, schema, fragments, found);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                literalIdsIn(fragment.getSelectionSet(),
                        (GraphQLCompositeType) schema.getType(fragment.getTypeCondition().getName()), schema, fragments, found);
            }
        }
    }

    private static void literalIdsIn(Value<?> value, GraphQLInputType type, String where, List<String> found) {
        if (value instanceof VariableReference || value instanceof NullValue) {
            return;
        }
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
        if (unwrapped instanceof GraphQLList list) {
            List<Value> items = value instanceof ArrayValue array ? array.getValues() : List.of(value);
            items.forEach(item -> literalIdsIn(item, (GraphQLInputType) list.getWrappedType(), where, found));
        } else if (unwrapped instanceof GraphQLInputObjectType object && value instanceof ObjectValue fields) {
            for (ObjectField field : fields.getObjectFields()) {
                literalIdsIn(field.getValue(), object.getField(field.getName()).getType(), where + "." + field.getName(), found);
            }
        } else if (unwrapped instanceof GraphQLScalarType scalar && "ID".equals(scalar.getName())) {
            found.add(where);
        }
    }
}
