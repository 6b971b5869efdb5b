package com.omnichannel.gateway.order;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.errors.Refusal;
import com.omnichannel.gateway.order.OrderPayloads.OrderPayload;
import com.omnichannel.gateway.order.OrderPayloads.ShipmentPayload;
import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.errors.ApiException;
import com.omnichannel.gateway.platform.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Runs a change of orders or shipments in one transaction, the rows locked in the one order every order change
 * uses (orders before shipments, each by id), then tells subscribers of every order it changed and answers with the
 * changed object. A change refused by a rule rolls back and answers with the rule's user error; so does a status
 * listener's {@link Refusal}.
 */
@ApplicationScoped
class OrderChanges {

    private final Db db;
    private final OrderRepository repository;
    private final OrderMapper mapper;
    private final OrderEvents events;

    OrderChanges(Db db, OrderRepository repository, OrderMapper mapper, OrderEvents events) {
        this.db = db;
        this.repository = repository;
        this.mapper = mapper;
        this.events = events;
    }

    /** A change of one locked order; adds each order whose status it changes to {@code changed}. */
    @FunctionalInterface
    interface OrderWork {
        Uni<ChangeOutcome<Void>> apply(Db.Tx tx, OrderRow order, List<OrderRow> changed);
    }

    /** A change of locked shipments (their orders locked too); made with the key of the shipment to answer with. */
    @FunctionalInterface
    interface ShipmentWork {
        Uni<ChangeOutcome<Long>> apply(Db.Tx tx, List<ShipmentRow> shipments, List<OrderRow> changed);
    }

    Uni<OrderPayload> ofOrder(Caller caller, long key, OrderWork work) {
        List<OrderRow> changed = new ArrayList<>();
        return db.inTransaction(tx -> repository.lockOrders(tx, List.of(key)).chain(rows -> {
            if (rows.isEmpty() || !OrderAccess.mayRead(caller, rows.get(0))) {
                throw ApiException.notFound("No order with this id");
            }
            return work.apply(tx, rows.get(0), changed).invoke(outcome -> rollBackIfRefused(tx, outcome));
        }))
                .chain(outcome -> outcome.fold(
                        made -> publish(changed).chain(() -> repository.findById(key)).chain(mapper::single)
                                .map(order -> new OrderPayload(order, List.of())),
                        error -> Uni.createFrom().item(OrderPayload.failed(error))))
                .onFailure(Refusal.class).recoverWithItem(e -> OrderPayload.failed(((Refusal) e).error()));
    }

    Uni<ShipmentPayload> ofShipments(Caller caller, Collection<Long> keys, ShipmentWork work) {
        List<OrderRow> changed = new ArrayList<>();
        return db.inTransaction(tx -> repository.ordersOfShipments(tx, keys).chain(byShipment -> {
            Set<Long> orderIds = new TreeSet<>();
            byShipment.values().forEach(orderIds::addAll);
            // Orders first, then shipments, in id order: the same order as every other order change.
            return repository.lockOrders(tx, orderIds).chain(orders -> {
                if (byShipment.keySet().size() != new LinkedHashSet<>(keys).size()
                        || orders.isEmpty() || !orders.stream().allMatch(o -> OrderAccess.mayRead(caller, o))) {
                    throw ApiException.notFound("No shipment with this id");
                }
                return repository.lockShipments(tx, keys).chain(shipments -> work.apply(tx, shipments, changed))
                        .invoke(outcome -> rollBackIfRefused(tx, outcome));
            });
        }))
                .chain(outcome -> outcome.fold(
                        id -> publish(changed).chain(() -> shipmentById(id)).map(shipment -> new ShipmentPayload(shipment, List.of())),
                        error -> Uni.createFrom().item(ShipmentPayload.failed(error))))
                .onFailure(Refusal.class).recoverWithItem(e -> ShipmentPayload.failed(((Refusal) e).error()));
    }

    /** Rules are checked before anything is written; a refusal still must not commit what the work locked. */
    private static void rollBackIfRefused(Db.Tx tx, ChangeOutcome<?> outcome) {
        if (outcome instanceof ChangeOutcome.Refused<?>) {
            tx.rollBack();
        }
    }

    private Uni<Void> publish(List<OrderRow> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.findByIds(changed.stream().map(OrderRow::id).toList()).chain(rows -> {
            Uni<Void> published = Uni.createFrom().voidItem();
            for (OrderRow r : rows) {
                published = published.chain(() -> events.publish(r.id(), r.status()));
            }
            return published;
        });
    }

    private Uni<Shipment> shipmentById(long key) {
        return repository.findShipment(key)
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem()
                        : mapper.shipments(Map.of(key, rows)).map(m -> m.get(key).get(0)));
    }
}
