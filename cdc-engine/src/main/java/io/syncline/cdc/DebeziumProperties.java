package io.syncline.cdc;

import io.syncline.config.ExcludedColumn;
import io.syncline.config.TableName;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Debezium engine configuration of a capture. Public so the benchmark's Debezium-alone
 * baseline runs with exactly these settings.
 */
public final class DebeziumProperties {
    /** Debezium's own heartbeat records go to {@code __debezium-heartbeat.<topic.prefix>}. */
    static final String HEARTBEAT_TOPIC_PREFIX = "__debezium-heartbeat";
    /** Rows per backfill chunk (Debezium's incremental snapshot chunk), read in one query and held in memory. */
    public static final int BACKFILL_CHUNK_ROWS = 4096;

    private DebeziumProperties() {
    }

    public static Properties of(CaptureOptions options) {
        Properties p = new Properties();
        p.setProperty("name", options.engineName());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("database.hostname", options.postgres().host());
        p.setProperty("database.port", Integer.toString(options.postgres().port()));
        p.setProperty("database.dbname", options.postgres().database());
        p.setProperty("database.user", options.postgres().user());
        if (options.postgres().password() != null && options.postgres().password().value() != null) {
            p.setProperty("database.password", options.postgres().password().value());
        }
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", options.slot());
        p.setProperty("publication.name", options.publication());
        // SourcePreflight creates and extends the publication; see there why.
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", includeList(options));
        if (!options.requirements().excludedColumns().isEmpty()) {
            p.setProperty("column.exclude.list", excludeList(options.requirements().excludedColumns()));
        }
        if (!options.messageKeys().isEmpty()) {
            p.setProperty("message.key.columns", MessageKeys.debeziumProperty(options.messageKeys()));
        }
        p.setProperty("topic.prefix", options.kafka().topicPrefix());
        p.setProperty("snapshot.mode", options.snapshotMode().debeziumName());

        // Values as the view model reads them: exact decimals, microsecond times, ISO intervals.
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("interval.handling.mode", "string");
        p.setProperty("binary.handling.mode", "base64");
        p.setProperty("tombstones.on.delete", "true");
        // Debezium's default "t" drops truncates silently; every view decides what one does (onTruncate).
        p.setProperty("skipped.operations", "none");
        // Puts each column's type, length and scale into the value schema's parameters (not into the
        // JSON), so that the schema fingerprint also changes for varchar(n) → varchar(m) and numeric(p,s) → (q,t).
        p.setProperty("column.propagate.source.type", ".*");

        // Backfills: incremental snapshots asked for through the signal table, whose chunks Debezium
        // deduplicates against the stream with watermarks written there (insert_delete keeps it small).
        p.setProperty("signal.enabled.channels", "source");
        p.setProperty("signal.data.collection", DebeziumTableIds.of(options.signalTable()));
        p.setProperty("incremental.snapshot.chunk.size", Integer.toString(BACKFILL_CHUNK_ROWS));
        p.setProperty("incremental.snapshot.watermarking.strategy", "insert_delete");
        // Snapshot and backfill progress as records on the notifications topic, for syncline backfill to follow.
        p.setProperty("notification.enabled.channels", "sink");
        p.setProperty("notification.sink.topic.name", options.notificationsTopic());

        if (!options.heartbeatInterval().isZero()) {
            p.setProperty("heartbeat.interval.ms", Long.toString(options.heartbeatInterval().toMillis()));
            p.setProperty("heartbeat.action.query", "INSERT INTO " + Sql.table(options.heartbeatTable())
                    + " (id, ts) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET ts = EXCLUDED.ts");
        }

        CaptureTuning tuning = options.tuning();
        p.setProperty("poll.interval.ms", Long.toString(tuning.pollInterval().toMillis()));
        p.setProperty("max.batch.size", Integer.toString(tuning.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(tuning.maxQueueSize()));
        p.setProperty("offset.flush.interval.ms", Long.toString(tuning.offsetFlushInterval().toMillis()));

        p.setProperty("key.converter.schemas.enable", "false");
        p.setProperty("value.converter.schemas.enable", "false");

        offsetStorage(options, p);
        p.putAll(options.debezium());
        return p;
    }

    private static void offsetStorage(CaptureOptions options, Properties p) {
        switch (options.offsetStorage()) {
            case FILE -> {
                p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
                p.setProperty("offset.storage.file.filename", options.offsetsFile().toString());
            }
            case KAFKA_TOPIC -> {
                // The offset store's own producer, consumer and admin client read these from the top level.
                p.putAll(options.kafka().clientProperties());
                p.setProperty("bootstrap.servers", options.kafka().bootstrapServers());
                p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
                p.setProperty("offset.storage.topic", options.offsetsTopic());
                p.setProperty("offset.storage.partitions", "1");
                p.setProperty("offset.storage.replication.factor",
                        Short.toString(options.kafka().replicationFactor()));
            }
        }
    }

    /** Debezium reads each entry as a regular expression over {@code schema.table}. */
    private static String includeList(CaptureOptions options) {
        return options.publishedTables().stream()
                .map(DebeziumProperties::exactly)
                .collect(Collectors.joining(","));
    }

    /** Debezium reads each entry as a regular expression over {@code schema.table.column}. */
    static String excludeList(List<ExcludedColumn> columns) {
        return columns.stream()
                .map(column -> exactly(column.table()) + "\\." + literal(column.column()))
                .collect(Collectors.joining(","));
    }

    private static String exactly(TableName table) {
        return literal(table.schema()) + "\\." + literal(table.table());
    }

    /**
     * A regular expression matching exactly {@code name}. Debezium splits its lists at every comma, also
     * inside {@code \Q...\E}, so a comma in a name is written {@code \x2c} between quoted parts.
     */
    private static String literal(String name) {
        return Arrays.stream(name.split(",", -1)).map(Pattern::quote).collect(Collectors.joining("\\x2c"));
    }

    static String heartbeatTopic(CaptureOptions options) {
        return HEARTBEAT_TOPIC_PREFIX + "." + options.kafka().topicPrefix();
    }
}
