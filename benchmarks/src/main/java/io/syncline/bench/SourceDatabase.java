package io.syncline.bench;

import io.syncline.testkit.PostgresEndpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The benchmark's PostgreSQL database: statements, and clean-up of what the measurements leave behind. */
record SourceDatabase(PostgresEndpoint endpoint) {
    /** How long a dropped capture's walsender may keep its slot active. */
    private static final Duration SLOT_RELEASE = Duration.ofSeconds(30);

    static SourceDatabase create(PostgresEndpoint server, String name) throws SQLException {
        return new SourceDatabase(server.createDatabase(name));
    }

    OrdersTable table(String name) {
        return new OrdersTable(this, name);
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The first column of the first row of a query: a count. */
    long queryLong(String sql) throws SQLException {
        try (Connection c = endpoint.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** Drops the slot and publication a capture made: slots outlive their users and hold WAL back. */
    void dropReplication(String slot, String publication) throws SQLException {
        String where = " FROM pg_replication_slots WHERE slot_name = '" + slot + "'";
        // A stopped connector's walsender may still hold the slot for a moment (Kafka Connect stops
        // its tasks asynchronously): end it, and retry while PostgreSQL still sees the slot active.
        long deadline = System.nanoTime() + SLOT_RELEASE.toNanos();
        while (true) {
            try {
                execute("SELECT pg_terminate_backend(active_pid)" + where + " AND active_pid IS NOT NULL",
                        "SELECT pg_drop_replication_slot(slot_name)" + where);
                break;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep();
            }
        }
        execute("DROP PUBLICATION IF EXISTS " + publication);
    }

    private static void sleep() throws SQLException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a replication slot to be released", e);
        }
    }
}
