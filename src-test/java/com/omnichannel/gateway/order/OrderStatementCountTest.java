package com.omnichannel.gateway.order;

import static com.omnichannel.gateway.checkout.Checkouts.customerCart;
import static com.omnichannel.gateway.checkout.Checkouts.line;
import static com.omnichannel.gateway.checkout.Checkouts.payInStore;
import static com.omnichannel.gateway.checkout.Checkouts.pickup;
import static com.omnichannel.gateway.checkout.Checkouts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import com.omnichannel.gateway.checkout.Checkouts;
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
        // orders, lines, variants, shipments, shipment lines, timeline
        assertThat(twelve).isLessThanOrEqualTo(6);
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

    private long statementsFor(GraphQL client, int first) {
        client.ok(HISTORY, "first", first);
        BackgroundWrites.settle();
        long before = db.statementCount();
        client.ok(HISTORY, "first", first);
        return db.statementCount() - before;
    }
}
