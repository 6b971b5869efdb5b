package com.omnichannel.gateway.order;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.order.OrderRows.OrderRow;
import com.omnichannel.gateway.order.OrderRows.ShipmentRow;
import com.omnichannel.gateway.platform.db.Db;
import com.omnichannel.gateway.platform.ids.GlobalId;
import com.omnichannel.gateway.platform.money.Money;
import com.omnichannel.gateway.platform.outbox.Outbox;
import com.omnichannel.gateway.store.Location;
import com.omnichannel.gateway.store.StoreService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Pickups open when a pickup or curbside shipment becomes ready: a collection code no other open pickup at the store
 * has, when it became ready, until when the store holds it (the store's hold period) and what the till takes for the
 * pay-in-store orders in it. They close when the shipment is handed over or cancelled.
 */
@ApplicationScoped
class Pickups {

    /** Letters and digits that cannot be mistaken for each other when read out or typed (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
    static final String ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
    private static final int CANDIDATES = 16;
    private static final int ROUNDS = 5;

    private final PickupRepository repository;
    private final PickupConfig config;
    private final StoreService stores;
    private final Clock clock;
    private final Outbox outbox;
    private final SecureRandom random = new SecureRandom();

    Pickups(PickupRepository repository, PickupConfig config, StoreService stores, Clock clock, Outbox outbox) {
        this.repository = repository;
        this.config = config;
        this.stores = stores;
        this.clock = clock;
        this.outbox = outbox;
    }

    /** Opens the pickups of shipments that have just become ready, each store's codes chosen one transaction at a time. */
    Uni<Void> open(Db.Tx tx, List<ShipmentRow> shipments, Map<Long, List<Long>> ordersByShipment, List<OrderRow> orders) {
        OffsetDateTime readyAt = now();
        // Stores in one order, so that two transactions never wait for each other's store.
        List<ShipmentRow> sorted = shipments.stream()
                .sorted(Comparator.comparingLong(ShipmentRow::locationId).thenComparingLong(ShipmentRow::id)).toList();
        Uni<Void> opened = Uni.createFrom().voidItem();
        for (ShipmentRow s : sorted) {
            List<Long> orderIds = ordersByShipment.getOrDefault(s.id(), List.of());
            List<OrderRow> of = orders.stream().filter(o -> orderIds.contains(o.id())).toList();
            long due = amountDue(of);
            String currency = of.isEmpty() ? orders.get(0).currency() : of.get(0).currency();
            opened = opened.chain(() -> stores.findLocation(s.locationId()).chain(store -> {
                OffsetDateTime collectBy = readyAt.plus(config.holdPeriodOf(store == null ? null : store.code()));
                return repository.lockCodesOfStore(tx, s.locationId())
                        .chain(() -> openWithFreeCode(tx, s.id(), s.locationId(), readyAt, collectBy, due, currency, 1))
                        .chain(code -> readyForPickup(tx, s.id(), s.locationId(), orderIds, code, readyAt, collectBy, due, currency));
            }));
        }
        return opened;
    }

    /** A shipment split off a ready one is ready too: same times and amount, a code of its own. */
    Uni<Void> openSplit(Db.Tx tx, long source, long created, long locationId) {
        return repository.byShipment(tx, source).chain(p -> p == null || !p.open() ? Uni.createFrom().voidItem()
                : repository.lockCodesOfStore(tx, locationId).chain(() -> openWithFreeCode(tx, created, locationId, p.readyAt(),
                        p.collectBy(), p.amountDueMinor(), p.currency(), 1))
                        .chain(code -> readyForPickup(tx, created, locationId, List.of(), code, p.readyAt(), p.collectBy(),
                                p.amountDueMinor(), p.currency())));
    }

    Uni<Void> close(Db.Tx tx, Collection<Long> shipmentIds, PickupOutcome outcome) {
        return shipmentIds.isEmpty() ? Uni.createFrom().voidItem() : repository.close(tx, shipmentIds, outcome, now());
    }

    /** What the QR code of a pickup at this store holds. */
    String qrPayload(Location store, String code) {
        return config.qrPayloadTemplate().replace("{store}", store == null ? "" : store.code()).replace("{code}", code);
    }

    /** What the till takes: what is left to pay of the pay-in-store orders not paid yet. */
    static long amountDue(List<OrderRow> orders) {
        return orders.stream().filter(Pickups::payAtCounter).mapToLong(OrderRow::paymentDue).sum();
    }

    static boolean payAtCounter(OrderRow order) {
        return order.paymentMethod() == PaymentMethod.PAY_IN_STORE && order.paymentStatus() == PaymentStatus.PENDING;
    }

    /**
     * A collection code as the customer reads it out or staff type it (spaces, dashes and case do not matter), or the
     * code at the end of a scanned QR payload (after its last ':' or '/').
     */
    static String normalized(String code) {
        if (code == null) {
            return "";
        }
        String stripped = code.strip();
        int end = Math.max(stripped.lastIndexOf(':'), stripped.lastIndexOf('/'));
        return stripped.substring(end + 1).replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The outbox event of a pickup that opened, in its transaction, with what the customer needs to collect it. It is
     * an event of the (first) order in the shipment, so that it arrives after that order's status change; a shipment
     * split off a ready one is its own aggregate.
     */
    private Uni<Void> readyForPickup(Db.Tx tx, long shipmentId, long locationId, List<Long> orderIds, String code,
            OffsetDateTime readyAt, OffsetDateTime collectBy, long due, String currency) {
        JsonArray orders = new JsonArray();
        orderIds.stream().sorted().forEach(id -> orders.add(GlobalId.encode(Order.TYPE, id)));
        Money amountDue = Money.ofMinor(due, currency);
        String shipment = GlobalId.encode(Shipment.TYPE, shipmentId);
        JsonObject payload = new JsonObject()
                .put("version", 1)
                .put("shipmentId", shipment)
                .put("orderIds", orders)
                .put("storeId", GlobalId.encode(Location.TYPE, locationId))
                .put("collectionCode", code)
                .put("readyAt", readyAt.toInstant().toString())
                .put("collectBy", collectBy.toInstant().toString())
                .put("amountDue", new JsonObject().put("amount", amountDue.amount()).put("currencyCode", amountDue.currencyCode()));
        return orders.isEmpty()
                ? outbox.append(tx, "shipment", shipment, "shipment.ready_for_pickup", payload)
                : outbox.append(tx, "order", orders.getString(0), "shipment.ready_for_pickup", payload);
    }

    private Uni<String> openWithFreeCode(Db.Tx tx, long shipmentId, long locationId, OffsetDateTime readyAt, OffsetDateTime collectBy,
            long due, String currency, int round) {
        return repository.open(tx, shipmentId, locationId, candidates(), readyAt, collectBy, due, currency).chain(code -> {
            if (code != null) {
                return Uni.createFrom().item(code);
            }
            if (round >= ROUNDS) {
                return Uni.createFrom().failure(new IllegalStateException("No free collection code at location " + locationId
                        + "; app.pickup.collection-code-length is too short for the open pickups there"));
            }
            return openWithFreeCode(tx, shipmentId, locationId, readyAt, collectBy, due, currency, round + 1);
        });
    }

    private List<String> candidates() {
        List<String> codes = new ArrayList<>(CANDIDATES);
        int length = Math.max(1, config.collectionCodeLength());
        for (int i = 0; i < CANDIDATES; i++) {
            StringBuilder code = new StringBuilder(length);
            for (int c = 0; c < length; c++) {
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
