package com.omnichannel.gateway.order;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import com.omnichannel.gateway.checkout.Checkouts;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.support.BackgroundWrites;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;
import com.omnichannel.gateway.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Order history with lines, variants, shipments and their lines costs the same statements for 2 and 12 orders; a
 * checkout costs a fixed few, its answer included.
 */
@QuarkusTest
class OrderStatementCountTest {

    @Inject
    TestData data;

    @Inject
    Db db;

    static final String HISTORY = """
            query($first: Int!) { myOrders(first: $first) { edges { node {
              number status total { amount } pickupStore { name }
              lines { sku quantity variant { id sku price { amount } } }
              shipments { status location { name } lines { quantity orderLine { sku } } }
              timeline { kind toStatus } } } } }""";

    @Test
    void order_history_statements_do_not_grow_with_the_number_of_orders() {
        String customerId = "customer-" + UUID.randomUUID();
        GraphQL customer = GraphQL.as(Tokens.customer(customerId));
        var store = data.store("Counted order store", 52.0, 13.0);
        var product = data.product("Counted order item", null, 1000, 2000);
        data.stock(product.variant(0), store, 100);
        data.stock(product.variant(1), store, 100);
        for (int i = 0; i < 12; i++) {
            placed(customerCart(customer, line(product.variant(0), 1), line(product.variant(1), 2)), pickup(store), payInStore());
        }

        long two = statementsFor(customer, 2);
        long twelve = statementsFor(customer, 12);
        assertThat(customer.ok(HISTORY, "first", 12).getList("data.myOrders.edges")).hasSize(12);
        assertThat(twelve).isEqualTo(two);
        // orders with their lines and shipments, then variants, shipment lines, timeline
        assertThat(twelve).isLessThanOrEqualTo(4);
    }

    static final String CHECKOUT_ANSWER = """
            mutation($input: CheckoutCompleteInput!) { checkoutComplete(input: $input) { order {
              number status total { amount } lines { sku quantity total { amount } } shipments { status location { name } }
            } userErrors { code } } }""";

    @Test
    void a_checkout_costs_a_fixed_few_statements_and_its_answer_reads_nothing_back() {
        var warehouse = data.warehouse("Counted checkout warehouse", 51.0, 9.5);
        var product = data.product("Counted checkout item", null, 1000, 2000, 3000);
        for (int i = 0; i < 3; i++) {
            data.stock(product.variant(i), warehouse, 100);
        }
        Object[] lines = { line(product.variant(0), 1), line(product.variant(1), 2), line(product.variant(2), 1) };
        // A first checkout of the same items fills what is cached for a while (the products' categories, which
        // promotions match on); its reservation invalidates the cached stock levels, which the read of the second
        // cart loads again, as shoppers' cart reads do: the checkout plans from them.
        placed(Checkouts.guestCart(lines), Checkouts.ship(), Checkouts.card("4242424242424242"));
        var cart = Checkouts.guestCart(lines);
        cart.client().ok("query($id: ID!) { cart(id: $id) { lines { available } } }", "id", cart.id());
        BackgroundWrites.settle();

        long before = db.statementCount();
        var result = cart.client().ok(CHECKOUT_ANSWER, "input", Checkouts.input(cart, UUID.randomUUID().toString(), Checkouts.ship(),
                Checkouts.card("4242424242424242")));
        long statements = db.statementCount() - before;

        assertThat(result.getList("data.checkoutComplete.userErrors")).isEmpty();
        assertThat(result.getList("data.checkoutComplete.order.lines.sku")).hasSize(3);
        assertThat(result.getList("data.checkoutComplete.order.shipments.location.name")).containsExactly("Counted checkout warehouse");
        // Idempotency key, variants, promotions; in the transaction (BEGIN and COMMIT not counted) the order with its
        // lines, shipments and timeline, its order.placed outbox event, then the reservation with its ledger entries
        // (and, by trigger, its stock level events). Nothing is read back.
        assertThat(statements).isEqualTo(6);
    }

    /** The order history page as the storefront sends it (and the load benchmark measures it). */
    static final String ACCOUNT_HISTORY = "{ myOrders(first: 10){ edges{ node{ number status placedAt total{ amount currencyCode }"
            + " lines{ productName variantTitle quantity unitPrice{ amount } }"
            + " shipments{ status fulfilmentType trackingNumber location{ name } } } } pageInfo{ hasNextPage } } }";

