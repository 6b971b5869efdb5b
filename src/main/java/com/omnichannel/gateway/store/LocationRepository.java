package com.omnichannel.gateway.store;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.omnichannel.gateway.platform.db.Db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

@ApplicationScoped
public class LocationRepository {

    private final Db db;

    public LocationRepository(Db db) {
        this.db = db;
    }

    public Uni<List<Location>> allActive() {
        return db.query("""
                SELECT id, code, name, type, address_line1, address_line2, city, postal_code, region, country_code,
                       latitude, longitude, phone, opening_hours, priority
                  FROM location WHERE active ORDER BY id""")
                .map(rows -> {
                    List<Location> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(map(row));
                    }
                    return result;
                });
    }

    private static Location map(Row row) {
        long key = row.getLong("id");
        return new Location(Location.globalId(key), row.getString("code"), row.getString("name"),
                LocationType.valueOf(row.getString("type")),
                new Address(row.getString("address_line1"), row.getString("address_line2"), row.getString("city"),
                        row.getString("postal_code"), row.getString("region"), row.getString("country_code")),
                new GeoPoint(row.getDouble("latitude"), row.getDouble("longitude")),
                row.getString("phone"), row.getString("opening_hours"), key, row.getInteger("priority"));
    }
}
