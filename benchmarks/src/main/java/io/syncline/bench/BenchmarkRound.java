package io.syncline.bench;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One round: A (Debezium alone) on a table of its own, then B (raw sink writes) and C (Syncline end
 * to end) on a second, fresh table with the same rows, then D (Syncline backfill) on a third and E
 * (verify --deep) on D's pipeline and sinks once the backfill has reached them. Every
 * name carries the round and a random tag, so no round sees another's slot, topics, index,
 * collection or table.
 */
final class BenchmarkRound {
    private final BenchmarkOptions options;
    private final Endpoints endpoints;
    private final SourceDatabase source;
    private final StoreClients clients;
    private final HeapSampler heap;
    private final Path workDir;

    BenchmarkRound(BenchmarkOptions options, Endpoints endpoints, SourceDatabase source, StoreClients clients,
                   HeapSampler heap, Path workDir) {
        this.options = options;
        this.endpoints = endpoints;
        this.source = source;
        this.clients = clients;
        this.heap = heap;
        this.workDir = workDir;
    }

    RoundResult run(int round) throws Exception {
        String tag = "r" + round + "_" + UUID.randomUUID().toString().substring(0, 6);
        Map<Metric, Measurement> measurements = new EnumMap<>(Metric.class);
        Map<Phase, Long> heapPeaks = new EnumMap<>(Phase.class);

        OrdersTable alone = source.table("bench_a_" + tag);
        alone.createAndFill(options.rows());
        startPhase(round, Phase.DEBEZIUM_ALONE);
        measurements.putAll(new DebeziumAlone(options.timeout())
                .run(alone, "bench_a_" + tag, workDir.resolve("a_" + tag), options.rows(), options.changes()));
        heapPeaks.put(Phase.DEBEZIUM_ALONE, heap.peakMb());
        alone.drop();

        OrdersTable orders = source.table("orders_" + tag);
        orders.createAndFill(options.rows());
        startPhase(round, Phase.RAW_SINK_WRITES);
        List<OrderRow> rows = orders.readAll();
        measurements.putAll(new RawSinkWrites(clients).run("bench_raw_" + tag, rows));
        heapPeaks.put(Phase.RAW_SINK_WRITES, heap.peakMb());
        rows = null;

        startPhase(round, Phase.SYNCLINE);
        SynclineEndToEnd.Result syncline = new SynclineEndToEnd(clients, options.timeout(), options.storePoll())
                .run(BenchPipeline.flat("bench_" + tag, endpoints, orders, workDir.resolve("c_" + tag)), orders,
                        options.rows(), options.changes());
        heapPeaks.put(Phase.SYNCLINE, heap.peakMb());
        measurements.putAll(syncline.measurements());
        orders.drop();

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
        return new RoundResult(round, measurements, heapPeaks, syncline.status(), backfill.status(),
                backfill.verify().status(), backfill.verify().failures());
    }

    /** Collects the previous phase's garbage first, so each phase's peak is its own. */
    private void startPhase(int round, Phase phase) {
        System.gc();
        heap.reset();
        System.err.printf(Locale.ROOT, "[bench] round %d of %d: %s%n", round, options.rounds(), phase.label());
    }
}
