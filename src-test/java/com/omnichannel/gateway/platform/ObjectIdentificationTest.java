package com.omnichannel.gateway.platform;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.guestCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts.CartRef;
import com.omnichannel.gateway.support.Accounts;
import com.omnichannel.gateway.support.Accounts.Account;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Relay's object identification (node(id) answers exactly as each type's own lookup, also for someone else's
 * objects), ids on every object a client cache keeps, and root lookups that miss answering null without an error.
 */
@QuarkusTest
class ObjectIdentificationTest {

    static final String NODE = """
            query($id: ID!) { node(id: $id) { __typename id
              ... on Product { name } ... on ProductVariant { sku } ... on Category { slug } ... on Location { name }
              ... on Cart { itemCount } ... on Order { number } ... on CustomerAddress { line1 } ... on Customer { email }
            } }""";
    static final String CART = "query($id: ID!) { cart(id: $id) { id itemCount } }";
    static final String ORDER = "query($id: ID!) { order(id: $id) { id number } }";
    static final String ADDRESS_CREATE = """
            mutation($input: CustomerAddressCreateInput!) { customerAddressCreate(input: $input) { address { id } userErrors { code } } }""";
    static final String ADDRESS_UPDATE = """
            mutation($input: CustomerAddressUpdateInput!) { customerAddressUpdate(input: $input) { address { id } userErrors { code } } }""";

    @Inject
    TestData data;

    @Test
    void node_finds_each_main_type_by_its_id() {
        TestData.Ref category = data.category(TestData.unique("Node category"), null);
        TestData.ProductRef product = data.product("Node lamp", category, 1500);
        TestData.Ref store = data.store(TestData.unique("Node store"), 52.0, 13.0);
        GraphQL anyone = GraphQL.anonymous();

        assertThat(anyone.ok(NODE, "id", product.id()).getString("data.node.__typename")).isEqualTo("Product");
        assertThat(anyone.ok(NODE, "id", product.id()).getString("data.node.name")).isEqualTo("Node lamp");
        assertThat(anyone.ok(NODE, "id", product.variant(0).id()).getString("data.node.sku")).isEqualTo(product.variant(0).sku());
        assertThat(anyone.ok(NODE, "id", category.id()).getString("data.node.__typename")).isEqualTo("Category");
        JsonPath location = anyone.ok(NODE, "id", store.id());
        assertThat(location.getString("data.node.__typename")).isEqualTo("Location");
        assertThat(location.getString("data.node.id")).isEqualTo(store.id());

        Account owner = Accounts.register();
        JsonPath me = owner.client().ok("{ me { id } }");
        JsonPath customer = GraphQL.as(Tokens.staff()).ok(NODE, "id", me.getString("data.me.id"));
        assertThat(customer.getString("data.node.__typename")).isEqualTo("Customer");
        assertThat(customer.getString("data.node.email")).isEqualTo(owner.email());
    }

