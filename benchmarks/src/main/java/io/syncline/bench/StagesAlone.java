package io.syncline.bench;

import io.syncline.cdc.CapturePhase;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.PipelineRoles;
import io.syncline.daemon.PipelineRuntime;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * S: Syncline's stages one at a time, each with the machine to itself, over one backlog: the capture
 * alone ({@code --role capture}) snapshots the table and streams one UPDATE into the change topic; then
 * the view stage alone ({@code --role views}) turns that backlog into view records; then each sink alone
 * ({@code --role sink:NAME}) writes the view topic into its store; then the three sinks at once
 * ({@code --role sink}), into emptied stores from the topic's start again, which is issue 13's "all three
 * together, limited only by the slowest store" without the capture and views. In C every stage competes with the
 * others for the two cores; here each stage's rate and CPU per item are its own, next to Debezium alone
 * (A) and the raw driver writes (B) of the same round. The capture is timed from its
 * {@code PipelineRuntime.start}, as A is from its engine's; the views and each sink from their first
 * record to their last, as B is from its first write (their start, mostly the consumer group's
 * join, would otherwise weigh more than the work: a sink drains the backlog in seconds). The CPU
 * per item counts from the start, so start-up is in it.
 */
final class StagesAlone {
    private static final Duration COUNTER_POLL = Duration.ofMillis(20);
    /** Lets the view stage's last transaction commit before it closes (its commit interval is 100 ms). */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Map<BenchPipeline.Store, Metric> SINKS = Map.of(
            BenchPipeline.Store.ELASTICSEARCH, Metric.S_ELASTICSEARCH,
            BenchPipeline.Store.MONGODB, Metric.S_MONGODB,
            BenchPipeline.Store.CLICKHOUSE, Metric.S_CLICKHOUSE);

    /** The rates and the CPU per item, under the same metrics. */
    record Result(Map<Metric, Measurement> measurements, Map<Metric, CpuCost> cpu) {
    }

    private final StoreClients clients;
    private final Duration timeout;
    private final CpuSampler cpu;

    StagesAlone(StoreClients clients, Duration timeout, CpuSampler cpu) {
        this.clients = clients;
        this.timeout = timeout;
        this.cpu = cpu;
    }

    Result run(BenchPipeline pipeline, OrdersTable table, int rows, int changes) throws Exception {
        PipelineSpec spec = pipeline.spec();
        Map<Metric, Measurement> measured = new EnumMap<>(Metric.class);
        Map<Metric, CpuCost> cpuCosts = new EnumMap<>(Metric.class);
        try {
            capture(spec, table, rows, changes, measured, cpuCosts);
            long records = rows + (long) changes;
            CpuSampler.Totals before = cpu.totals();
            try (PipelineRuntime views = PipelineRuntime.start(spec, PipelineRoles.parse(List.of(PipelineRoles.VIEWS)))) {
                measured.put(Metric.S_VIEWS, drain(views, "views", records, () -> views.views().metrics().documents()));
                cpuCosts.put(Metric.S_VIEWS, CpuCost.between(before, cpu.totals(), records));
                Thread.sleep(SETTLE.toMillis());
            }
            for (BenchPipeline.Store store : BenchPipeline.Store.values()) {
                Metric metric = SINKS.get(store);
                before = cpu.totals();
                try (PipelineRuntime sink = PipelineRuntime.start(spec,
                        PipelineRoles.parse(List.of(PipelineRoles.SINK + ":" + store.sinkName())))) {
                    measured.put(metric, drain(sink, store.sinkName(), records,
                            () -> processed(sink, store.sinkName())));
                    cpuCosts.put(metric, CpuCost.between(before, cpu.totals(), records));
                }
            }
            sinksTogether(pipeline, records, measured, cpuCosts);
            return new Result(measured, cpuCosts);
        } finally {
            table.db().dropReplication(spec.source().slot(), spec.source().publication());
            StoreCleanup.drop(clients, pipeline.elasticsearchIndex(BenchPipeline.VIEW), pipeline.mongoDatabase(),
                    pipeline.clickhouseTable(BenchPipeline.VIEW));
        }
    }

