package io.syncline.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL source: connection, the logical replication slot and publication Syncline owns,
 * the captured tables ({@code schema.table}), the snapshot mode, the heartbeat interval, and
 * advanced Debezium properties passed through as they are.
 */
public record SourceSpec(PostgresSpec postgres, String slot, String publication, List<TableName> tables,
                         SnapshotMode snapshot, Duration heartbeatInterval, Map<String, String> debezium) {
}
