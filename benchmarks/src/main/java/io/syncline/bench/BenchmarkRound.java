package io.syncline.bench;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One round: A (Debezium alone) on a table of its own, then B (raw sink writes) and C (Syncline end
 * to end) on a second, fresh table with the same rows, S (Syncline's stages one at a time) on a
 * third, K (Debezium + Kafka Connect into MongoDB) on a fourth, then D (Syncline backfill) on a fifth and E
 * (verify --deep) on D's pipeline and sinks once the backfill has reached them; when asked for, H (the daemon
 * draining a backlog) and W (a capture plus one or two workers draining one, and failover). Every
 * name carries the round and a random tag, so no round sees another's slot, topics, index,
 * collection or table.
 */
final class BenchmarkRound {
    private final BenchmarkOptions options;
    private final Endpoints endpoints;
    private final SourceDatabase source;
    private final StoreClients clients;
    private final HeapSampler heap;
    private final CpuSampler cpu;
    private final Path workDir;

    BenchmarkRound(BenchmarkOptions options, Endpoints endpoints, SourceDatabase source, StoreClients clients,
                   HeapSampler heap, CpuSampler cpu, Path workDir) {
        this.options = options;
        this.endpoints = endpoints;
        this.source = source;
        this.clients = clients;
        this.heap = heap;
        this.cpu = cpu;
        this.workDir = workDir;
    }

    RoundResult run(int round) throws Exception {
        String tag = "r" + round + "_" + UUID.randomUUID().toString().substring(0, 6);
        Map<Metric, Measurement> measurements = new EnumMap<>(Metric.class);
        Map<Phase, Long> heapPeaks = new EnumMap<>(Phase.class);
        Map<Metric, CpuCost> cpuCosts = new EnumMap<>(Metric.class);

        OrdersTable alone = source.table("bench_a_" + tag);
        alone.createAndFill(options.rows());
        startPhase(round, Phase.DEBEZIUM_ALONE);
        measurements.putAll(new DebeziumAlone(options.timeout(), cpu)
                .run(alone, "bench_a_" + tag, workDir.resolve("a_" + tag), options.rows(), options.changes(), cpuCosts));
        heapPeaks.put(Phase.DEBEZIUM_ALONE, heap.peakMb());
        alone.drop();

        OrdersTable orders = source.table("orders_" + tag);
        orders.createAndFill(options.rows());
        startPhase(round, Phase.RAW_SINK_WRITES);
        List<OrderRow> rows = orders.readAll();
        measurements.putAll(new RawSinkWrites(clients, cpu).run("bench_raw_" + tag, rows, cpuCosts));
        heapPeaks.put(Phase.RAW_SINK_WRITES, heap.peakMb());
        rows = null;

        MetricsCost metricsCost = null;
        SynclineEndToEnd.Result syncline;
        if (options.metricsCost()) {
            // Odd rounds with metrics first, even rounds without: neither always gets the warmer JVM.
            boolean withFirst = round % 2 == 1;
            SynclineEndToEnd.Result first = syncline(round, tag, orders, withFirst, heapPeaks);
            OrdersTable second = source.table("orders_m_" + tag);
            second.createAndFill(options.rows());
            SynclineEndToEnd.Result other = syncline(round, "m_" + tag, second, !withFirst, heapPeaks);
            metricsCost = withFirst ? new MetricsCost(true, first, other) : new MetricsCost(false, other, first);
            syncline = metricsCost.with();
        } else {
            syncline = syncline(round, tag, orders, false, heapPeaks);
        }
        measurements.putAll(syncline.measurements());
        cpuCosts.putAll(syncline.cpu());

        OrdersTable staged = source.table("bench_s_" + tag);
        staged.createAndFill(options.rows());
        startPhase(round, Phase.STAGES_ALONE);
        StagesAlone.Result stages = new StagesAlone(clients, options.timeout(), cpu).run(
                BenchPipeline.flat("bench_s_" + tag, endpoints, staged, workDir.resolve("s_" + tag)), staged,
                options.rows(), options.changes());
        heapPeaks.put(Phase.STAGES_ALONE, heap.peakMb());
        measurements.putAll(stages.measurements());
        cpuCosts.putAll(stages.cpu());
        staged.drop();

        LatencyResult latency = null;
        if (options.latency().enabled()) {
            OrdersTable sequenced = source.table("bench_l_" + tag);
            sequenced.createAndFill(options.latency().changes());
            sequenced.addSequenceColumn();
            startPhase(round, Phase.LATENCY);
            latency = new CommitToVisible(clients, options.timeout(), options.storePoll()).run(
                    BenchPipeline.flat("bench_l_" + tag, endpoints, sequenced, workDir.resolve("l_" + tag)), sequenced,
                    options.latency());
            heapPeaks.put(Phase.LATENCY, heap.peakMb());
            sequenced.drop();
        }

        OrdersTable connected = source.table("bench_k_" + tag);
        connected.createAndFill(options.rows());
        startPhase(round, Phase.KAFKA_CONNECT);
        DebeziumKafkaConnect.Result connect = new DebeziumKafkaConnect(endpoints, clients, options.timeout(),
                options.storePoll(), cpu).run(connected, "bench_k_" + tag, workDir.resolve("k_" + tag), options.rows(),
                options.changes());
        heapPeaks.put(Phase.KAFKA_CONNECT, heap.peakMb());
        measurements.putAll(connect.measurements());
        cpuCosts.putAll(connect.cpu());
        connected.drop();

        OrdersTable backfilled = source.table("bench_d_" + tag);
        backfilled.createAndFill(options.rows());
        startPhase(round, Phase.BACKFILL);
        SynclineBackfill.Result backfill = new SynclineBackfill(clients, options.timeout(), options.storePoll())
                .run(BenchPipeline.flat("bench_d_" + tag, endpoints, backfilled, workDir.resolve("d_" + tag))
                        .withoutSnapshot(), backfilled, options.rows(), () -> {
                            heapPeaks.put(Phase.BACKFILL, heap.peakMb());
                            startPhase(round, Phase.VERIFY);
                        });
        // E's peak when E ran (D's was taken when it started), else D's.
        heapPeaks.put(heapPeaks.containsKey(Phase.BACKFILL) ? Phase.VERIFY : Phase.BACKFILL, heap.peakMb());
        measurements.putAll(backfill.measurements());
        backfilled.drop();

        BacklogResult backlog = null;
        if (options.backlog().enabled()) {
            OrdersTable drained = source.table("bench_h_" + tag);
            startPhase(round, Phase.BACKLOG);
            backlog = new DaemonBacklog(clients, options.timeout(), options.storePoll()).run(
                    BenchPipeline.flat("bench_h_" + tag, endpoints, drained, workDir.resolve("h_" + tag + "_state")), drained,
                    options.backlog(), workDir.resolve("h_" + tag));
            drained.drop();
        }
        ScaleOutResult scaleOut = null;
        if (options.workers().enabled()) {
            startPhase(round, Phase.SCALE_OUT);
            scaleOut = new ScaleOut(endpoints, source, clients, options.timeout(), options.storePoll())
                    .run(round, tag, options.workers(), workDir.resolve("w_" + tag));
        }
        return new RoundResult(round, measurements, cpuCosts, metricsCost, heapPeaks, syncline.status(), connect.status(),
                backfill.status(), backfill.verify().status(), backfill.verify().failures(), latency, backlog, scaleOut);
    }

