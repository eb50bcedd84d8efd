package io.syncline.bench;

import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.DebeziumProperties;
import io.syncline.cdc.SourcePreflight;
import io.syncline.config.TableName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * K: what users compare Syncline with, Debezium and a sink connector on Kafka Connect, doing C's job
 * for MongoDB. One standalone worker ({@link KafkaConnectWorker}) runs the Debezium PostgreSQL
 * source connector with the capture's connector configuration (as A does) and MongoDB's own sink
 * connector (mongo-kafka) with its Debezium handler for PostgreSQL, writing into a database of its
 * own. (a) Snapshot: from creating the change topic and the connectors until MongoDB holds every
 * row; (b) stream: C's one UPDATE, from its commit until MongoDB holds that many documents with the
 * marker. The worker's start (plugin scanning) is not timed: a Connect deployment is a running
 * worker that connectors are added to.
 */
final class DebeziumKafkaConnect {
    private static final Logger LOG = LoggerFactory.getLogger(DebeziumKafkaConnect.class);
    /** Connector names: the CPU sampler knows the Connect threads and clients of each by them. */
    static final String SOURCE_PREFIX = "k-debezium-";
    static final String SINK_PREFIX = "k-mongodb-";
    private static final String COLLECTION = "orders";
    /** As Syncline's topics (BenchPipeline: partitions 3); the sink runs a task per partition. */
    private static final int PARTITIONS = 3;
    /** The embedded engine's settings that a Connect worker holds instead of the connector. */
    private static final Set<String> ENGINE_ONLY = Set.of("name", "offset.storage", "offset.storage.file.filename",
            "offset.flush.interval.ms");

    /** What was measured, what it cost in CPU, and how the worker and connectors ran. */
    record Result(Map<Metric, Measurement> measurements, Map<Metric, CpuCost> cpu, String status) {
    }

    private final Endpoints endpoints;
    private final StoreClients clients;
    private final StoreCounts counts;
    private final Duration timeout;
    private final Duration storePoll;
    private final CpuSampler cpu;

    DebeziumKafkaConnect(Endpoints endpoints, StoreClients clients, Duration timeout, Duration storePoll, CpuSampler cpu) {
        this.endpoints = endpoints;
        this.clients = clients;
        this.counts = new StoreCounts(clients);
        this.timeout = timeout;
        this.storePoll = storePoll;
        this.cpu = cpu;
    }

    /** @param name the slot's, publication's, topics' and MongoDB database's name */
    Result run(OrdersTable table, String name, Path stateDir, int rows, int changes) throws Exception {
        CaptureOptions options = DebeziumAlone.captureOptions(table, name, stateDir);
        try (Connection connection = table.db().endpoint().connect()) {
            new SourcePreflight(connection).prepare(options);
        }
        Files.createDirectories(stateDir);
        String topic = options.changeTopic(new TableName(OrdersTable.SCHEMA, table.name()));
        String source = SOURCE_PREFIX + name;
        String sink = SINK_PREFIX + name;
        Path offsetsFile = stateDir.resolve("connect.offsets");
        Map<Metric, Measurement> results = new EnumMap<>(Metric.class);
        Map<Metric, CpuCost> cpuCosts = new EnumMap<>(Metric.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafka().bootstrapServers()))) {
            try (KafkaConnectWorker worker = new KafkaConnectWorker(endpoints.kafka().bootstrapServers(), offsetsFile)) {
                Convergence convergence = new Convergence(timeout, () -> worker.failure(source, sink));
                CpuSampler.Totals cpuAtStart = cpu.totals();
                long start = System.nanoTime();
                // Created first, so that the sink's consumers find it when they subscribe.
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
                worker.create(sink, sinkConfig(topic, name));
                worker.create(source, sourceConfig(options));
                results.put(Metric.K_SNAPSHOT_MONGODB, await(convergence, start, rows, name, null));
                cpuCosts.put(Metric.K_SNAPSHOT_MONGODB, CpuCost.between(cpuAtStart, cpu.totals(), rows));

                CpuSampler.Totals cpuBeforeUpdate = cpu.totals();
                table.markFirst(changes);
                long committed = System.nanoTime();
                results.put(Metric.K_STREAM_MONGODB, await(convergence, committed, changes, name, OrdersTable.MARKER));
                cpuCosts.put(Metric.K_STREAM_MONGODB, CpuCost.between(cpuBeforeUpdate, cpu.totals(), changes));
                String status = String.format(Locale.ROOT, "worker started in %.1f s (not timed); Debezium source, 1 task; "
                        + "mongo-kafka sink, %d tasks, PostgresHandler; topic of %d partitions", worker.startSeconds(),
                        PARTITIONS, PARTITIONS);
                return new Result(results, cpuCosts, status);
            } finally {
                table.db().dropReplication(options.slot(), options.publication());
                deleteTopics(admin, name);
                StoreCleanup.dropMongoDatabase(clients, name);
                Files.deleteIfExists(offsetsFile);
            }
        }
    }

    private Measurement await(Convergence convergence, long start, long target, String database, String status)
            throws Exception {
        return convergence.await(start, List.of(new Convergence.Probe("MongoDB (Kafka Connect)", target,
                counts.mongodb(database, COLLECTION, status), storePoll))).values().iterator().next();
    }

    /** The capture's Debezium configuration as a connector's (the worker keeps offsets and converters). */
    private static Map<String, String> sourceConfig(CaptureOptions options) {
        Map<String, String> config = new HashMap<>();
        DebeziumProperties.of(options).forEach((key, value) -> {
            if (!ENGINE_ONLY.contains((String) key)) {
                config.put((String) key, (String) value);
            }
        });
        config.put("tasks.max", "1");
        // Debezium's other topics (heartbeats, notifications) as Connect creates topics for a source.
        config.put("topic.creation.default.partitions", Integer.toString(PARTITIONS));
        config.put("topic.creation.default.replication.factor", "1");
        return config;
    }

    /**
     * The sink the way MongoDB documents it for Debezium's PostgreSQL events: the CDC handler turns
     * snapshot reads and inserts into upserting replaces, updates into replaces and deletes into
     * deletes, keyed {@code _id: {id: …}} by the event's key. Schemaless JSON from the worker's converters.
     */
    private Map<String, String> sinkConfig(String topic, String database) {
        return Map.of(
                "connector.class", "com.mongodb.kafka.connect.MongoSinkConnector",
                "tasks.max", Integer.toString(PARTITIONS),
                "topics", topic,
                "connection.uri", endpoints.mongodb().connectionString(),
                "database", database,
                "collection", COLLECTION,
                "change.data.capture.handler", "com.mongodb.kafka.connect.sink.cdc.debezium.rdbms.postgres.PostgresHandler");
    }

    /** The change topic and Debezium's heartbeat and notifications topics: every topic carrying the name. */
    private static void deleteTopics(Admin admin, String name) {
        try {
            List<String> topics = admin.listTopics().names().get().stream().filter(t -> t.contains(name)).toList();
            admin.deleteTopics(topics).all().get();
        } catch (Exception e) {
            LOG.warn("could not delete the topics of {}: {}", name, e.toString());
        }
    }
}
