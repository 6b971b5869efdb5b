package com.omnichannel.gateway.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Pickup slots with bookings and which order booked which. */
@ApplicationScoped
public class PickupSlotRepository {

    private final Db db;

    public PickupSlotRepository(Db db) {
        this.db = db;
    }

    /** Orders booked per slot start, for the slots of a store starting in [from, to). */
    public Uni<Map<Instant, Integer>> bookedBetween(long storeKey, Instant from, Instant to) {
        return db.query("SELECT starts_at, booked FROM pickup_slot WHERE location_id = $1 AND starts_at >= $2 AND starts_at < $3",
                Tuple.of(storeKey, utc(from), utc(to))).map(rows -> {
                    Map<Instant, Integer> booked = new HashMap<>();
                    for (Row row : rows) {
                        booked.put(row.getOffsetDateTime("starts_at").toInstant(), row.getInteger("booked"));
                    }
                    return booked;
                });
    }

    /**
     * Books the slot for the order if it takes another one, in one statement: the slot's row is created with the
     * first booking or has its count raised while below the capacity, and the row lock makes concurrent bookings of
     * one slot wait for each other's commit. False when the slot is full.
     */
    public Uni<Boolean> book(Db.Tx tx, PickupSlotId slot, int capacity, long orderKey) {
        return tx.query("""
                WITH slot AS (
                    INSERT INTO pickup_slot (location_id, starts_at, booked) VALUES ($1, $2, 1)
                    ON CONFLICT (location_id, starts_at) DO UPDATE SET booked = pickup_slot.booked + 1
                     WHERE pickup_slot.booked < $3
                    RETURNING location_id, starts_at)
                INSERT INTO pickup_slot_booking (order_id, location_id, starts_at, ends_at)
                SELECT $4, location_id, starts_at, $5 FROM slot""",
                Tuple.tuple(List.of(slot.storeKey(), utc(slot.startsAt()), capacity, orderKey, utc(slot.endsAt()))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives the order's booking back to its slot (nothing when it booked none). */
    public Uni<Void> release(Db.Tx tx, long orderKey) {
        return tx.query("""
                WITH released AS (DELETE FROM pickup_slot_booking WHERE order_id = $1 RETURNING location_id, starts_at)
                UPDATE pickup_slot s SET booked = s.booked - 1
                  FROM released r WHERE s.location_id = r.location_id AND s.starts_at = r.starts_at""",
                Tuple.of(orderKey)).replaceWithVoid();
    }

    /** The slot each of the orders booked; orders without one are absent. */
    public Uni<Map<Long, PickupSlotId>> bookedByOrders(List<Long> orderKeys) {
        return db.query("SELECT order_id, location_id, starts_at, ends_at FROM pickup_slot_booking WHERE order_id = ANY($1)",
                Tuple.of(orderKeys.toArray(Long[]::new))).map(rows -> {
                    Map<Long, PickupSlotId> result = new HashMap<>();
                    for (Row row : rows) {
                        Instant start = row.getOffsetDateTime("starts_at").toInstant();
                        Instant end = row.getOffsetDateTime("ends_at").toInstant();
                        result.put(row.getLong("order_id"), new PickupSlotId(row.getLong("location_id"), start,
                                (int) java.time.Duration.between(start, end).toMinutes()));
                    }
                    return result;
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
