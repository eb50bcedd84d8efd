package io.syncline.cdc;

import io.syncline.config.PostgresSpec;
import io.syncline.config.Secret;
import io.syncline.config.SnapshotMode;
import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Options and clean-up shared by the capture tests. */
final class Fixtures {
    private Fixtures() {
    }

    static PostgresSpec postgres(PostgresEndpoint db) {
        return new PostgresSpec(db.host(), db.port(), db.database(), db.user(), new Secret(db.password()));
    }

    /**
     * Capture options named {@code name}: slot {@code <name>_slot}, publication {@code <name>_pub}, topic
     * prefix {@code <name>}, three partitions, offsets in Kafka, a one-second heartbeat.
     */
    static CaptureOptions options(String name, PostgresEndpoint db, KafkaEndpoint kafka, List<TableName> tables,
                                  Path stateDir) {
        return new CaptureOptions(name, postgres(db), name + "_slot", name + "_pub", tables, SnapshotMode.INITIAL,
                tables.get(0).schema(), Duration.ofSeconds(1),
                new CaptureOptions.KafkaTarget(kafka.bootstrapServers(), name, 3, (short) 1, Map.of()),
                CaptureOptions.OffsetStorage.KAFKA_TOPIC, stateDir, CaptureTuning.DEFAULTS, Map.of(), SourceRequirements.NONE,
                Map.of(), 0);
    }

    /** Drops the inactive slots whose names start with the prefix (slots outlive databases otherwise). */
    static void dropSlots(PostgresEndpoint server, String prefix) throws SQLException {
        try (Connection c = server.connect();
             PreparedStatement s = c.prepareStatement("SELECT pg_drop_replication_slot(slot_name)"
                     + " FROM pg_replication_slots WHERE slot_name LIKE ? AND NOT active")) {
            s.setString(1, prefix + "%");
            s.execute();
        }
    }

    static void execute(PostgresEndpoint db, String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static long currentWalLsn(PostgresEndpoint db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long queryCount(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
