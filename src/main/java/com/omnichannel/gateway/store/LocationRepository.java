package com.omnichannel.gateway.store;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class LocationRepository {

    private final Db db;
    private final int defaultPreparationMinutes;

    public LocationRepository(Db db, StoreConfig config) {
        this.db = db;
        this.defaultPreparationMinutes = (int) config.pickup().preparationTime().toMinutes();
    }

    /** Every active location with its hours, in one statement. */
    public Uni<List<Location>> allActive() {
        return db.query("""
                SELECT l.id, l.code, l.name, l.type, l.address_line1, l.address_line2, l.city, l.postal_code, l.region,
                       l.country_code, l.latitude, l.longitude, l.phone, l.opening_hours, l.priority, l.time_zone, l.external_ref,
                       l.pickup_preparation_minutes, l.pickup_slot_minutes, l.pickup_slot_capacity,
                       (SELECT json_agg(json_build_object('day', h.day_of_week, 'opens', to_char(h.opens, 'HH24:MI'),
                                                          'closes', to_char(h.closes, 'HH24:MI'))
                                        ORDER BY h.day_of_week, h.opens)
                          FROM location_opening_hours h WHERE h.location_id = l.id) AS weekly,
                       (SELECT json_agg(json_build_object('date', e.on_date::text, 'opens', to_char(e.opens, 'HH24:MI'),
                                                          'closes', to_char(e.closes, 'HH24:MI'), 'reason', e.reason)
                                        ORDER BY e.on_date)
                          FROM location_hours_exception e WHERE e.location_id = l.id) AS exceptions
                  FROM location l WHERE l.active ORDER BY l.id""")
                .map(rows -> {
                    List<Location> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(map(row));
                    }
                    return result;
                });
    }

    /** Replaces a location's time zone, weekly hours and exceptions; false when there is no such location. */
    public Uni<Boolean> replaceHours(Db.Tx tx, long locationKey, StoreHoursRules.ValidHours hours) {
        List<Integer> days = new ArrayList<>();
        List<String> opens = new ArrayList<>();
        List<String> closes = new ArrayList<>();
        hours.weekly().forEach(i -> {
            days.add(i.day().ordinal() + 1);
            opens.add(i.opens());
            closes.add(i.closes());
        });
        List<String> dates = new ArrayList<>();
        List<String> exceptionOpens = new ArrayList<>();
        List<String> exceptionCloses = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        hours.exceptions().forEach(e -> {
            dates.add(e.date());
            exceptionOpens.add(e.opens());
            exceptionCloses.add(e.closes());
            reasons.add(e.reason());
        });
        return tx.query("UPDATE location SET time_zone = $2 WHERE id = $1", Tuple.of(locationKey, hours.zone().getId()))
                .chain(updated -> {
                    if (updated.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    return tx.query("DELETE FROM location_opening_hours WHERE location_id = $1", Tuple.of(locationKey))
                            .chain(() -> tx.query("DELETE FROM location_hours_exception WHERE location_id = $1", Tuple.of(locationKey)))
                            .chain(() -> tx.query("""
                                    INSERT INTO location_opening_hours (location_id, day_of_week, opens, closes)
                                    SELECT $1, day, opens::time, closes::time
                                      FROM unnest($2::int[], $3::text[], $4::text[]) AS t(day, opens, closes)""",
                                    Tuple.of(locationKey, days.toArray(Integer[]::new), opens.toArray(String[]::new),
                                            closes.toArray(String[]::new))))
                            .chain(() -> tx.query("""
                                    INSERT INTO location_hours_exception (location_id, on_date, opens, closes, reason)
                                    SELECT $1, on_date::date, opens::time, closes::time, reason
                                      FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(on_date, opens, closes, reason)""",
                                    Tuple.of(locationKey, dates.toArray(String[]::new), exceptionOpens.toArray(String[]::new),
                                            exceptionCloses.toArray(String[]::new), reasons.toArray(String[]::new))))
                            .replaceWith(true);
                });
    }

    /** Sets a location's pickup settings; false when there is no such location. */
    public Uni<Boolean> updatePickup(long locationKey, Integer preparationMinutes, Integer slotMinutes, Integer slotCapacity) {
        return db.query("""
                UPDATE location SET pickup_preparation_minutes = $2, pickup_slot_minutes = $3, pickup_slot_capacity = $4
                 WHERE id = $1""", Tuple.of(locationKey, preparationMinutes, slotMinutes, slotCapacity))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Sets or (null) removes a location's external reference; false when there is no such location. */
    public Uni<Boolean> updateExternalRef(long locationKey, String externalRef) {
        return db.query("UPDATE location SET external_ref = $2 WHERE id = $1", Tuple.of(locationKey, externalRef))
                .map(rows -> rows.rowCount() > 0);
    }

    private Location map(Row row) {
        long key = row.getLong("id");
        return new Location(Location.globalId(key), row.getString("code"), row.getString("name"),
                LocationType.valueOf(row.getString("type")),
                new Address(row.getString("address_line1"), row.getString("address_line2"), row.getString("city"),
                        row.getString("postal_code"), row.getString("region"), row.getString("country_code")),
                new GeoPoint(row.getDouble("latitude"), row.getDouble("longitude")),
                row.getString("phone"), row.getString("opening_hours"), hours(row), pickup(row), row.getString("external_ref"), key,
                row.getInteger("priority"));
    }

    private static StoreHours hours(Row row) {
        ZoneId zone;
        try {
            zone = ZoneId.of(row.getString("time_zone"));
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
        }
        List<OpeningInterval> weekly = new ArrayList<>();
        if (row.getValue("weekly") instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                JsonObject o = array.getJsonObject(i);
                weekly.add(new OpeningInterval(Weekday.values()[o.getInteger("day") - 1], o.getString("opens"), o.getString("closes")));
            }
        }
        List<HoursException> exceptions = new ArrayList<>();
        if (row.getValue("exceptions") instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                JsonObject o = array.getJsonObject(i);
                String opens = o.getString("opens");
                exceptions.add(new HoursException(o.getString("date"), opens, o.getString("closes"), opens == null, o.getString("reason")));
            }
        }
        return new StoreHours(zone.getId(), List.copyOf(weekly), List.copyOf(exceptions), new OpeningHours(zone, weekly, exceptions));
    }

    private PickupSettings pickup(Row row) {
        Integer preparation = row.getInteger("pickup_preparation_minutes");
        return new PickupSettings(preparation == null ? defaultPreparationMinutes : preparation,
                row.getInteger("pickup_slot_minutes"), row.getInteger("pickup_slot_capacity"));
    }
}
