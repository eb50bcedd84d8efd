package io.syncline.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL source: connection, the logical replication slot and publication Syncline owns,
 * the captured tables ({@code schema.table}), the snapshot mode, the heartbeat interval, advanced
 * Debezium properties passed through as they are, and the source's generation (the high bits of
 * every view version, {@code io.syncline.view.Versions}).
 */
public record SourceSpec(PostgresSpec postgres, String slot, String publication, List<TableName> tables,
                         SnapshotMode snapshot, Duration heartbeatInterval, Map<String, String> debezium,
                         int generation) {

    /** Debezium properties under secret-like keys (e.g. {@code database.password}) are masked. */
    @Override
    public String toString() {
        return "SourceSpec[postgres=" + postgres + ", slot=" + slot + ", publication=" + publication + ", tables=" + tables
                + ", snapshot=" + snapshot + ", heartbeatInterval=" + heartbeatInterval
                + ", debezium=" + Redaction.masked(debezium) + ", generation=" + generation + "]";
    }
}
