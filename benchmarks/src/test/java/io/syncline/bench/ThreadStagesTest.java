package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadStagesTest {
    private final ThreadStages stages = new ThreadStages(BenchPipeline.Store.cpuStages());

    @Test
    void syncline_s_threadsAndKafkaClientsAreTheirStage() {
        assertThat(stages.javaThread("debezium-postgresconnector-bench_r1_abc-change-event-source-coordinator", false))
                .isEqualTo(CpuStage.CAPTURE);
        assertThat(stages.javaThread("syncline-capture-bench_r1_abc", false)).isEqualTo(CpuStage.CAPTURE);
        assertThat(stages.javaThread("kafka-producer-network-thread | syncline-bench_r1_abc-capture", false))
                .isEqualTo(CpuStage.CAPTURE);
        assertThat(stages.javaThread("syncline.bench_r1_abc.views-1b2c-StreamThread-1", false)).isEqualTo(CpuStage.VIEWS);
        assertThat(stages.javaThread("kafka-producer-network-thread | syncline.bench_r1_abc.views-1b2c-StreamThread-1-producer",
                false)).isEqualTo(CpuStage.VIEWS);
        assertThat(stages.javaThread("syncline-sink-search", false)).isEqualTo(CpuStage.SINK_ELASTICSEARCH);
        assertThat(stages.javaThread("syncline-sink-documents-lane-1", false)).isEqualTo(CpuStage.SINK_MONGODB);
        assertThat(stages.javaThread("kafka-coordinator-heartbeat-thread | syncline.bench_r1_abc.sink.analytics", false))
                .isEqualTo(CpuStage.SINK_CLICKHOUSE);
        assertThat(stages.javaThread("elasticsearch-rest-client-1-thread-2", false)).isEqualTo(CpuStage.SINK_ELASTICSEARCH);
        assertThat(stages.javaThread("syncline-http-1", false)).isEqualTo(CpuStage.SYNCLINE_OTHER);
        assertThat(stages.javaThread("HTTP-Dispatcher", false)).isEqualTo(CpuStage.SYNCLINE_OTHER);
        assertThat(stages.javaThread("kafka-producer-network-thread | debezium-serveroffsets", false))
                .isEqualTo(CpuStage.CAPTURE);
    }

    @Test
    void testServicesAndTheHarnessAreApart() {
        assertThat(stages.javaThread("data-plane-kafka-request-handler-0", true)).isEqualTo(CpuStage.KAFKA_BROKER);
        assertThat(stages.javaThread("TxnMarkerSenderThread-0", false)).isEqualTo(CpuStage.KAFKA_BROKER);
        assertThat(stages.javaThread("mongo-server-worker3", false)).isEqualTo(CpuStage.MONGODB_ENDPOINT);
        assertThat(stages.javaThread("main", true)).isEqualTo(CpuStage.HARNESS);
        // The harness's own MongoDB client was there before the run: its monitor is not the sink's.
        assertThat(stages.javaThread("cluster-ClusterId{value='6b15'}-127.0.0.1:27017", true)).isEqualTo(CpuStage.HARNESS);
        assertThat(stages.javaThread("cluster-ClusterId{value='6b16'}-127.0.0.1:27017", false)).isEqualTo(CpuStage.SINK_MONGODB);
        assertThat(stages.javaThread("bench-metrics-scraper", false)).isEqualTo(CpuStage.HARNESS);
        assertThat(stages.javaThread("pool-3-thread-1", false)).isEqualTo(CpuStage.OTHER_THREADS);
    }

    @Test
    void kafkaConnectsThreadsAreTheirConnectorsStage() {
        assertThat(stages.javaThread("task-thread-k-debezium-bench_k_r1_abc-0", false)).isEqualTo(CpuStage.CAPTURE);
        assertThat(stages.javaThread("kafka-producer-network-thread | connector-producer-k-debezium-bench_k_r1_abc-0", false))
                .isEqualTo(CpuStage.CAPTURE);
        assertThat(stages.javaThread("task-thread-k-mongodb-bench_k_r1_abc-2", false)).isEqualTo(CpuStage.SINK_MONGODB);
        assertThat(stages.javaThread("kafka-coordinator-heartbeat-thread | connect-k-mongodb-bench_k_r1_abc", false))
                .isEqualTo(CpuStage.SINK_MONGODB);
        assertThat(stages.javaThread("SourceTaskOffsetCommitter-1", false)).isEqualTo(CpuStage.CONNECT_WORKER);
        StackTraceElement sinkTask = new StackTraceElement("org.apache.kafka.connect.runtime.WorkerSinkTask", "poll", null, 1);
        assertThat(ThreadStages.fromStack(new StackTraceElement[] {sinkTask})).contains(CpuStage.SINK_MONGODB);
        StackTraceElement herder = new StackTraceElement("org.apache.kafka.connect.runtime.standalone.StandaloneHerder",
                "startConnector", null, 1);
        assertThat(ThreadStages.fromStack(new StackTraceElement[] {herder})).contains(CpuStage.CONNECT_WORKER);
    }

    @Test
    void unnamedPoolThreadsAreKnownByWhatTheyRun() {
        assertThat(ThreadStages.unnamed("pool-12-thread-3")).isTrue();
        assertThat(ThreadStages.unnamed("Thread-7")).isTrue();
        assertThat(ThreadStages.unnamed("syncline-sink-search")).isFalse();
        StackTraceElement pool = new StackTraceElement("java.util.concurrent.ThreadPoolExecutor", "runWorker", null, 1);
        StackTraceElement debezium = new StackTraceElement("io.debezium.embedded.async.ProcessingCallables", "call", null, 1);

        assertThat(ThreadStages.fromStack(new StackTraceElement[] {debezium, pool})).contains(CpuStage.CAPTURE);
        assertThat(ThreadStages.fromStack(new StackTraceElement[] {pool})).isEmpty();
    }

    @Test
    void nativeThreadsAndChildProcesses() {
        assertThat(ThreadStages.nativeThread("rocksdb:low")).contains(CpuStage.VIEWS);
        assertThat(ThreadStages.nativeThread("GC Thread#1")).contains(CpuStage.GARBAGE_COLLECTION);
        assertThat(ThreadStages.nativeThread("G1 Conc#0")).contains(CpuStage.GARBAGE_COLLECTION);
        assertThat(ThreadStages.nativeThread("C2 CompilerThre")).contains(CpuStage.JVM);
        assertThat(ThreadStages.nativeThread("kafka-producer-")).isEmpty();
        assertThat(ThreadStages.childProcess("/usr/lib/postgresql/15/bin/postgres -D /tmp/data -p 5432"))
                .isEqualTo(CpuStage.POSTGRESQL);
        assertThat(ThreadStages.childProcess("node /cache/chdb-front/chdb-http-front.mjs --port 1")).isEqualTo(CpuStage.CLICKHOUSE);
        assertThat(ThreadStages.childProcess("java -Dcli.script=/cache/elasticsearch-8/bin/elasticsearch"))
                .isEqualTo(CpuStage.ELASTICSEARCH);
        assertThat(ThreadStages.childProcess("sh -c while kill -0 1 2>/dev/null; do sleep 1; done; rm -rf '/tmp/postgres'"))
                .isEqualTo(CpuStage.OTHER_PROCESSES);
    }

    @Test
    void aStatLineIsReadAfterTheLastParenthesis(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 12 34 5 6 20 0 1 0 777 0 0\n");

        CpuSampler.ProcStat read = CpuSampler.ProcStat.read(stat);

        assertThat(read.comm()).isEqualTo("a (b) c");
        assertThat(read.ownTicks()).isEqualTo(46);
        assertThat(read.ticksWithReapedChildren()).isEqualTo(57);
        assertThat(read.startTime()).isEqualTo(777);
    }
}
