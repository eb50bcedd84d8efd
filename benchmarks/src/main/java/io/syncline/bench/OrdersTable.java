package io.syncline.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A table shaped like the shop's orders (bigint id, uuid, status text, numeric(10,2), timestamptz,
 * jsonb, text), filled with deterministic rows whose status is {@value #INITIAL_STATUS}. The streamed
 * changes set the status of the first rows to {@value #MARKER}, so a store reflects them all when it
 * holds that many documents with the marker.
 */
record OrdersTable(SourceDatabase db, String name) {
    static final String SCHEMA = "public";
    static final String INITIAL_STATUS = "new";
    static final String MARKER = "shipped";

    void createAndFill(int rows) throws SQLException {
        db.execute("DROP TABLE IF EXISTS " + name,
                "CREATE TABLE " + name + " (id bigint PRIMARY KEY, order_uid uuid NOT NULL, status text NOT NULL,"
                        + " total numeric(10,2) NOT NULL, placed_at timestamptz NOT NULL, details jsonb, note text)",
                "INSERT INTO " + name + " SELECT i, md5('order-' || i)::uuid, '" + INITIAL_STATUS + "',"
                        + " (i % 100000) / 100.0,"
                        + " timestamptz '2026-01-01 00:00:00+00' - i * interval '1 second' - (i % 1000) * interval '1 microsecond',"
                        + " jsonb_build_object('channel', (ARRAY['web', 'app', 'store'])[i % 3 + 1], 'items', i % 7 + 1,"
                        + " 'address', jsonb_build_object('city', 'City ' || (i % 500), 'zip', lpad((i % 99999)::text, 5, '0'))),"
                        + " 'order note ' || i || ' ' || repeat('x', 60)"
                        + " FROM generate_series(1, " + rows + ") i",
                "VACUUM ANALYZE " + name);
    }

    /** One UPDATE of the rows with id 1..changes, committed when this returns. */
    void markFirst(int changes) throws SQLException {
        db.execute("UPDATE " + name + " SET status = '" + MARKER + "' WHERE id <= " + changes);
    }

    /** One UPDATE setting {@code status} on the rows with id 1..rows, committed when this returns. */
    void setStatusOfFirst(int rows, String status) throws SQLException {
        db.execute("UPDATE " + name + " SET status = '" + status.replace("'", "''") + "' WHERE id <= " + rows);
    }

    /**
     * L's column: the sequence number of the change that last wrote the row (null until then). A
     * bigint, so every sink stores a number a range query can use: Elasticsearch maps it as
     * {@code long}, ClickHouse as {@code Nullable(Int64)}, MongoDB as Int64.
     */
    void addSequenceColumn() throws SQLException {
        db.execute("ALTER TABLE " + name + " ADD COLUMN seq bigint");
    }

    /** L's change: the rows with id in [?, ?] get {@code seq = id}, so change k writes sequence number k. */
    String sequenceUpdate() {
        return "UPDATE " + name + " SET seq = id WHERE id BETWEEN ? AND ?";
    }

    /** H's change: the rows with id in [?, ?] get status ?. */
    String statusUpdate() {
        return "UPDATE " + name + " SET status = ? WHERE id BETWEEN ? AND ?";
    }

    List<OrderRow> readAll() throws SQLException {
        List<OrderRow> rows = new ArrayList<>();
        try (Connection c = db.endpoint().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, order_uid, status, total, placed_at, details, note FROM "
                     + name + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(new OrderRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getBigDecimal(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getString(7)));
            }
        }
        return rows;
    }

    void drop() throws SQLException {
        db.execute("DROP TABLE IF EXISTS " + name);
    }
}
