package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.JsonByteArray;
import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.nio.file.Files;
import java.sql.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the capture next to Debezium alone: an initial snapshot of {@value #ROWS} rows and
 * {@value #CHANGES} streamed changes (one UPDATE), once into a consumer that only marks records processed,
 * once through Syncline into Kafka. Prints a table; asserts every record arrived exactly once.
 *
 * <p>{@code -Dsyncline.bench.rounds=n} repeats the measurement (the first round runs on a cold JVM);
 * {@code -Dsyncline.bench.batchSizes=2048,8192} compares batch sizes within each round.
 */
@RealServices
class CaptureThroughputIT {
    private static final int ROWS = 100_000;
    private static final int CHANGES = 50_000;
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final TableName TABLE = new TableName("public", "bench_orders");

    private static PostgresEndpoint server;
    private static PostgresEndpoint db;
    private static KafkaEndpoint kafka;
    @TempDir
    static Path stateDir;

    @BeforeAll
    static void fillTable(PostgresEndpoint pg, KafkaEndpoint k) throws Exception {
        server = pg;
        kafka = k;
        db = pg.createDatabase("cdc_throughput");
        Fixtures.execute(db, """
                CREATE TABLE bench_orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL,
                    total numeric(10,2) NOT NULL, placed_at timestamptz NOT NULL, note text)""",
                "INSERT INTO bench_orders SELECT i, i % 5000, 'new', (i % 100000) / 100.0,"
                        + " now() - i * interval '1 second', repeat('note ', 20) FROM generate_series(1, " + ROWS + ") i",
                "VACUUM ANALYZE bench_orders");
    }

    @AfterAll
    static void dropSlots() throws Exception {
        Fixtures.dropSlots(server, "bench_");
    }

    @Test
    void measuresSnapshotAndStreamingNextToDebeziumAlone() throws Exception {
        int rounds = Integer.getInteger("syncline.bench.rounds", 1);
        StringBuilder table = new StringBuilder();
        for (int round = 1; round <= rounds; round++) {
            for (CaptureTuning tuning : tunings()) {
                String run = "round " + round + ", batch " + tuning.maxBatchSize() + "/" + tuning.maxQueueSize();
                String suffix = round + "_" + tuning.maxBatchSize();
                Rates debezium = measureDebeziumAlone(options("bench_noop_" + suffix, tuning));
                Rates syncline = measureSyncline(options("bench_kafka_" + suffix, tuning));
                // The server has 16 slots; every run made one.
                Fixtures.dropSlots(server, "bench_");
                table.append(debezium.row(run + ": Debezium into a no-op consumer")).append('\n')
                        .append(syncline.row(run + ": Syncline into Kafka (acks=all)")).append('\n');
            }
        }
        System.out.printf(Locale.ROOT, "%n[cdc-engine throughput]%n"
                        + "| run | snapshot %,d rows | rows/s | stream %,d changes | changes/s |%n"
                        + "| --- | --- | --- | --- | --- |%n%s%n", ROWS, CHANGES, table);
    }

    private Rates measureDebeziumAlone(CaptureOptions options) throws Exception {
        AtomicLong processed = new AtomicLong();
        try (Connection connection = PostgresConnections.open(options.postgres())) {
            new SourcePreflight(connection).prepare(options);
        }
        Files.createDirectories(options.stateDir());
        DebeziumEngine.ChangeConsumer<ChangeEvent<byte[], byte[]>> noop = (records, committer) -> {
            for (ChangeEvent<byte[], byte[]> record : records) {
                committer.markProcessed(record);
                // Only the table's own events: not heartbeats, nor Debezium's notifications.
                if (record.destination().equals(options.changeTopic(TABLE))) {
                    processed.incrementAndGet();
                }
            }
            committer.markBatchFinished();
        };
        ExecutorService runner = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        try (DebeziumEngine<ChangeEvent<byte[], byte[]>> engine = DebeziumEngine.create(JsonByteArray.class)
                .using(DebeziumProperties.of(options)).notifying(noop).build()) {
            runner.execute(engine);
            return measure(start, processed::get);
        } finally {
            runner.shutdown();
            runner.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private Rates measureSyncline(CaptureOptions options) throws Exception {
        long start = System.nanoTime();
        try (CaptureEngine capture = CaptureEngine.start(options)) {
            AtomicBoolean snapshotSeen = new AtomicBoolean();
            Rates rates = measure(start, () -> {
                CaptureStatus status = capture.status();
                snapshotSeen.compareAndSet(false, status.snapshotRunning());
                return status.recordsSent();
            });
            assertThat(capture.failure()).isEmpty();
            assertThat(snapshotSeen).as("the status showed the snapshot running").isTrue();
            assertThat(capture.status().phase()).isEqualTo(CapturePhase.STREAMING);
            return rates;
        } finally {
            try (TopicReader reader = new TopicReader(kafka)) {
                assertThat(reader.endOffsetSum(options.changeTopic(TABLE))).as("every record exactly once")
                        .isEqualTo(ROWS + CHANGES);
            }
        }
    }

    /** Times the snapshot (from start, slot creation included) and one UPDATE of {@value #CHANGES} rows (from its commit). */
    private static Rates measure(long start, LongSupplier delivered) throws Exception {
        awaitCount(delivered, ROWS);
        double snapshotSeconds = seconds(start);
        Fixtures.execute(db, "UPDATE bench_orders SET total = total + 1 WHERE id <= " + CHANGES);
        long streamStart = System.nanoTime();
        awaitCount(delivered, ROWS + CHANGES);
        double streamSeconds = seconds(streamStart);
        Thread.sleep(500);
        assertThat(delivered.getAsLong()).as("nothing delivered twice").isEqualTo(ROWS + CHANGES);
        return new Rates(snapshotSeconds, streamSeconds);
    }

    private static void awaitCount(LongSupplier delivered, long count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (delivered.getAsLong() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + delivered.getAsLong() + " of " + count + " records within " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private CaptureOptions options(String name, CaptureTuning tuning) {
        return Fixtures.options(name, db, kafka, List.of(TABLE), stateDir.resolve(name)).withTuning(tuning);
    }

    /** The defaults, or one tuning per {@code -Dsyncline.bench.batchSizes=2048,8192} entry (queue: four batches). */
    private static List<CaptureTuning> tunings() {
        CaptureTuning d = CaptureTuning.DEFAULTS;
        String sizes = System.getProperty("syncline.bench.batchSizes");
        if (sizes == null || sizes.isBlank()) {
            return List.of(d);
        }
        return Arrays.stream(sizes.split(",")).map(String::trim).map(Integer::parseInt)
                .map(batch -> new CaptureTuning(batch, 4 * batch, d.pollInterval(), d.offsetFlushInterval(),
                        d.changeTopicRetention()))
                .toList();
    }

    private record Rates(double snapshotSeconds, double streamSeconds) {
        String row(String run) {
            return String.format(Locale.ROOT, "| %s | %.2f s | %,.0f | %.2f s | %,.0f |", run, snapshotSeconds,
                    ROWS / snapshotSeconds, streamSeconds, CHANGES / streamSeconds);
        }
    }
}
