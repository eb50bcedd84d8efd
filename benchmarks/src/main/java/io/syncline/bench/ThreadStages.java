package io.syncline.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which {@link CpuStage} a thread or child process belongs to, by its name: the names Syncline,
 * Debezium, Kafka's clients and broker, the drivers and the JVM give their threads, and the command
 * lines of the test kit's servers. A name none of them matches is {@link CpuStage#OTHER_THREADS}
 * (the sampler lists the busiest of those, so a new thread name gets noticed).
 */
final class ThreadStages {
    /** Kafka clients name their threads "<role> | <client id or group>". */
    private static final String CLIENT_SEPARATOR = " | ";
    /** The in-process broker's (KafkaClusterTestKit: broker, controller, coordinators, raft) thread names. */
    private static final List<String> BROKER_PREFIXES = List.of("data-plane-", "kafka-scheduler", "ExpirationReaper",
            "group-coordinator", "controller-", "broker-", "kafka-cluster-test-kit", "share-", "transaction-", "raft-",
            "quorum-", "kafka-0-", "kafka-log-cleaner", "persister-", "PersisterStateManager", "network-partition",
            "executor-", "client-metrics", "LogDirFailureHandler", "TxnMarkerSender", "AddPartitionsToTxn",
            "metrics-meter-tick", "kafka-request-handler", "kafka-network-thread", "ReplicaFetcher", "remote-",
            "LogCleaner", "feature-zk", "BufferPoolPruner", "idle-timeout-task");
    /** Native threads of the JVM itself that Java's thread bean does not list: the collector's, and the others. */
    private static final Pattern GC_NATIVE = Pattern.compile("GC Thread#.*|G1 .*");
    private static final Pattern JVM_NATIVE = Pattern.compile(
            "VM Thread|VM Periodic Tas.*|C[12] CompilerThre.*|Sweeper thread|Monitor Deflati.*|Service Thread|JFR Thread Samp.*");

    /**
     * Executors' and threads' default names: whose thread it is shows only in what it runs
     * (Debezium's engine runs its task and record processing in such pools).
     */
    private static final Pattern UNNAMED_POOL = Pattern.compile("pool-\\d+-thread-\\d+|Thread-\\d+");

    private final Map<String, CpuStage> sinks;

    /** @param sinks the pipeline's sink names and the stage each one is */
    ThreadStages(Map<String, CpuStage> sinks) {
        this.sinks = Map.copyOf(sinks);
    }

    /**
     * A Java thread's stage.
     *
     * @param beforeRun whether the thread was alive when the sampler started (before any phase): then
     *                  it is the test services' or the harness's (its store clients, say), never a stage's
     */
    CpuStage javaThread(String name, boolean beforeRun) {
        if (name.startsWith("mongo-server-")) {
            return CpuStage.MONGODB_ENDPOINT;
        }
        if (BROKER_PREFIXES.stream().anyMatch(name::startsWith)) {
            return CpuStage.KAFKA_BROKER;
        }
        if (beforeRun) {
            return CpuStage.HARNESS;
        }
        // K's connectors: their task threads ("task-thread-<connector>-N") and Kafka clients
        // ("connector-producer-<connector>-N", "connector-consumer-…") carry the connector's name.
        if (name.contains(DebeziumKafkaConnect.SOURCE_PREFIX)) {
            return CpuStage.CAPTURE;
        }
        if (name.contains(DebeziumKafkaConnect.SINK_PREFIX)) {
            return CpuStage.SINK_MONGODB;
        }
        if (name.startsWith("SourceTaskOffsetCommitter") || name.startsWith("StandaloneHerder")) {
            return CpuStage.CONNECT_WORKER;
        }
        int separator = name.indexOf(CLIENT_SEPARATOR);
        if (separator >= 0) {
            Optional<CpuStage> client = kafkaClient(name.substring(separator + CLIENT_SEPARATOR.length()));
            if (client.isPresent()) {
                return client.get();
            }
        }
        Optional<CpuStage> sink = sink(name);
        if (sink.isPresent()) {
            return sink.get();
        }
        if (name.contains(".views-")) {
            return CpuStage.VIEWS;
        }
        if (name.startsWith("debezium-") || name.startsWith("syncline-capture-") || name.startsWith("syncline-slot-monitor")
                || name.startsWith("KafkaBasedLog")) {
            return CpuStage.CAPTURE;
        }
        // The JDK's HTTP server names its dispatcher so; in this JVM only the daemon's endpoint runs one.
        if (name.startsWith("syncline-") || name.equals("HTTP-Dispatcher")) {
            return CpuStage.SYNCLINE_OTHER;
        }
        if (name.startsWith("elasticsearch-rest-client") || name.startsWith("I/O dispatcher")) {
            return CpuStage.SINK_ELASTICSEARCH;
        }
        if (name.startsWith("cluster-") || name.startsWith("MaintenanceTimer")) {
            return CpuStage.SINK_MONGODB;
        }
        if (name.startsWith("bench-") || name.startsWith("convergence-probe") || name.equals("heap-sampler")) {
            return CpuStage.HARNESS;
        }
        return CpuStage.OTHER_THREADS;
    }

