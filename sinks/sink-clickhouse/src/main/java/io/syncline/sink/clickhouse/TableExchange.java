package io.syncline.sink.clickhouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Puts a rebuilt table in place of a view's table: {@code EXCHANGE TABLES live AND fresh} swaps
 * the two names in one metadata change, so queries of the live name read the old rows or the
 * rebuilt ones, never a missing or empty table; then the other name, now holding the old rows, is
 * dropped. An insert already under way into the old table finishes there (an Atomic database drops
 * a table once nothing uses it). EXCHANGE needs an Atomic database (the default since ClickHouse
 * 20.10; also Replicated); an Ordinary one is refused before anything is built.
 */
final class TableExchange {
    private final Connection connection;
    private final String database;

    TableExchange(Connection connection, String database) {
        this.connection = connection;
        this.database = database;
    }

    /** Why the database cannot exchange tables, if it cannot. */
    Optional<String> refusal() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT engine FROM system.databases WHERE name = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next() && rows.getString(1).equals("Ordinary")) {
                    return Optional.of("refused: database " + database + " has the Ordinary engine, which cannot EXCHANGE"
                            + " tables; a RENAME would leave the table missing for a moment");
                }
            }
        }
        return Optional.empty();
    }

    void exchange(String live, String fresh) throws SQLException {
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            throw new IllegalStateException(refusal.get());
        }
        execute("EXCHANGE TABLES " + TableDdl.qualified(database, live) + " AND " + TableDdl.qualified(database, fresh));
        drop(fresh);
    }

    void drop(String table) throws SQLException {
        execute("DROP TABLE IF EXISTS " + TableDdl.qualified(database, table));
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
