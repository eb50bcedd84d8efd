package io.syncline.bench;

import io.syncline.cdc.BackfillSignal;
import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.CapturePhase;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SnapshotMode;
import io.syncline.config.TableName;
import io.syncline.daemon.PipelineRuntime;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * D: {@code syncline backfill} of a filled table into all three sinks. The pipeline
 * ({@link PipelineRuntime}, as in C) has {@code snapshot: no_data}, so only the backfill brings the
 * rows; once the capture streams, the backfill signal ({@link BackfillSignal}, what the command
 * writes) is committed, and the clock starts. The capture's rate is timed until the backfill's
 * COMPLETED notification; the sinks until each holds every row; the views' counter alongside.
 *
 * <p>Then E, on the same running, now idle pipeline and its filled sinks: {@code verify --deep} of
 * the view in each sink ({@link VerifyTiming}). It runs only when the backfill reached every sink;
 * the stores are dropped after it.
 */
final class SynclineBackfill {
    private static final Duration COUNTER_POLL = Duration.ofMillis(20);

    /** What was measured, the pipeline's and the backfill's own numbers at the end of D, and E's checks. */
    record Result(Map<Metric, Measurement> measurements, String status, VerifyTiming.Result verify) {
    }

    private final StoreClients clients;
    private final StoreCounts counts;
    private final Duration timeout;
    private final Duration storePoll;

    SynclineBackfill(StoreClients clients, Duration timeout, Duration storePoll) {
        this.clients = clients;
        this.counts = new StoreCounts(clients);
        this.timeout = timeout;
        this.storePoll = storePoll;
    }

    /** @param verifyStarts called between D and E (not when E is skipped): the round's phase boundary */
    Result run(BenchPipeline pipeline, OrdersTable table, int rows, Runnable verifyStarts) throws Exception {
        if (pipeline.snapshot() != SnapshotMode.NO_DATA) {
            throw new IllegalArgumentException("a backfill is measured on a pipeline without snapshot, not " + pipeline.snapshot());
        }
        PipelineSpec spec = pipeline.spec();
        BackfillSignal signal = new BackfillSignal("bench-" + UUID.randomUUID(),
                List.of(new TableName(OrdersTable.SCHEMA, table.name())), Optional.empty());
        long start = System.nanoTime();
        PipelineRuntime runtime = PipelineRuntime.start(spec);
        double startupSeconds = (System.nanoTime() - start) / 1e9;
        try (BackfillNotifications notifications = new BackfillNotifications(pipeline.endpoints().kafka().bootstrapServers(),
                CaptureOptions.notificationsTopic(spec), signal.id(), rows)) {
            new Convergence(timeout, runtime::failure).await(System.nanoTime(), List.of(new Convergence.Probe(
                    "capture streaming", 1, () -> runtime.capture().status().phase() == CapturePhase.STREAMING ? 1 : 0,
                    COUNTER_POLL)));
            long documentsBefore = runtime.views().metrics().documents();
            try (Connection connection = table.db().endpoint().connect()) {
                signal.send(connection, CaptureOptions.signalTable(spec));
            }
            long signalled = System.nanoTime();
            Convergence convergence = new Convergence(timeout, () -> runtime.failure().or(notifications::failure));
            List<Convergence.Probe> probes = new ArrayList<>(List.of(
                    new Convergence.Probe(Metric.D_BACKFILL_CAPTURE.name(), rows, notifications::rowsWhenCompleted,
                            COUNTER_POLL),
                    new Convergence.Probe(Metric.D_BACKFILL_VIEWS.name(), rows,
                            () -> runtime.views().metrics().documents() - documentsBefore, COUNTER_POLL)));
            probes.addAll(counts.view(pipeline, rows, null, storePoll, store -> "D_BACKFILL_" + store.name()));
            Map<String, Measurement> backfill = convergence.await(signalled, probes);
            Map<Metric, Measurement> results = new EnumMap<>(Metric.class);
            backfill.forEach((metric, measured) -> results.put(Metric.valueOf(metric), measured));
            results.put(Metric.D_BACKFILL_ALL, Measurement.allOf(List.of(results.get(Metric.D_BACKFILL_ELASTICSEARCH),
                    results.get(Metric.D_BACKFILL_MONGODB), results.get(Metric.D_BACKFILL_CLICKHOUSE))));
            String status = PipelineCounters.describe(runtime, startupSeconds) + "; " + notifications.describe();
            VerifyTiming.Result verify;
            Optional<String> failure = runtime.failure();
            if (failure.isPresent()) {
                verify = VerifyTiming.Result.notRun("the pipeline failed: " + failure.get());
            } else if (!results.get(Metric.D_BACKFILL_ALL).complete()) {
                verify = VerifyTiming.Result.notRun("the backfill did not reach every sink within the timeout");
            } else {
                verifyStarts.run();
                verify = new VerifyTiming(timeout).run(pipeline, spec);
            }
            results.putAll(verify.measurements());
            return new Result(results, status, verify);
        } finally {
            runtime.close();
            table.db().dropReplication(spec.source().slot(), spec.source().publication());
            StoreCleanup.drop(clients, pipeline.elasticsearchIndex(BenchPipeline.VIEW), pipeline.mongoDatabase(),
                    pipeline.clickhouseTable(BenchPipeline.VIEW));
        }
    }
}