    @Test
    void order_history_with_lines_and_shipments_is_one_statement_and_answers_as_the_batches_do() {
        String customerId = "customer-" + UUID.randomUUID();
        GraphQL customer = GraphQL.as(Tokens.customer(customerId));
        var store = data.store("One-statement history store", 52.1, 13.1);
        var north = data.warehouse("One-statement history north", 53.5, 10.0);
        var south = data.warehouse("One-statement history south", 48.1, 11.6);
        var product = data.product("One-statement history item", null, 1000, 2500);
        data.stock(product.variant(0), store, 100);
        data.stock(product.variant(1), store, 100);
        data.stock(product.variant(0), north, 100);
        data.stock(product.variant(1), south, 100);
        for (int i = 0; i < 11; i++) {
            // pickups with one shipment, deliveries with one from each warehouse
            if (i % 2 == 0) {
                placed(customerCart(customer, line(product.variant(0), 1), line(product.variant(1), i + 1)), pickup(store), payInStore());
            } else {
                placed(customerCart(customer, line(product.variant(1), 2), line(product.variant(0), i)), Checkouts.ship(), Checkouts.card("4242424242424242"));
            }
        }

        customer.ok(ACCOUNT_HISTORY);
        BackgroundWrites.settle();
        long before = db.statementCount();
        var mine = customer.ok(ACCOUNT_HISTORY);
        long statements = db.statementCount() - before;

        assertThat(statements).isEqualTo(1);
        assertThat(mine.getList("data.myOrders.edges")).hasSize(10);
        assertThat(mine.getBoolean("data.myOrders.pageInfo.hasNextPage")).isTrue();
        // newest first: the 11th order (a pickup of 1 + 11 units) leads, then a delivery from both warehouses
        assertThat(mine.getList("data.myOrders.edges[0].node.lines.quantity")).containsExactly(1, 11);
        assertThat(mine.getList("data.myOrders.edges[0].node.lines.productName")).containsOnly("One-statement history item");
        assertThat(mine.getList("data.myOrders.edges[0].node.shipments.location.name")).containsExactly("One-statement history store");
        assertThat(mine.getList("data.myOrders.edges[1].node.lines.quantity")).containsExactly(2, 9);
        assertThat(mine.getList("data.myOrders.edges[1].node.lines.unitPrice.amount")).containsExactly("25.00", "10.00");
        assertThat(mine.getList("data.myOrders.edges[1].node.shipments.location.name")).isNotEmpty();
        assertThat(mine.getList("data.myOrders.edges[1].node.shipments.fulfilmentType")).containsOnly("SHIP");

        // Staff's order list resolves lines and shipments through the batch loaders: the same answer, to the byte.
        String staffList = ACCOUNT_HISTORY.replace("myOrders(first: 10)", "orders(first: 10, filter: { customerId: \"" + customerId + "\" })");
        var staff = GraphQL.as(Tokens.staff()).ok(staffList);
        assertThat(mine.prettify()).isEqualTo(staff.prettify().replaceFirst("\"orders\"", "\"myOrders\""));
    }

    @Test
    void other_shapes_of_order_reads_keep_their_values() {
        String customerId = "customer-" + UUID.randomUUID();
        GraphQL customer = GraphQL.as(Tokens.customer(customerId));
        var store = data.store("Shapes order store", 52.2, 13.2);
        var warehouse = data.warehouse("Shapes order warehouse", 50.1, 8.7);
        var product = data.product("Shapes order item", null, 1200, 3400);
        data.stock(product.variant(0), store, 100);
        data.stock(product.variant(1), warehouse, 100);
        placed(customerCart(customer, line(product.variant(0), 2)), pickup(store), payInStore());
        String delivered = placed(customerCart(customer, line(product.variant(1), 3)), Checkouts.ship(), Checkouts.card("4242424242424242")).getString("id");

        // lines through a fragment, no shipments: the page's one statement
        String linesByFragment = "{ myOrders(first: 5) { edges { node { ...Lines } } } } fragment Lines on Order { number lines { sku quantity } }";
        assertThat(statementsOf(customer, linesByFragment)).isEqualTo(1);
        var lines = customer.ok(linesByFragment);
        assertThat(lines.getList("data.myOrders.edges.node.lines.quantity")).containsExactly(List.of(3), List.of(2));

        // shipments with their own lines: the page, then the shipments' lines in one batch
        String shipments = "{ myOrders(first: 5) { edges { node { number shipments { status location { name } lines { quantity orderLine { sku } } } } } } }";
        assertThat(statementsOf(customer, shipments)).isEqualTo(2);
        var shipped = customer.ok(shipments);
        assertThat(shipped.getList("data.myOrders.edges.node.shipments.location.name"))
                .containsExactly(List.of("Shapes order warehouse"), List.of("Shapes order store"));
        assertThat(shipped.getList("data.myOrders.edges.node.shipments.lines.quantity"))
                .containsExactly(List.of(List.of(3)), List.of(List.of(2)));

        // neither: the page alone
        assertThat(statementsOf(customer, "{ myOrders(first: 5) { edges { node { number total { amount } } } } }")).isEqualTo(1);

        // one order by id loads its lines and shipments in batches, with the values the page gives
        String node = "number status total { amount } lines { id sku productName variantTitle quantity unitPrice { amount } total { amount } channel }"
                + " shipments { id status nextStatuses fulfilmentType carrier trackingNumber location { name } createdAt updatedAt }";
        var byId = customer.ok("query($id: ID!) { order(id: $id) { " + node + " } }", "id", delivered);
        var inPage = customer.ok("{ myOrders(first: 1) { edges { node { " + node + " } } } }");
        assertThat(byId.getMap("data.order")).isEqualTo(inPage.getMap("data.myOrders.edges[0].node"));
        assertThat(byId.getList("data.order.lines.quantity")).containsExactly(3);
    }

    private long statementsOf(GraphQL client, String query) {
        client.ok(query);
        BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(query);
        return db.statementCount() - before;
    }

    private long statementsFor(GraphQL client, int first) {
        client.ok(HISTORY, "first", first);
        BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(HISTORY, "first", first);
        return db.statementCount() - before;
    }
}
