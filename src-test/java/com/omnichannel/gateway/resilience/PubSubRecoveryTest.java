package com.omnichannel.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.checkout.Checkouts;
import com.omnichannel.gateway.platform.redis.PubSubRelay;
import com.omnichannel.gateway.support.GraphQL;
import com.omnichannel.gateway.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A pub/sub subscription outlives its Redis connection: after Redis restarts, or after the network to it was cut
 * for a while, the relay subscribes again by itself, messages reach this instance's listeners again, and the
 * listener learns that it may have missed some, so local caches empty themselves. Runs against a redis-server of
 * the test's own behind a proxy ({@link Outages}).
 */
@QuarkusTest
@TestProfile(Outages.Profile.class)
class PubSubRecoveryTest {

    Outages outages;

    @Inject
    PubSubRelay relay;

    @Inject
    TestData data;

    @AfterEach
    void redis_is_back() {
        outages.redis.restore();
    }

    /** A listener on a channel of the test's own, with what it received and how often it was told of a gap. */
    private record Listener(String channel, BlockingQueue<String> received, AtomicInteger resumed) {
    }

    private Listener listen() {
        Listener listener = new Listener("relay-test-" + UUID.randomUUID(), new LinkedBlockingQueue<>(), new AtomicInteger());
        relay.subscribe(listener.channel(), listener.received()::add, listener.resumed()::incrementAndGet);
        return listener;
    }

    /** Publishes until the listener receives a message, for up to {@link FaultToleranceTest#RECOVERY}. */
    private void assertReceives(Listener listener, String when) throws InterruptedException {
        long deadline = System.nanoTime() + FaultToleranceTest.RECOVERY.toNanos();
        int sent = 0;
        while (System.nanoTime() < deadline) {
            String message = when + " " + ++sent;
            relay.publish(listener.channel(), message).await().atMost(Duration.ofSeconds(5));
            String got = listener.received().poll(200, TimeUnit.MILLISECONDS);
            if (got != null) {
                assertThat(got).startsWith(when);
                listener.received().clear();
                return;
            }
        }
        throw new AssertionError("No message on " + listener.channel() + " " + when + " within " + FaultToleranceTest.RECOVERY);
    }

    @Test
    void a_subscription_receives_messages_again_after_its_redis_restarts() throws InterruptedException {
        Listener listener = listen();
        assertReceives(listener, "before");
        assertThat(listener.resumed().get()).as("nothing missed yet").isZero();

        outages.redisServer.kill();
        outages.redisServer.start();

        assertReceives(listener, "after the restart");
        assertThat(listener.resumed().get()).as("told that messages may have been missed").isPositive();
    }

    @Test
    void a_subscription_receives_messages_again_after_the_network_to_redis_was_cut_for_a_while() throws InterruptedException {
        Listener listener = listen();
        assertReceives(listener, "before");

        outages.redis.cut();
        // Long enough for several attempts to subscribe again to fail.
        Thread.sleep(1_500);
        outages.redis.restore();

        assertReceives(listener, "after the cut");
        assertThat(listener.resumed().get()).isPositive();
    }

    @Test
    void a_price_changed_while_this_instance_was_cut_off_from_redis_shows_once_it_is_subscribed_again()
            throws InterruptedException {
        String unitPrice = "query($id: ID!) { cart(id: $id) { lines { unitPrice { amount } } } }";
        var product = data.product(TestData.unique("Cut-off price"), null, 1000);
        Checkouts.CartRef cart = Checkouts.guestCart(Checkouts.line(product.variant(0), 1));
        assertThat(cart.client().ok(unitPrice, "id", cart.id()).getString("data.cart.lines[0].unitPrice.amount"))
                .isEqualTo("10.00");

        outages.redis.cut();
        // Another instance changes the price meanwhile: its catalog change message cannot reach this instance.
        data.writeBehindTheService("UPDATE product_variant SET price_minor = $1 WHERE id = $2", 1500, product.variant(0).key());
        Thread.sleep(1_000);
        outages.redis.restore();

        // Well within the variant cache's time to live (30 s): only the emptying on resubscription shows it.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String price = null;
        while (!"15.00".equals(price) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            try {
                price = cart.client().execute(unitPrice, "id", cart.id()).getString("data.cart.lines[0].unitPrice.amount");
            } catch (RuntimeException | AssertionError e) {
                // Redis not reachable yet
            }
        }
        assertThat(price).isEqualTo("15.00");
    }

    @Test
    void more_subscribed_channels_than_pooled_connections_leave_the_pool_to_requests() throws InterruptedException {
        // Not timed: the first requests of a fresh instance also register the trusted operations and warm up.
        GraphQL.anonymous().execute(FaultToleranceTest.CART_CREATE);
        // Twice the pool (quarkus.redis.max-pool-size, 16): one connection each would leave none for requests.
        List<Listener> listeners = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            listeners.add(listen());
        }
        for (Listener listener : listeners) {
            assertReceives(listener, "subscribed");
        }
        JsonPath created = Outages.timed(() -> GraphQL.anonymous().execute(FaultToleranceTest.CART_CREATE));
        assertThat(created.getString("data.cartCreate.cart.id")).as(created.prettify()).isNotBlank();
    }

    @Test
    void a_listener_that_fails_on_a_message_still_gets_the_next_ones() throws InterruptedException {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        String channel = "relay-test-" + UUID.randomUUID();
        relay.subscribe(channel, message -> {
            received.add(message);
            throw new IllegalArgumentException("a message from an instance of another version");
        });
        Listener listener = new Listener(channel, received, new AtomicInteger());
        assertReceives(listener, "first");
        assertReceives(listener, "second");
    }
}
