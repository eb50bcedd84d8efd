package io.syncline.bench;

/**
 * The rows of the CPU tables: who spent the CPU time of a measured phase. Syncline's own stages
 * first, then the in-process test services, the harness, the JVM's own threads, and the servers
 * that run as child processes. In phase A the capture row is Debezium alone (its engine and the
 * harness's no-op consumer); in phase B the harness row is the raw writer; in phase K the capture row
 * is Debezium's source connector on Kafka Connect (its task and producer) and the MongoDB sink row
 * the mongo-kafka connector's tasks, consumers and driver.
 */
enum CpuStage {
    CAPTURE(Group.SYNCLINE, "capture: Debezium, the capture loop, its Kafka clients, the slot monitor"),
    VIEWS(Group.SYNCLINE, "views: Kafka Streams threads and clients, RocksDB's native threads"),
    SINK_ELASTICSEARCH(Group.SYNCLINE, "sink → Elasticsearch: runner, lanes, Kafka clients, REST client I/O"),
    SINK_MONGODB(Group.SYNCLINE, "sink → MongoDB: runner, lanes (driver I/O), Kafka clients, driver monitors"),
    SINK_CLICKHOUSE(Group.SYNCLINE, "sink → ClickHouse: runner, lanes (clickhouse-jdbc), Kafka clients"),
    SYNCLINE_OTHER(Group.SYNCLINE, "Syncline, other: HTTP endpoint (metrics scrapes), schema watcher"),
    CONNECT_WORKER(Group.SYNCLINE, "Kafka Connect worker (K): herder, its executors, source offset committer"),
    KAFKA_BROKER(Group.TEST_SERVICES, "in-process Kafka broker (test infrastructure)"),
    MONGODB_ENDPOINT(Group.TEST_SERVICES, "in-process MongoDB endpoint, mongo-java-server (test infrastructure)"),
    HARNESS(Group.HARNESS, "harness: main thread (A's consumer hand-off, B's raw writes), store counts, samplers, scraper"),
    GARBAGE_COLLECTION(Group.JVM, "JVM: garbage collection (the collector's threads)"),
    JVM(Group.JVM, "JVM: JIT compilers, VM threads"),
    OTHER_THREADS(Group.JVM, "other JVM threads (JDK and library pools)"),
    UNATTRIBUTED(Group.JVM, "JVM: threads that ended between two samples, rounding"),
    POSTGRESQL(Group.PROCESSES, "PostgreSQL: server and backends (process)"),
    ELASTICSEARCH(Group.PROCESSES, "Elasticsearch: server (process)"),
    CLICKHOUSE(Group.PROCESSES, "ClickHouse: chDB engine in Node (process)"),
    OTHER_PROCESSES(Group.PROCESSES, "other child processes (the test kit's watchdogs)");

    /** Whose CPU a stage is. */
    enum Group {
        SYNCLINE, TEST_SERVICES, HARNESS, JVM, PROCESSES
    }

    private final Group group;
    private final String label;

    CpuStage(Group group, String label) {
        this.group = group;
        this.label = label;
    }

    Group group() {
        return group;
    }

    String label() {
        return label;
    }
}
