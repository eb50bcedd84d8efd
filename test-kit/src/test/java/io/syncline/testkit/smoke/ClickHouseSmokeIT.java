package io.syncline.testkit.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.RealServices;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ClickHouse through clickhouse-jdbc: a ReplacingMergeTree(version, deleted) table, a batch insert
 * with newer versions and deletes, and SELECT ... FINAL returning the current state with exact types.
 */
@RealServices
class ClickHouseSmokeIT {
    private static final int ROWS = 2_000;
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 21, 10, 15, 30, 123_456_000, ZoneOffset.UTC);

    @Test
    void replacingMergeTreeKeepsTheNewestVersionAndDropsDeletedRows(ClickHouseEndpoint clickhouse) throws Exception {
        String table = "smoke_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = clickhouse.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id UInt64, name String, price Decimal(10,2), "
                    + "ts DateTime64(6,'UTC'), u UUID, tags Array(String), note Nullable(String), "
                    + "_version UInt64, _deleted UInt8) "
                    + "ENGINE = ReplacingMergeTree(_version, _deleted) ORDER BY id");

            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                    + " (id, name, price, ts, u, tags, note, _version, _deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int id = 0; id < ROWS; id++) {
                    addRow(insert, id, "v1-" + id, 1, 0);
                }
                // In the same batch: newer versions for even ids, an older (stale) one for id 1,
                // and a delete for every tenth id.
                for (int id = 0; id < ROWS; id += 2) {
                    addRow(insert, id, "v2-" + id, 2, 0);
                }
                addRow(insert, 1, "stale", 0, 0);
                for (int id = 0; id < ROWS; id += 10) {
                    addRow(insert, id, "gone", 3, 1);
                }
                int[] counts = insert.executeBatch();
                assertThat(counts).hasSize(ROWS + ROWS / 2 + 1 + ROWS / 10);
            }

            try (ResultSet rs = s.executeQuery("SELECT count() FROM " + table + " FINAL")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(ROWS - ROWS / 10);
            }
            try (ResultSet rs = s.executeQuery("SELECT id, name, price, ts, u, tags, note, _version FROM "
                    + table + " FINAL WHERE id IN (1, 2, 3) ORDER BY id")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    long id = rs.getLong("id");
                    names.add(rs.getString("name"));
                    assertThat(rs.getBigDecimal("price")).isEqualByComparingTo(price(id));
                    assertThat(rs.getObject("ts", OffsetDateTime.class).toInstant()).isEqualTo(T0.plusNanos(id * 1_000).toInstant());
                    assertThat(rs.getObject("u", UUID.class)).isEqualTo(uuid(id));
                    Array tags = rs.getArray("tags");
                    assertThat((Object[]) tags.getArray()).containsExactly("t" + id, "común");
                    assertThat(rs.getString("note")).isEqualTo(id % 3 == 0 ? null : "note " + id);
                }
                assertThat(names).containsExactly("v1-1", "v2-2", "v1-3");
            }

            s.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS region LowCardinality(String) DEFAULT 'eu'");
            try (ResultSet rs = s.executeQuery("SELECT region FROM " + table + " FINAL WHERE id = 3")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("eu");
            }
            assertThatThrownBy(() -> s.executeQuery("SELECT no_such_column FROM " + table))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no_such_column");
            s.execute("DROP TABLE " + table);
        }
    }

    private static void addRow(PreparedStatement insert, long id, String name, long version, int deleted)
            throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, name);
        insert.setBigDecimal(3, price(id));
        insert.setObject(4, T0.plusNanos(id * 1_000));
        insert.setObject(5, uuid(id));
        insert.setArray(6, insert.getConnection().createArrayOf("String", new String[] {"t" + id, "común"}));
        insert.setString(7, id % 3 == 0 ? null : "note " + id);
        insert.setLong(8, version);
        insert.setInt(9, deleted);
        insert.addBatch();
    }

    private static BigDecimal price(long id) {
        return new BigDecimal("12345678.01").add(BigDecimal.valueOf(id, 2));
    }

    private static UUID uuid(long id) {
        return new UUID(0x1234_5678_9abc_def0L, id);
    }
}
