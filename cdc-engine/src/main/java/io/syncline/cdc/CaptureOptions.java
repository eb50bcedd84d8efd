package io.syncline.cdc;

import io.syncline.config.KafkaSpec;
import io.syncline.config.PipelineSpec;
import io.syncline.config.PostgresSpec;
import io.syncline.config.SnapshotMode;
import io.syncline.config.SourceSpec;
import io.syncline.config.TableName;
import io.syncline.view.Topics;
import io.syncline.view.Versions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the capture needs at run time, built from the pipeline spec by {@link #from} or directly
 * (tests).
 *
 * @param name            the pipeline's name: with the generation, Debezium's engine name ({@link #engineName()})
 * @param heartbeatSchema the schema holding {@value #HEARTBEAT_TABLE}
 * @param stateDir        where the file offset store lives ({@link OffsetStorage#FILE})
 * @param debezium        advanced Debezium properties, applied last (they override Syncline's)
 * @param requirements    what the pipeline file asks of the tables (places, consents, view keys), for the preflight
 * @param messageKeys     the columns that key the change events of tables without a primary key
 *                        ({@link MessageKeys}; empty until the preflight has read the tables)
 * @param generation      the source's generation, sent with every change ({@link Versions#GENERATION_HEADER})
 */
public record CaptureOptions(String name, PostgresSpec postgres, String slot, String publication,
                             List<TableName> tables, SnapshotMode snapshotMode, String heartbeatSchema,
                             Duration heartbeatInterval, KafkaTarget kafka, OffsetStorage offsetStorage,
                             Path stateDir, CaptureTuning tuning, Map<String, String> debezium,
                             SourceRequirements requirements, Map<TableName, List<String>> messageKeys, int generation) {

    /** The table the heartbeat query writes to, so idle databases still advance the slot. */
    public static final String HEARTBEAT_TABLE = "syncline_heartbeat";
    /**
     * Debezium's signalling table: {@code syncline backfill} asks for an incremental snapshot by
     * inserting a row, and Debezium writes each chunk's watermarks there.
     */
    public static final String SIGNAL_TABLE = "syncline_signal";
    private static final String NOTIFICATIONS_SUFFIX = ".syncline.notifications";

    public CaptureOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(publication, "publication");
        Objects.requireNonNull(snapshotMode, "snapshotMode");
        Objects.requireNonNull(heartbeatSchema, "heartbeatSchema");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(offsetStorage, "offsetStorage");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(requirements, "requirements");
        tables = List.copyOf(tables);
        debezium = Map.copyOf(debezium);
        messageKeys = Map.copyOf(messageKeys);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no tables to capture");
        }
        Versions.checkGeneration(generation);
    }

    /**
     * The options of a pipeline. Offsets go to the Kafka offsets topic when the spec names a Kafka
     * cluster, and to a file in the state directory when Syncline runs its embedded broker.
     *
     * @param bootstrapServers the cluster to write to: the spec's, or the embedded broker's
     */
    public static CaptureOptions from(PipelineSpec pipeline, String bootstrapServers) {
        SourceSpec source = pipeline.source();
        KafkaSpec kafka = pipeline.kafka();
        return new CaptureOptions(pipeline.name(), source.postgres(), source.slot(), source.publication(),
                source.tables(), source.snapshot(), source.tables().get(0).schema(), source.heartbeatInterval(),
                new KafkaTarget(bootstrapServers, kafka.topicPrefix(), kafka.partitions(),
                        kafka.replicationFactor(), kafka.properties()),
                kafka.embedded() ? OffsetStorage.FILE : OffsetStorage.KAFKA_TOPIC,
                Path.of(pipeline.stateDir()), CaptureTuning.DEFAULTS, source.debezium(), SourceRequirements.of(pipeline),
                Map.of(), source.generation());
    }

    public TableName heartbeatTable() {
        return new TableName(heartbeatSchema, HEARTBEAT_TABLE);
    }

    public TableName signalTable() {
        return new TableName(heartbeatSchema, SIGNAL_TABLE);
    }

    /** The signal table of a pipeline: in the schema of its first table, beside the heartbeat table. */
    public static TableName signalTable(PipelineSpec pipeline) {
        return new TableName(pipeline.source().tables().get(0).schema(), SIGNAL_TABLE);
    }

    /** The notifications topic of a pipeline ({@link #notificationsTopic()}). */
    public static String notificationsTopic(PipelineSpec pipeline) {
        return pipeline.kafka().topicPrefix() + NOTIFICATIONS_SUFFIX;
    }

    /** The captured tables, the heartbeat and the signal table: what the publication and Debezium include. */
    public List<TableName> publishedTables() {
        List<TableName> published = new ArrayList<>(tables);
        for (TableName own : List.of(heartbeatTable(), signalTable())) {
            if (!published.contains(own)) {
                published.add(own);
            }
        }
        return published;
    }

    /** Where Debezium's notifications go (snapshot and backfill progress): {@code <prefix>.syncline.notifications}. */
    public String notificationsTopic() {
        return kafka.topicPrefix() + NOTIFICATIONS_SUFFIX;
    }

    public String changeTopic(TableName table) {
        return Topics.changeTopic(kafka.topicPrefix(), table.schema(), table.table());
    }

    /**
     * Debezium's engine name, part of every stored offset's key: the pipeline's name, and from
     * generation 1 on also the generation, so a new generation starts without offsets (with a snapshot).
     */
    public String engineName() {
        return generation == 0 ? name : name + "-g" + generation;
    }

    public String offsetsTopic() {
        return kafka.topicPrefix() + ".syncline.offsets";
    }

    public Path offsetsFile() {
        return stateDir.resolve("offsets.dat");
    }

    public CaptureOptions withOffsetStorage(OffsetStorage storage) {
        return new CaptureOptions(name, postgres, slot, publication, tables, snapshotMode, heartbeatSchema,
                heartbeatInterval, kafka, storage, stateDir, tuning, debezium, requirements, messageKeys, generation);
    }

    public CaptureOptions withSnapshotMode(SnapshotMode mode) {
        return new CaptureOptions(name, postgres, slot, publication, tables, mode, heartbeatSchema,
                heartbeatInterval, kafka, offsetStorage, stateDir, tuning, debezium, requirements, messageKeys, generation);
    }

    public CaptureOptions withTuning(CaptureTuning newTuning) {
        return new CaptureOptions(name, postgres, slot, publication, tables, snapshotMode, heartbeatSchema,
                heartbeatInterval, kafka, offsetStorage, stateDir, newTuning, debezium, requirements, messageKeys, generation);
    }

    public CaptureOptions withKafka(KafkaTarget target) {
        return new CaptureOptions(name, postgres, slot, publication, tables, snapshotMode, heartbeatSchema,
                heartbeatInterval, target, offsetStorage, stateDir, tuning, debezium, requirements, messageKeys, generation);
    }

    public CaptureOptions withRequirements(SourceRequirements newRequirements) {
        return new CaptureOptions(name, postgres, slot, publication, tables, snapshotMode, heartbeatSchema,
                heartbeatInterval, kafka, offsetStorage, stateDir, tuning, debezium, newRequirements, messageKeys, generation);
    }

    public CaptureOptions withMessageKeys(Map<TableName, List<String>> keys) {
        return new CaptureOptions(name, postgres, slot, publication, tables, snapshotMode, heartbeatSchema,
                heartbeatInterval, kafka, offsetStorage, stateDir, tuning, debezium, requirements, keys, generation);
    }

    public CaptureOptions withGeneration(int newGeneration) {
        return new CaptureOptions(name, postgres, slot, publication, tables, snapshotMode, heartbeatSchema,
                heartbeatInterval, kafka, offsetStorage, stateDir, tuning, debezium, requirements, messageKeys, newGeneration);
    }

    /** Where offsets are stored between runs. */
    public enum OffsetStorage {
        /** {@code <prefix>.syncline.offsets}, a compacted topic in the pipeline's Kafka cluster. */
        KAFKA_TOPIC,
        /** {@code <stateDir>/offsets.dat}: with the embedded broker, whose data lives in the state dir too. */
        FILE
    }

    /**
     * The Kafka cluster change topics go to.
     *
     * @param clientProperties extra client properties (security, timeouts, ...) for the producer, the
     *                         admin client and the offset store's clients
     */
    public record KafkaTarget(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor,
                              Map<String, String> clientProperties) {
        public KafkaTarget {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topicPrefix, "topicPrefix");
            clientProperties = Map.copyOf(clientProperties);
        }
    }
}
