package io.syncline.cdc;

import io.syncline.config.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's estimate of each table's rows ({@code pg_class.reltuples}), read once when capture
 * starts: the total a snapshot's progress is measured against. Counting the rows would scan every
 * table; the estimate is as fresh as the table's last VACUUM or ANALYZE.
 */
final class RowEstimates {
    private RowEstimates() {
    }

    /** Per table, the estimate; -1 when PostgreSQL has none (never analyzed) or the table is not found. */
    static Map<TableName, Long> read(Connection connection, List<TableName> tables) throws SQLException {
        Map<TableName, Long> estimates = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.reltuples::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            for (TableName table : tables) {
                query.setString(1, table.schema());
                query.setString(2, table.table());
                try (ResultSet row = query.executeQuery()) {
                    estimates.put(table, row.next() ? Math.max(-1, row.getLong(1)) : -1L);
                }
            }
        }
        return estimates;
    }
}