    /** The capture alone: the snapshot timed from its start, then one UPDATE of {@code changes} rows timed from its commit. */
    private void capture(PipelineSpec spec, OrdersTable table, int rows, int changes, Map<Metric, Measurement> measured,
                         Map<Metric, CpuCost> cpuCosts) throws Exception {
        CpuSampler.Totals before = cpu.totals();
        long start = System.nanoTime();
        try (PipelineRuntime capture = PipelineRuntime.start(spec, PipelineRoles.parse(List.of(PipelineRoles.CAPTURE)))) {
            measured.put(Metric.S_CAPTURE_SNAPSHOT, await(capture, start, "capture snapshot", rows,
                    () -> capture.capture().status().recordsSent()));
            cpuCosts.put(Metric.S_CAPTURE_SNAPSHOT, CpuCost.between(before, cpu.totals(), rows));
            new Convergence(timeout, capture::failure).await(System.nanoTime(), List.of(new Convergence.Probe(
                    "capture streaming", 1, () -> capture.capture().status().phase() == CapturePhase.STREAMING ? 1 : 0,
                    COUNTER_POLL)));
            long sentBefore = capture.capture().status().recordsSent();
            before = cpu.totals();
            table.markFirst(changes);
            long committed = System.nanoTime();
            measured.put(Metric.S_CAPTURE_STREAM, await(capture, committed, "capture stream", changes,
                    () -> capture.capture().status().recordsSent() - sentBefore));
            cpuCosts.put(Metric.S_CAPTURE_STREAM, CpuCost.between(before, cpu.totals(), changes));
        }
    }

    /**
     * The three sinks in one process, as {@code --role sink} runs them: the stores emptied and the sinks'
     * consumer groups deleted first, so they write the same backlog as each did alone; from the first
     * record any sink settled until the last sink settled its last.
     */
    private void sinksTogether(BenchPipeline pipeline, long records, Map<Metric, Measurement> measured,
                               Map<Metric, CpuCost> cpuCosts) throws Exception {
        StoreCleanup.drop(clients, pipeline.elasticsearchIndex(BenchPipeline.VIEW), pipeline.mongoDatabase(),
                pipeline.clickhouseTable(BenchPipeline.VIEW));
        try (SinkGroups groups = new SinkGroups(pipeline.endpoints().kafka().bootstrapServers(), pipeline.name())) {
            groups.delete(timeout);
        }
        List<String> sinks = Arrays.stream(BenchPipeline.Store.values()).map(BenchPipeline.Store::sinkName).toList();
        CpuSampler.Totals before = cpu.totals();
        try (PipelineRuntime runtime = PipelineRuntime.start(pipeline.spec(), PipelineRoles.parse(List.of(PipelineRoles.SINK)))) {
            await(runtime, System.nanoTime(), "sinks: first", 1,
                    () -> sinks.stream().mapToLong(sink -> processed(runtime, sink)).max().orElseThrow());
            measured.put(Metric.S_SINKS_TOGETHER, await(runtime, System.nanoTime(), "sinks", records,
                    () -> sinks.stream().mapToLong(sink -> processed(runtime, sink)).min().orElseThrow()));
            cpuCosts.put(Metric.S_SINKS_TOGETHER, CpuCost.between(before, cpu.totals(), records));
        }
    }

    /** Records the sink is done with: written, or found stale (an older version of a document in the same backlog). */
    private static long processed(PipelineRuntime runtime, String sink) {
        var metrics = runtime.sinks().get(sink).metrics();
        return metrics.recordsWritten() + metrics.recordsStale();
    }

    /** From the first item counted (polled every 20 ms, so up to that much late) until {@code target}. */
    private Measurement drain(PipelineRuntime runtime, String name, long target, Convergence.Count count) throws Exception {
        await(runtime, System.nanoTime(), name + ": first", 1, count);
        return await(runtime, System.nanoTime(), name, target, count);
    }

    private Measurement await(PipelineRuntime runtime, long startNanos, String name, long target, Convergence.Count count)
            throws Exception {
        return new Convergence(timeout, runtime::failure).await(startNanos,
                List.of(new Convergence.Probe(name, target, count, COUNTER_POLL))).get(name);
    }
}