    /**
     * C on {@code table}, then drops it. With metrics scraped (for {@code --metrics-cost}), or as
     * shipped: without {@code --metrics-cost} the endpoint and meters are on, not scraped.
     * C's heap peak is the run with metrics, or the only run.
     */
    private SynclineEndToEnd.Result syncline(int round, String tag, OrdersTable table, boolean withMetrics,
                                             Map<Phase, Long> heapPeaks) throws Exception {
        startPhase(round, Phase.SYNCLINE, !options.metricsCost() ? ""
                : withMetrics ? " with metrics (/metrics scraped every second)" : " without metrics (http.enabled: false)");
        BenchPipeline pipeline = BenchPipeline.flat("bench_" + tag, endpoints, table, workDir.resolve("c_" + tag));
        boolean metricsOff = options.metricsCost() && !withMetrics;
        SynclineEndToEnd.Result result = new SynclineEndToEnd(clients, options.timeout(), options.storePoll(), cpu)
                .run(metricsOff ? pipeline.withoutMetrics() : pipeline, table, options.rows(), options.changes(), withMetrics);
        if (!metricsOff) {
            heapPeaks.put(Phase.SYNCLINE, heap.peakMb());
        }
        table.drop();
        return result;
    }

    /** Collects the previous phase's garbage first, so each phase's peak is its own. */
    private void startPhase(int round, Phase phase) {
        startPhase(round, phase, "");
    }

    private void startPhase(int round, Phase phase, String variant) {
        System.gc();
        heap.reset();
        System.err.printf(Locale.ROOT, "[bench] %s: %s%s%n", options.roundLabel(round), phase.label(), variant);
    }
}
