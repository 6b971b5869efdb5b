package com.omnichannel.gateway.order;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.cart.FulfilmentType;
import com.omnichannel.gateway.order.OrderRepository.InsertedOrder;
import com.omnichannel.gateway.order.OrderRows.LineRow;
import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * How checkout places orders: it writes a new order inside checkout's order transaction, finds what an idempotency
 * key already stands for, and answers with the order as written. The order tables are written only here and in the
 * order lifecycle.
 */
@ApplicationScoped
public class OrderPlacement {

    private final OrderRepository repository;
    private final OrderMapper mapper;
    private final OrderEvents events;
    private final OrderNumbers numbers;

    public OrderPlacement(OrderRepository repository, OrderMapper mapper, OrderEvents events, OrderNumbers numbers) {
        this.repository = repository;
        this.mapper = mapper;
        this.events = events;
        this.numbers = numbers;
    }

    /** What an idempotency key already stands for. */
    public sealed interface Earlier {
        /** No order has the key. */
        record None() implements Earlier {
        }

        /** The order placed by the same request (a retry). */
        record SameRequest(Order order) implements Earlier {
        }

        /** An order placed by a different request with this key. */
        record OtherRequest() implements Earlier {
        }
    }

    /** The order placed with this key, and whether it was placed by the request with this hash. */
    public Uni<Earlier> earlier(String idempotencyKey, String requestHash) {
        return repository.findByIdempotencyKey(idempotencyKey).chain(row -> {
            if (row == null) {
                return Uni.createFrom().item(new Earlier.None());
            }
            if (!row.requestHash().equals(requestHash)) {
                return Uni.createFrom().item(new Earlier.OtherRequest());
            }
            return mapper.single(row).map(Earlier.SameRequest::new);
        });
    }

    /** How writing a new order ended. */
    public sealed interface Placement permits Placed, KeyTaken {
    }

    /**
     * Another transaction holds the idempotency key: nothing was written. If no order has the key afterwards, that
     * transaction rolled back.
     */
    public record KeyTaken() implements Placement {
    }

    /** An order written in the current transaction: what checkout participants need to know of it. */
    public static final class Placed implements Placement {
        private final NewOrder order;
        private final InsertedOrder inserted;

        private Placed(NewOrder order, InsertedOrder inserted) {
            this.order = order;
            this.inserted = inserted;
        }

        public long orderKey() {
            return inserted.order().id();
        }

        public String number() {
            return inserted.order().number();
        }

        public String customerId() {
            return inserted.order().customerId();
        }

        public String email() {
            return inserted.order().email();
        }

        public FulfilmentType fulfilmentType() {
            return inserted.order().fulfilmentType();
        }

        public String currency() {
            return inserted.order().currency();
        }

        public long subtotalMinor() {
            return inserted.order().subtotal();
        }

        public long discountMinor() {
            return inserted.order().discount();
        }

        public long totalMinor() {
            return inserted.order().total();
        }

        /** Keys of the order's lines, in the order of {@link NewOrder#lines()}. */
        public List<Long> lineKeys() {
            return inserted.contents().lineIds();
        }
    }

    /**
     * Writes the order with its lines, shipments and PLACED timeline entry in the caller's transaction (one
     * statement) under a random number (see {@link OrderNumbers}), unless its idempotency key is taken.
     */
    public Uni<Placement> place(Db.Tx tx, Caller caller, NewOrder order) {
        return repository.insertOrder(tx, order, numbers.candidates(), caller.actor(), caller.channel(), "Placed through " + caller.channel(),
                        OrderStatus.PLACED, null)
                .map(inserted -> inserted == null ? new KeyTaken() : new Placed(order, inserted));
    }

    /**
     * Writes an over-the-counter sale from a store's POS in the caller's transaction: an order that is picked up
     * (and paid) from the start, placed at the time the sale happened (a sale recorded offline arrives later), with
     * its lines handed over by the store. Stock and loyalty are the caller's to record in the same transaction.
     */
    public Uni<Placement> recordStoreSale(Db.Tx tx, Caller caller, NewOrder order, java.time.OffsetDateTime occurredAt, String note) {
        return repository.insertOrder(tx, order, numbers.candidates(), caller.actor(), caller.channel(), note, OrderStatus.PICKED_UP,
                        occurredAt)
                .map(inserted -> inserted == null ? new KeyTaken() : new Placed(order, inserted));
    }

    /** Tells subscribers of a store sale's order, on any instance, that it exists (picked up); after the commit. */
    public Uni<Void> announceStoreSale(Placed placed) {
        return events.publish(placed.orderKey(), OrderStatus.PICKED_UP);
    }

    /** Tells subscribers of the order, on any instance, that it has been placed; after the commit. */
    public Uni<Void> announce(Placed placed) {
        return events.publish(placed.orderKey(), OrderStatus.PLACED);
    }

    /** The new order as checkout answers with it, its lines and shipments taken from what it wrote rather than read back. */
    public Uni<Order> asWritten(Placed placed) {
        OrderRow o = placed.inserted.order();
        List<OrderLine> lines = new ArrayList<>();
        for (NewOrder.Line l : placed.order.lines()) {
            lines.add(mapper.line(new LineRow(placed.lineKeys().get(l.position()), o.id(), l.position(), l.variantId(), l.sku(),
                    l.productName(), l.variantTitle(), l.quantity(), l.unitPrice(), l.discount(), l.tax(), l.total(), l.channel())));
        }
        // Shipments are created with the order, in the same transaction, so they share its timestamps.
        List<ShipmentRow> shipments = placed.inserted.contents().shipmentByLocation().entrySet().stream()
                .map(e -> new ShipmentRow(e.getValue(), e.getKey(), o.fulfilmentType(), ShipmentStatus.PENDING, null, null,
                        o.placedAt(), o.placedAt()))
                .sorted(Comparator.comparingLong(ShipmentRow::id)).toList();
        return mapper.shipments(Map.of(o.id(), shipments)).chain(byOrder -> mapper.orders(List.of(o),
                row -> new Order.Contents(lines, byOrder.getOrDefault(o.id(), List.of())))).map(orders -> orders.get(0));
    }
}
