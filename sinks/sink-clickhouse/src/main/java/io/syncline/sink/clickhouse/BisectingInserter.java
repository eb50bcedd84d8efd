package io.syncline.sink.clickhouse;

import io.syncline.sink.clickhouse.TableRows.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts rows as one PreparedStatement batch (a single INSERT ... VALUES request). ClickHouse
 * takes or refuses an insert as a whole, so when it refuses one for a data error the rows are
 * split in halves and each half inserted again, down to the single rows at fault: with one bad
 * row in n, about 2·log2(n) extra inserts. Rows of a half that went in before its sibling failed
 * stay: inserting them again later is harmless, the ReplacingMergeTree keeps one row per key and
 * version. Any other error ends the insert and propagates.
 */
final class BisectingInserter {
    private final Connection connection;

    BisectingInserter(Connection connection) {
        this.connection = connection;
    }

    /**
     * @return the rows ClickHouse refused for a data error, by batch index, each with its error
     * @throws SQLException for every error that is not about the data (network, schema, access)
     */
    Map<Integer, SQLException> insert(String sql, List<Row> rows) throws SQLException {
        Map<Integer, SQLException> refused = new HashMap<>();
        insert(sql, rows, refused);
        return refused;
    }

    private void insert(String sql, List<Row> rows, Map<Integer, SQLException> refused) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            execute(sql, rows);
        } catch (SQLException e) {
            if (!ClickHouseErrors.isData(e)) {
                throw e;
            }
            if (rows.size() == 1) {
                refused.put(rows.get(0).batchIndex(), e);
                return;
            }
            int half = rows.size() / 2;
            insert(sql, rows.subList(0, half), refused);
            insert(sql, rows.subList(half, rows.size()), refused);
        }
    }

    private void execute(String sql, List<Row> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Row row : rows) {
                List<Object> values = row.values();
                for (int i = 0; i < values.size(); i++) {
                    insert.setObject(i + 1, values.get(i));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
