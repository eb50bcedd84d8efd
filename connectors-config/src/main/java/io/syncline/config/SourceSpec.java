package io.syncline.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PostgreSQL source: connection, the logical replication slot and publication Syncline owns,
 * the captured tables ({@code schema.table}), the snapshot mode, the heartbeat interval, advanced
 * Debezium properties passed through as they are, the REPLICA IDENTITY the user lets Syncline set
 * per table ({@code replicaIdentity}), the columns left out of capture ({@code excludedColumns}, in
 * file order), where each table is listed in the file ({@code tablePlaces}, for problems found in the
 * source later), and the source's generation (the high bits of every view version,
 * {@code io.syncline.view.Versions}), and the WAL the slot may retain ({@code walRetention}).
 */
public record SourceSpec(PostgresSpec postgres, String slot, String publication, List<TableName> tables,
                         SnapshotMode snapshot, Duration heartbeatInterval, Map<String, String> debezium,
                         Map<TableName, ReplicaIdentityConsent> replicaIdentity, List<ExcludedColumn> excludedColumns,
                         Map<TableName, SourceRef> tablePlaces, int generation, WalRetentionSpec walRetention) {

    public SourceSpec {
        excludedColumns = List.copyOf(excludedColumns);
        if (walRetention == null) {
            walRetention = WalRetentionSpec.DEFAULTS;
        }
    }

    /** Without {@code walRetention}: its defaults (no budget). */
    public SourceSpec(PostgresSpec postgres, String slot, String publication, List<TableName> tables,
                      SnapshotMode snapshot, Duration heartbeatInterval, Map<String, String> debezium,
                      Map<TableName, ReplicaIdentityConsent> replicaIdentity, List<ExcludedColumn> excludedColumns,
                      Map<TableName, SourceRef> tablePlaces, int generation) {
        this(postgres, slot, publication, tables, snapshot, heartbeatInterval, debezium, replicaIdentity, excludedColumns,
                tablePlaces, generation, WalRetentionSpec.DEFAULTS);
    }

    /** Where {@code table} is listed under {@code source.tables}. */
    public SourceRef placeOf(TableName table) {
        return tablePlaces.getOrDefault(table, SourceRef.UNKNOWN);
    }

    /** The names of {@code table}'s columns that are not captured. */
    public Set<String> excludedColumns(TableName table) {
        return ExcludedColumn.namesOf(excludedColumns, table);
    }

    /** Debezium properties under secret-like keys (e.g. {@code database.password}) are masked. */
    @Override
    public String toString() {
        return "SourceSpec[postgres=" + postgres + ", slot=" + slot + ", publication=" + publication + ", tables=" + tables
                + ", snapshot=" + snapshot + ", heartbeatInterval=" + heartbeatInterval
                + ", debezium=" + Redaction.masked(debezium) + ", replicaIdentity=" + replicaIdentity
                + ", excludedColumns=" + excludedColumns
                + ", generation=" + generation + ", walRetention=" + walRetention + "]";
    }
}
