package io.syncline.bench;

import io.syncline.cdc.CapturePhase;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.PipelineRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * C: the whole pipeline ({@link PipelineRuntime}: capture, views, three sink runners) over one
 * table. (a) The snapshot, timed from {@code PipelineRuntime.start} until each sink holds every row;
 * (b) one UPDATE of {@code changes} rows setting the marker status, timed from its commit until each
 * sink holds that many documents with the marker. The capture's and the views' own counters are
 * polled alongside, to show where the time goes.
 */
final class SynclineEndToEnd {
    private static final Duration COUNTER_POLL = Duration.ofMillis(20);

    /** What is polled in each phase, and the metrics it is reported under. */
    private enum Stage {
        CAPTURE(Metric.C_SNAPSHOT_CAPTURE, Metric.C_STREAM_CAPTURE),
        VIEWS(Metric.C_SNAPSHOT_VIEWS, Metric.C_STREAM_VIEWS),
        ELASTICSEARCH(Metric.C_SNAPSHOT_ELASTICSEARCH, Metric.C_STREAM_ELASTICSEARCH),
        MONGODB(Metric.C_SNAPSHOT_MONGODB, Metric.C_STREAM_MONGODB),
        CLICKHOUSE(Metric.C_SNAPSHOT_CLICKHOUSE, Metric.C_STREAM_CLICKHOUSE);

        static final List<Stage> SINKS = List.of(ELASTICSEARCH, MONGODB, CLICKHOUSE);

        private final Metric snapshot;
        private final Metric stream;

        Stage(Metric snapshot, Metric stream) {
            this.snapshot = snapshot;
            this.stream = stream;
        }
    }

    /**
     * What was measured, what it cost in CPU (under {@link Metric#C_SNAPSHOT_ALL} and
     * {@link Metric#C_STREAM_ALL}: the snapshot's rows, the stream's changes), and the pipeline's own
     * numbers at the end.
     */
    record Result(Map<Metric, Measurement> measurements, Map<Metric, CpuCost> cpu, String status) {
    }

    private final StoreClients clients;
    private final StoreCounts counts;
    private final Duration timeout;
    private final Duration storePoll;
    private final CpuSampler cpu;

    SynclineEndToEnd(StoreClients clients, Duration timeout, Duration storePoll, CpuSampler cpu) {
        this.clients = clients;
        this.counts = new StoreCounts(clients);
        this.timeout = timeout;
        this.storePoll = storePoll;
        this.cpu = cpu;
    }

    /** @param scrape whether /metrics is scraped every second while it runs (the pipeline's HTTP endpoint must be on) */
    Result run(BenchPipeline pipeline, OrdersTable table, int rows, int changes, boolean scrape) throws Exception {
        PipelineSpec spec = pipeline.spec();
        Map<Metric, CpuCost> cpuCosts = new EnumMap<>(Metric.class);
        CpuSampler.Totals cpuAtStart = cpu.totals();
        long start = System.nanoTime();
        PipelineRuntime runtime = PipelineRuntime.start(spec);
        double startupSeconds = (System.nanoTime() - start) / 1e9;
        MetricsScraper scraper = null;
        try {
            if (scrape) {
                scraper = new MetricsScraper(runtime.httpAddress().orElseThrow(
                        () -> new IllegalStateException("scraping /metrics needs the pipeline's HTTP endpoint")));
            }
            Convergence convergence = new Convergence(timeout, runtime::failure);
            Map<Metric, Measurement> results = new EnumMap<>(Metric.class);
            Map<String, Measurement> snapshot = convergence.await(start, probes(runtime, pipeline, rows, 0, 0, null));
            snapshot.forEach((stage, measured) -> results.put(Stage.valueOf(stage).snapshot, measured));
            results.put(Metric.C_SNAPSHOT_ALL, allSinks(snapshot));
            cpuCosts.put(Metric.C_SNAPSHOT_ALL, CpuCost.between(cpuAtStart, cpu.totals(), rows));

            convergence.await(System.nanoTime(), List.of(new Convergence.Probe("capture streaming", 1,
                    () -> runtime.capture().status().phase() == CapturePhase.STREAMING ? 1 : 0, COUNTER_POLL)));
            long sentBefore = runtime.capture().status().recordsSent();
            long documentsBefore = runtime.views().metrics().documents();
            CpuSampler.Totals cpuBeforeUpdate = cpu.totals();
            table.markFirst(changes);
            long committed = System.nanoTime();
            Map<String, Measurement> stream = convergence.await(committed,
                    probes(runtime, pipeline, changes, sentBefore, documentsBefore, OrdersTable.MARKER));
            stream.forEach((stage, measured) -> results.put(Stage.valueOf(stage).stream, measured));
            results.put(Metric.C_STREAM_ALL, allSinks(stream));
            cpuCosts.put(Metric.C_STREAM_ALL, CpuCost.between(cpuBeforeUpdate, cpu.totals(), changes));
            String status = PipelineCounters.describe(runtime, startupSeconds);
            return new Result(results, cpuCosts, scrape ? status + "; " + scraper.describe() : status);
        } finally {
            if (scraper != null) {
                scraper.close();
            }
            runtime.close();
            table.db().dropReplication(spec.source().slot(), spec.source().publication());
            StoreCleanup.drop(clients, pipeline.elasticsearchIndex(BenchPipeline.VIEW), pipeline.mongoDatabase(),
                    pipeline.clickhouseTable(BenchPipeline.VIEW));
        }
    }

    /**
     * The probes of one phase, named by {@link Stage}. The internal counters count from what they
     * showed before the phase; the stores count documents with {@code status} (null: all).
     */
    private List<Convergence.Probe> probes(PipelineRuntime runtime, BenchPipeline pipeline, long target,
                                           long sentBefore, long documentsBefore, String status) {
        List<Convergence.Probe> probes = new ArrayList<>(List.of(
                new Convergence.Probe(Stage.CAPTURE.name(), target,
                        () -> runtime.capture().status().recordsSent() - sentBefore, COUNTER_POLL),
                new Convergence.Probe(Stage.VIEWS.name(), target,
                        () -> runtime.views().metrics().documents() - documentsBefore, COUNTER_POLL)));
        // Stage's sink names are the stores' names.
        probes.addAll(counts.view(pipeline, target, status, storePoll));
        return probes;
    }

    private static Measurement allSinks(Map<String, Measurement> phase) {
        return Measurement.allOf(Stage.SINKS.stream().map(stage -> phase.get(stage.name())).toList());
    }
}