    /** A thread whose name says nothing ({@link #UNNAMED_POOL}), to be known by its stack instead ({@link #fromStack}). */
    static boolean unnamed(String name) {
        return UNNAMED_POOL.matcher(name).matches();
    }

    /**
     * An unnamed pool thread's stage by the code it runs, or empty while its stack shows none of
     * it (an idle pool thread waits in the JDK's code only).
     */
    static Optional<CpuStage> fromStack(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (type.startsWith("io.debezium.") || type.startsWith("io.syncline.cdc.")
                    || type.startsWith("org.apache.kafka.connect.runtime.AbstractWorkerSourceTask")) {
                return Optional.of(CpuStage.CAPTURE);
            }
            // K's sink connector: Connect runs its tasks in a pool, naming the thread only once the task runs.
            if (type.startsWith("com.mongodb.kafka.") || type.startsWith("org.apache.kafka.connect.runtime.WorkerSinkTask")) {
                return Optional.of(CpuStage.SINK_MONGODB);
            }
            if (type.startsWith("org.apache.kafka.streams.") || type.startsWith("io.syncline.processors.")) {
                return Optional.of(CpuStage.VIEWS);
            }
            if (type.startsWith("io.syncline.bench.")) {
                return Optional.of(CpuStage.HARNESS);
            }
        }
        // Only when no connector's code shows: the standalone herder's request executor and the
        // worker's pool, running Connect's own work (starting connectors, configuring tasks).
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("org.apache.kafka.connect.runtime.")) {
                return Optional.of(CpuStage.CONNECT_WORKER);
            }
        }
        return Optional.empty();
    }

    /**
     * Capture's clients are "syncline-<pipeline>-…" (Debezium's own, for the offsets it keeps in
     * Kafka, "debezium-…"), the view stage's "syncline.<pipeline>.views…", a sink's "syncline.<pipeline>.sink.<name>…".
     */
    private Optional<CpuStage> kafkaClient(String client) {
        if (client.startsWith("syncline-") || client.startsWith("debezium-")) {
            return Optional.of(CpuStage.CAPTURE);
        }
        if (client.contains(".views")) {
            return Optional.of(CpuStage.VIEWS);
        }
        return sink(client);
    }

    /** A sink runner's threads ("syncline-sink-<name>", "…-lane-N") and its Kafka clients ("….sink.<name>…"). */
    private Optional<CpuStage> sink(String name) {
        for (Map.Entry<String, CpuStage> sink : sinks.entrySet()) {
            String runner = "syncline-sink-" + sink.getKey();
            if (name.equals(runner) || name.startsWith(runner + "-") || name.contains(".sink." + sink.getKey())) {
                return Optional.of(sink.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * A native thread of this JVM (its 15-character {@code comm}) that the thread bean does not
     * list, or empty when it is (or may be) a Java thread, counted through the bean.
     */
    static Optional<CpuStage> nativeThread(String comm) {
        if (comm.startsWith("rocksdb:")) {
            return Optional.of(CpuStage.VIEWS);
        }
        if (GC_NATIVE.matcher(comm).matches()) {
            return Optional.of(CpuStage.GARBAGE_COLLECTION);
        }
        return JVM_NATIVE.matcher(comm).matches() ? Optional.of(CpuStage.JVM) : Optional.empty();
    }

    /** A child process of this JVM (a server the test kit started, with its children), by its command line. */
    static CpuStage childProcess(String commandLine) {
        if (commandLine.contains("while kill -0")) {
            return CpuStage.OTHER_PROCESSES;
        }
        if (commandLine.contains("chdb-http-front")) {
            return CpuStage.CLICKHOUSE;
        }
        if (commandLine.contains("elasticsearch")) {
            return CpuStage.ELASTICSEARCH;
        }
        if (commandLine.contains("postgres")) {
            return CpuStage.POSTGRESQL;
        }
        return CpuStage.OTHER_PROCESSES;
    }
}