    @Test
    void node_refuses_another_customers_order_cart_and_address_as_the_direct_lookups_do() {
        TestData.ProductRef product = data.product("BOLA node kettle", null, 3900);
        TestData.Ref store = data.store(TestData.unique("BOLA node store"), 52.1, 13.1);
        data.stock(product.variant(0), store, 10);
        Account owner = Accounts.register();
        Account intruder = Accounts.register();
        GraphQL staff = GraphQL.as(Tokens.staff());

        // an order: the owner's own, any for staff, null for anyone else, directly and through node
        String orderId = placed(customerCart(owner.client(), line(product.variant(0), 1)), pickup(store), payInStore()).getString("id");
        assertThat(owner.client().ok(NODE, "id", orderId).getString("data.node.id")).isEqualTo(orderId);
        assertThat(staff.ok(NODE, "id", orderId).getString("data.node.id")).isEqualTo(orderId);
        JsonPath directOrder = intruder.client().execute(ORDER, "id", orderId);
        JsonPath nodeOrder = intruder.client().execute(NODE, "id", orderId);
        assertThat(directOrder.getMap("data")).containsEntry("order", null);
        assertThat(nodeOrder.getMap("data")).containsEntry("node", null);
        assertThat(nodeOrder.getList("errors")).isEqualTo(directOrder.getList("errors")).isNull();
        assertThat(GraphQL.anonymous().execute(NODE, "id", orderId).getMap("data")).containsEntry("node", null);

        // a cart: refused with the same error code directly and through node
        CartRef cart = customerCart(owner.client(), line(product.variant(0), 2));
        assertThat(owner.client().ok(NODE, "id", cart.id()).getInt("data.node.itemCount")).isEqualTo(2);
        JsonPath directCart = intruder.client().execute(CART, "id", cart.id());
        JsonPath nodeCart = intruder.client().execute(NODE, "id", cart.id());
        assertThat(directCart.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(nodeCart.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        assertThat(nodeCart.getString("data.node")).isNull();
        CartRef guest = guestCart(line(product.variant(0), 1));
        assertThat(guest.client().ok(NODE, "id", guest.id()).getInt("data.node.itemCount")).isEqualTo(1);
        assertThat(GraphQL.anonymous().execute(NODE, "id", guest.id()).getString("errors[0].extensions.code"))
                .isEqualTo(GraphQL.anonymous().execute(CART, "id", guest.id()).getString("errors[0].extensions.code"))
                .isEqualTo("FORBIDDEN");

        // an address: its owner and staff read it; for anyone else it does not exist, as for the address book's mutations
        JsonPath created = owner.client().ok(ADDRESS_CREATE, "input", Map.of("firstName", "Ada", "lastName", "Owner",
                "line1", "Torstr. 1", "city", "Berlin", "postalCode", "10119", "countryCode", "DE"));
        String addressId = created.getString("data.customerAddressCreate.address.id");
        assertThat(owner.client().ok(NODE, "id", addressId).getString("data.node.line1")).isEqualTo("Torstr. 1");
        assertThat(staff.ok(NODE, "id", addressId).getString("data.node.line1")).isEqualTo("Torstr. 1");
        assertThat(intruder.client().ok(ADDRESS_UPDATE, "input", Map.of("id", addressId, "city", "Hamburg"))
                .getString("data.customerAddressUpdate.userErrors[0].code")).isEqualTo("NOT_FOUND");
        JsonPath nodeAddress = intruder.client().execute(NODE, "id", addressId);
        assertThat(nodeAddress.getMap("data")).containsEntry("node", null);
        assertThat(nodeAddress.getList("errors")).isNull();

        // a customer: staff only, as customer(id)
        String customerId = owner.globalId();
        assertThat(intruder.client().execute(NODE, "id", customerId).getString("errors[0].extensions.code"))
                .isEqualTo(intruder.client().execute("query($id: ID!) { customer(id: $id) { id } }", "id", customerId)
                        .getString("errors[0].extensions.code"))
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void node_rejects_an_id_that_is_no_id() {
        assertThat(GraphQL.anonymous().execute(NODE, "id", "not an id").getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void lookups_that_miss_answer_null_without_an_error_and_keep_their_siblings() {
        TestData.ProductRef product = data.product("Sibling lamp", null, 900);
        TestData.Ref warehouse = data.warehouse(TestData.unique("Null warehouse"), 51.0, 9.0);
        JsonPath r = GraphQL.anonymous().execute("""
                query($id: ID!, $warehouse: ID!) {
                  missingProduct: product(slug: "no-such-product-anywhere") { id }
                  missingVariant: productVariant(sku: "NO-SUCH-SKU-ANYWHERE") { id }
                  missingBarcode: productVariant(barcode: "4006381333931") { id }
                  missingCategory: category(slug: "no-such-category-anywhere") { id }
                  warehouseAsStore: store(id: $warehouse) { id }
                  missingCart: cart(id: "aaaaaaaaaaaaaaaaaaaaaaaa") { id }
                  product(id: $id) { name }
                }""", "id", product.id(), "warehouse", warehouse.id());
        assertThat(r.getList("errors")).as(r.prettify()).isNull();
        assertThat(r.getMap("data")).containsEntry("missingProduct", null).containsEntry("missingVariant", null)
                .containsEntry("missingBarcode", null).containsEntry("missingCategory", null)
                .containsEntry("warehouseAsStore", null).containsEntry("missingCart", null);
        assertThat(r.getString("data.product.name")).isEqualTo("Sibling lamp");
    }

    @Test
    void a_lookup_with_a_malformed_id_is_still_bad_input() {
        JsonPath r = GraphQL.anonymous().execute("{ product(id: \"Zm9v\") { id } }");
        assertThat(r.getString("errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void stock_levels_and_loyalty_accounts_have_ids_that_stay_the_same_across_reads() {
        TestData.ProductRef product = data.product("Cached level kettle", null, 2500);
        TestData.Ref store = data.store(TestData.unique("Cached level store"), 52.2, 13.2);
        data.stock(product.variant(0), store, 7);
        GraphQL staff = GraphQL.as(Tokens.staff());
        String levelId = GraphQL.anonymous().ok("query($id: ID!) { productVariant(id: $id) { stockLevels { id onHand } } }",
                "id", product.variant(0).id()).getString("data.productVariant.stockLevels[0].id");
        JsonPath adjusted = staff.ok("""
                mutation($input: StockAdjustInput!) { stockAdjust(input: $input) { stockLevel { id onHand } userErrors { code } } }""",
                "input", Map.of("variantId", product.variant(0).id(), "locationId", store.id(), "delta", 3, "reason", "goods received"));
        assertThat(adjusted.getString("data.stockAdjust.stockLevel.id")).isEqualTo(levelId);
        assertThat(adjusted.getInt("data.stockAdjust.stockLevel.onHand")).isEqualTo(10);

        Account customer = Accounts.register();
        String accountId = customer.client().ok("{ me { loyalty { id } } }").getString("data.me.loyalty.id");
        assertThat(accountId).isNotBlank();
        assertThat(staff.ok("query($c: ID!) { loyaltyAccount(customerId: $c) { id } }", "c", customer.globalId())
                .getString("data.loyaltyAccount.id")).isEqualTo(accountId);
    }
}
