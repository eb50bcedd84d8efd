package io.syncline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Baseline B for ClickHouse: the rows Syncline would insert, into the table it would create
 * (ReplacingMergeTree(_version, _deleted)), as clickhouse-jdbc PreparedStatement batches of the
 * pipeline's batch size, one at a time.
 */
final class RawClickHouseWrite {
    private static final String COLUMNS = "id, order_uid, status, total, placed_at, details, note, _version, _deleted, _source_ts";

    private RawClickHouseWrite() {
    }

    static Measurement run(StoreClients clients, String table, List<OrderRow> rows, int batchSize) throws SQLException {
        try (Connection c = clients.clickhouse()) {
            try (Statement s = c.createStatement()) {
                s.execute(createTable(table));
            }
            List<Object[]> values = rows.stream().map(RawClickHouseWrite::values).toList();
            long start = System.nanoTime();
            for (List<Object[]> chunk : RawValues.chunks(values, batchSize)) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO `" + table + "` (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Object[] row : chunk) {
                        for (int i = 0; i < row.length; i++) {
                            insert.setObject(i + 1, row[i]);
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            return Measurement.since(start, rows.size());
        }
    }

    /** The table TableDdl generates for this view. */
    private static String createTable(String table) {
        return "CREATE TABLE `" + table + "` (`id` Int64, `order_uid` UUID, `status` String, `total` Decimal(10, 2),"
                + " `placed_at` DateTime64(6, 'UTC'), `details` Nullable(String), `note` Nullable(String),"
                + " `_version` UInt64, `_deleted` UInt8, `_source_ts` DateTime64(3, 'UTC'))"
                + " ENGINE = ReplacingMergeTree(`_version`, `_deleted`) ORDER BY (`id`)";
    }

    private static Object[] values(OrderRow row) {
        return new Object[] {row.id(), row.orderUid(), row.status(), row.total(),
                RawValues.clickhouseMicros(row.placedAt()), row.details(), row.note(), 1L, 0,
                RawValues.clickhouseMillis(row.placedAt())};
    }
}
