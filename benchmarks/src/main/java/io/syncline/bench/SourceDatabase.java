package io.syncline.bench;

import io.syncline.testkit.PostgresEndpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The benchmark's PostgreSQL database: statements, and clean-up of what the measurements leave behind. */
record SourceDatabase(PostgresEndpoint endpoint) {

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
        execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'",
                "DROP PUBLICATION IF EXISTS " + publication);
    }
}
