package com.omnichannel.gateway.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A cart read back from the JSON text Redis holds, as the service and the store's scripts write it. */
class StoredCartTest {

    @Test
    void a_cart_reads_back_as_it_was_written() {
        StoredCart cart = new StoredCart("cart-1", "customer-1", "hash", List.of(
                new StoredCart.StoredLine("line-1", "variant-1", 2, "WEB", "2026-12-07T10:00:00Z"),
                new StoredCart.StoredLine("line-2", "variant-\"2\"", 1, "KIOSK", "2026-12-07T10:01:00Z")),
                "PICKUP", "store-1", "slot-1", List.of("WEB", "KIOSK"), "KIOSK", 7, "2026-12-07T10:00:00Z",
                "2026-12-07T10:01:00Z", 86400, "WINTER10");
        assertThat(StoredCart.fromJson(cart.toJson())).isEqualTo(cart);

        StoredCart anonymous = new StoredCart("cart-2", null, "hash", List.of(), "SHIP", null, null, List.of(), null, 1,
                "2026-12-07T10:00:00Z", "2026-12-07T10:00:00Z", 3600, null);
        assertThat(StoredCart.fromJson(anonymous.toJson())).isEqualTo(anonymous);
    }

    @Test
    void a_cart_written_by_a_script_reads_with_its_defaults() {
        // Lua writes an empty table as {}, numbers as it likes, keys in any order, and leaves out absent values.
        StoredCart cart = StoredCart.fromJson("""
                {"ttlSeconds":3600.0,"lines":{},"channels":{},"version":3,"id":"cart-3","extra":{"a":[1,{"b":2}]},
                 "createdAt":"2026-12-07T10:00:00Z","updatedAt":"2026-12-07T10:02:00Z"}""");

        assertThat(cart).isEqualTo(new StoredCart("cart-3", "", "", List.of(), "SHIP", null, null, List.of(), null, 3,
                "2026-12-07T10:00:00Z", "2026-12-07T10:02:00Z", 3600, null));
    }

    @Test
    void lines_and_fulfilment_read_whatever_the_order_of_their_keys() {
        StoredCart cart = StoredCart.fromJson("""
                {"id":"cart-4","version":2,"ttlSeconds":60,"fulfilment":{"slotId":"slot-9","type":"PICKUP","storeId":"s"},
                 "lines":[{"quantity":4,"addedAt":"t","note":null,"channel":"APP","variantId":"v","id":"l"}],
                 "channels":["APP"],"customerId":null}""");

        assertThat(cart.lines()).containsExactly(new StoredCart.StoredLine("l", "v", 4, "APP", "t"));
        assertThat(cart.fulfilmentType()).isEqualTo("PICKUP");
        assertThat(cart.pickupStoreId()).isEqualTo("s");
        assertThat(cart.pickupSlotId()).isEqualTo("slot-9");
        assertThat(cart.channels()).containsExactly("APP");
        assertThat(cart.customerId()).isNull();
        assertThat(cart.tokenHash()).isEmpty();
    }

    @Test
    void text_that_is_not_a_cart_is_refused() {
        assertThatThrownBy(() -> StoredCart.fromJson("[]")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StoredCart.fromJson("{\"id\":\"c\",\"ttlSeconds\":1}")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StoredCart.fromJson("{\"id\":{},\"version\":1,\"ttlSeconds\":1}"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StoredCart.fromJson("{\"id\":\"c\",")).isInstanceOf(IllegalStateException.class);
    }
}
