package com.omnichannel.gateway.platform.db;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * The positions of a result's columns by name, found once per result. The client finds a column by name with a scan
 * over the row's column descriptions, comparing names, for every value read: for wide rows read by name (50 columns
 * in a row of the order history's union) that scan was most of the cost of mapping them, and 5 % of the CPU of an
 * order history. Mappers read by position with the positions found here.
 */
public final class Columns {

    private final Map<String, Integer> positions;

    private Columns(Map<String, Integer> positions) {
        this.positions = positions;
    }

    public static Columns of(RowSet<Row> rows) {
        List<String> names = rows.columnsNames() == null ? List.of() : rows.columnsNames();
        Map<String, Integer> positions = new HashMap<>(names.size() * 2);
        for (int i = names.size() - 1; i >= 0; i--) {
            // The first of two equal names wins, as by-name reads do.
            positions.put(names.get(i), i);
        }
        return new Columns(positions);
    }

    /** The position of a column, as {@link Row#getValue(int)} and the typed getters take it. */
    public int at(String name) {
        Integer position = positions.get(name);
        if (position == null) {
            throw new NoSuchElementException("Column " + name + " does not exist");
        }
        return position;
    }
}
