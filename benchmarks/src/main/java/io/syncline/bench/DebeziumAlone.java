package io.syncline.bench;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.JsonByteArray;
import io.syncline.cdc.DebeziumProperties;
import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.CaptureTuning;
import io.syncline.cdc.SourcePreflight;
import io.syncline.cdc.SourceRequirements;
import io.syncline.config.PostgresSpec;
import io.syncline.config.Secret;
import io.syncline.config.SnapshotMode;
import io.syncline.config.TableName;
import io.syncline.testkit.PostgresEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Baseline A: the embedded Debezium PostgreSQL connector (pgoutput) with exactly the capture's
 * connector configuration, into a consumer that only marks records processed. The snapshot is timed
 * from the engine's start (slot creation included, as for Syncline); the stream from the commit of
 * one UPDATE of {@code changes} rows until the consumer has seen them all. Offsets go to a file:
 * Debezium alone, no Kafka.
 */
final class DebeziumAlone {
    private final Duration timeout;
    private final CpuSampler cpu;

    DebeziumAlone(Duration timeout, CpuSampler cpu) {
        this.timeout = timeout;
        this.cpu = cpu;
    }

    /** Measures the snapshot and the stream, and puts what each cost in CPU into {@code cpuCosts}. */
    Map<Metric, Measurement> run(OrdersTable table, String name, Path stateDir, int rows, int changes,
                                 Map<Metric, CpuCost> cpuCosts) throws Exception {
        CaptureOptions options = captureOptions(table, name, stateDir);
        try (Connection connection = table.db().endpoint().connect()) {
            new SourcePreflight(connection).prepare(options);
        }
        Files.createDirectories(stateDir);
        String topic = options.changeTopic(new TableName(OrdersTable.SCHEMA, table.name()));
        AtomicLong received = new AtomicLong();
        DebeziumEngine.ChangeConsumer<ChangeEvent<byte[], byte[]>> noop = (records, committer) -> {
            for (ChangeEvent<byte[], byte[]> record : records) {
                // Heartbeats come through too; only the table's own events count.
                if (topic.equals(record.destination())) {
                    received.incrementAndGet();
                }
                committer.markProcessed(record);
            }
            committer.markBatchFinished();
        };
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "debezium-alone-" + name));
        Map<Metric, Measurement> results = new EnumMap<>(Metric.class);
        CpuSampler.Totals cpuAtStart = cpu.totals();
        long start = System.nanoTime();
        try (DebeziumEngine<ChangeEvent<byte[], byte[]>> engine = DebeziumEngine.create(JsonByteArray.class)
                .using(DebeziumProperties.of(options)).notifying(noop).build()) {
            runner.execute(engine);
            Convergence convergence = new Convergence(timeout, Optional::empty);
            Measurement snapshot = await(convergence, start, rows, received::get);
            if (!snapshot.complete()) {
                throw new IllegalStateException("Debezium alone delivered only " + snapshot.count() + " of " + rows
                        + " snapshot rows within " + timeout);
            }
            results.put(Metric.A_SNAPSHOT, snapshot);
            cpuCosts.put(Metric.A_SNAPSHOT, CpuCost.between(cpuAtStart, cpu.totals(), rows));
            // From before the UPDATE, as in C: PostgreSQL's row counts the statement as well as decoding it.
            CpuSampler.Totals cpuBeforeUpdate = cpu.totals();
            table.markFirst(changes);
            long committed = System.nanoTime();
            results.put(Metric.A_STREAM, await(convergence, committed, changes, () -> received.get() - rows));
            cpuCosts.put(Metric.A_STREAM, CpuCost.between(cpuBeforeUpdate, cpu.totals(), changes));
        } finally {
            runner.shutdown();
            runner.awaitTermination(1, TimeUnit.MINUTES);
            table.db().dropReplication(options.slot(), options.publication());
        }
        return results;
    }

    private static Measurement await(Convergence convergence, long start, long target, Convergence.Count received)
            throws Exception {
        return convergence.await(start, List.of(new Convergence.Probe("Debezium's no-op consumer", target,
                received, Duration.ofMillis(10)))).values().iterator().next();
    }

    /** Named like a pipeline of its own: slot {@code <name>_slot}, publication {@code <name>_pub}, topic prefix {@code <name>}. */
    static CaptureOptions captureOptions(OrdersTable table, String name, Path stateDir) {
        PostgresEndpoint db = table.db().endpoint();
        return new CaptureOptions(name, new PostgresSpec(db.host(), db.port(), db.database(), db.user(), new Secret(db.password())),
                name + "_slot", name + "_pub", List.of(new TableName(OrdersTable.SCHEMA, table.name())), SnapshotMode.INITIAL,
                OrdersTable.SCHEMA, BenchPipeline.HEARTBEAT_INTERVAL,
                new CaptureOptions.KafkaTarget("unused:9092", name, 3, (short) 1, Map.of()),
                CaptureOptions.OffsetStorage.FILE, stateDir, CaptureTuning.DEFAULTS, Map.of(), SourceRequirements.NONE, Map.of(), 0);
    }
}
