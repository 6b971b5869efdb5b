package com.omnichannel.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.omnichannel.gateway.cart.FulfilmentType;

/** The order and shipment state machines, without Quarkus. */
class OrderStatusTest {

    @Test
    void a_delivered_order_goes_placed_confirmed_shipped_delivered() {
        assertThat(OrderStatus.PLACED.next(FulfilmentType.SHIP)).containsExactlyInAnyOrder(OrderStatus.CONFIRMED, OrderStatus.CANCELLED);
        assertThat(OrderStatus.CONFIRMED.next(FulfilmentType.SHIP)).containsExactlyInAnyOrder(OrderStatus.SHIPPED, OrderStatus.CANCELLED);
        assertThat(OrderStatus.SHIPPED.next(FulfilmentType.SHIP)).containsExactly(OrderStatus.DELIVERED);
        assertThat(OrderStatus.DELIVERED.next(FulfilmentType.SHIP)).isEmpty();
        assertThat(OrderStatus.CONFIRMED.canMoveTo(OrderStatus.READY_FOR_PICKUP, FulfilmentType.SHIP)).isFalse();
    }

    @Test
    void a_collected_order_goes_placed_confirmed_ready_picked_up() {
        for (FulfilmentType collected : new FulfilmentType[] { FulfilmentType.PICKUP, FulfilmentType.CURBSIDE }) {
            assertThat(OrderStatus.CONFIRMED.next(collected)).containsExactlyInAnyOrder(OrderStatus.READY_FOR_PICKUP, OrderStatus.CANCELLED);
            assertThat(OrderStatus.READY_FOR_PICKUP.next(collected)).containsExactlyInAnyOrder(OrderStatus.PICKED_UP, OrderStatus.CANCELLED);
            assertThat(OrderStatus.PICKED_UP.next(collected)).isEmpty();
            assertThat(OrderStatus.CONFIRMED.canMoveTo(OrderStatus.SHIPPED, collected)).isFalse();
        }
    }

    @Test
    void once_goods_left_an_order_cannot_be_cancelled() {
        for (FulfilmentType type : FulfilmentType.values()) {
            assertThat(OrderStatus.SHIPPED.canMoveTo(OrderStatus.CANCELLED, type)).isFalse();
            assertThat(OrderStatus.PICKED_UP.canMoveTo(OrderStatus.CANCELLED, type)).isFalse();
            assertThat(OrderStatus.CANCELLED.next(type)).isEmpty();
        }
        assertThat(OrderStatus.SHIPPED.fulfilmentStarted()).isTrue();
        assertThat(OrderStatus.CONFIRMED.fulfilmentStarted()).isFalse();
    }

    @Test
    void a_shipment_follows_its_fulfilment_type() {
        assertThat(ShipmentStatus.PENDING.next(FulfilmentType.SHIP)).containsExactlyInAnyOrder(ShipmentStatus.SHIPPED, ShipmentStatus.CANCELLED);
        assertThat(ShipmentStatus.PENDING.next(FulfilmentType.PICKUP))
                .containsExactlyInAnyOrder(ShipmentStatus.READY_FOR_PICKUP, ShipmentStatus.CANCELLED);
        assertThat(ShipmentStatus.READY_FOR_PICKUP.next(FulfilmentType.PICKUP))
                .containsExactlyInAnyOrder(ShipmentStatus.PICKED_UP, ShipmentStatus.CANCELLED);
        assertThat(ShipmentStatus.SHIPPED.next(FulfilmentType.SHIP)).containsExactly(ShipmentStatus.DELIVERED);
        assertThat(ShipmentStatus.DELIVERED.next(FulfilmentType.SHIP)).isEmpty();
    }

    @Test
    void a_shipment_holds_its_reservation_until_goods_leave() {
        assertThat(ShipmentStatus.PENDING.holdsReservation()).isTrue();
        assertThat(ShipmentStatus.READY_FOR_PICKUP.holdsReservation()).isTrue();
        for (ShipmentStatus left : new ShipmentStatus[] { ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED, ShipmentStatus.PICKED_UP }) {
            assertThat(left.goodsLeft()).isTrue();
            assertThat(left.holdsReservation()).isFalse();
        }
        assertThat(ShipmentStatus.CANCELLED.holdsReservation()).isFalse();
        assertThat(ShipmentStatus.CANCELLED.goodsLeft()).isFalse();
    }

    @Test
    void an_order_follows_its_shipments_once_they_all_agree() {
        assertThat(ShipmentStatus.orderStatusOf(List.of(ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED))).isEqualTo(OrderStatus.SHIPPED);
        assertThat(ShipmentStatus.orderStatusOf(List.of(ShipmentStatus.DELIVERED, ShipmentStatus.DELIVERED))).isEqualTo(OrderStatus.DELIVERED);
        assertThat(ShipmentStatus.orderStatusOf(List.of(ShipmentStatus.READY_FOR_PICKUP, ShipmentStatus.PICKED_UP)))
                .isEqualTo(OrderStatus.READY_FOR_PICKUP);
        assertThat(ShipmentStatus.orderStatusOf(List.of(ShipmentStatus.PICKED_UP))).isEqualTo(OrderStatus.PICKED_UP);
        assertThat(ShipmentStatus.orderStatusOf(List.of(ShipmentStatus.SHIPPED, ShipmentStatus.PENDING))).isNull();
    }

    @Test
    void cancelled_shipments_do_not_hold_an_order_back() {
        assertThat(ShipmentStatus.orderStatusOf(List.of(ShipmentStatus.CANCELLED, ShipmentStatus.DELIVERED))).isEqualTo(OrderStatus.DELIVERED);
        assertThat(ShipmentStatus.orderStatusOf(List.of(ShipmentStatus.CANCELLED))).isNull();
        assertThat(ShipmentStatus.orderStatusOf(List.of())).isNull();
    }
}
