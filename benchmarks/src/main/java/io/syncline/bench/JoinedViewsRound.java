package io.syncline.bench;

import io.syncline.bench.BenchPipeline.Store;
import io.syncline.cdc.CapturePhase;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.PipelineRuntime;
import io.syncline.processors.ViewMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * One round of the joined-views measurement (J): the shop example's data and its two joined views
 * ({@code orders} to Elasticsearch and MongoDB, {@code order_items} to ClickHouse) in a fresh
 * pipeline. J1 times the snapshot from {@code PipelineRuntime.start}; each later phase commits one
 * burst of changes and is timed from its commit: customers renamed, products renamed (J2, parent
 * changes that fan out to many documents), items inserted and deleted again (J3, child changes).
 * Then J4 runs the snapshot again with each stage alone, and J5 its backlog through a raw baseline
 * ({@link JoinedStagesAlone}).
 *
 * <p>Each sink is done when its store shows the phase's final state ({@link JoinedProgress}); the
 * capture when its counter reached the phase's records; the views when their documents counter
 * took its last step ({@link CounterTrace}), which is asked only after the sinks are done. The
 * state stores' sizes are taken after the pipeline closed: only then has RocksDB written everything
 * it holds in memory (Streams disables its write-ahead log) to files.
 */
final class JoinedViewsRound {
    /** How long the views' counter must stand still, once the sinks are done, to count as settled. */
    static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration COUNTER_POLL = Duration.ofMillis(20);

    private final BenchmarkOptions options;
    private final Endpoints endpoints;
    private final ShopDatabase shop;
    private final StoreClients clients;
    private final HeapSampler heap;
    private final CpuSampler cpu;
    private final Path workDir;

    JoinedViewsRound(BenchmarkOptions options, Endpoints endpoints, ShopDatabase shop, StoreClients clients,
                     HeapSampler heap, CpuSampler cpu, Path workDir) {
        this.options = options;
        this.endpoints = endpoints;
        this.shop = shop;
        this.clients = clients;
        this.heap = heap;
        this.cpu = cpu;
        this.workDir = workDir;
    }

    JoinsRoundResult run(int round) throws Exception {
        String tag = "r" + round + "_" + UUID.randomUUID().toString().substring(0, 6);
        shop.create(options.joins());
        List<PhasePlan> plans = shop.plans(options.joins());
        Path stateDir = workDir.resolve("j_" + tag);
        BenchPipeline pipeline = BenchPipeline.shop("bench_j_" + tag, endpoints, shop.db().endpoint(), stateDir);
        PipelineSpec spec = pipeline.spec();
        JoinedProgress progress = new JoinedProgress(new StoreCounts(clients), pipeline);
        System.gc();
        heap.reset();
        List<JoinsRoundResult.Phase> phases = new ArrayList<>();
        String status;
        try {
            CpuSampler.Totals cpuAtStart = cpu.totals();
            long start = System.nanoTime();
            PipelineRuntime runtime = PipelineRuntime.start(spec);
            double startupSeconds = (System.nanoTime() - start) / 1e9;
            try {
                Convergence convergence = new Convergence(options.timeout(), runtime::failure);
                ViewStageWrites writes = ViewStageWrites.of(runtime, spec);
                log(round, plans.get(0));
                phases.add(measure(runtime, convergence, progress, writes, plans.get(0), start, cpuAtStart, 0, 0,
                        Map.of()));
                convergence.await(System.nanoTime(), List.of(new Convergence.Probe("capture streaming", 1,
                        () -> runtime.capture().status().phase() == CapturePhase.STREAMING ? 1 : 0, COUNTER_POLL)));
                for (PhasePlan plan : plans.subList(1, plans.size())) {
                    log(round, plan);
                    long sentBefore = runtime.capture().status().recordsSent();
                    long documentsBefore = documents(runtime).getAsLong();
                    Map<String, Long> writesBefore = writes.sent();
                    CpuSampler.Totals cpuBefore = cpu.totals();
                    shop.db().execute(plan.sql());
                    phases.add(measure(runtime, convergence, progress, writes, plan, System.nanoTime(), cpuBefore,
                            sentBefore, documentsBefore, writesBefore));
                }
                status = PipelineCounters.describe(runtime, startupSeconds);
            } finally {
                runtime.close();
            }
        } finally {
            shop.db().dropReplication(spec.source().slot(), spec.source().publication());
            StoreCleanup.drop(clients, pipeline.elasticsearchIndex(ShopExample.ORDERS), pipeline.mongoDatabase(),
                    pipeline.clickhouseTable(ShopExample.ORDER_ITEMS));
        }
        SortedMap<String, Long> stores = StateStoreSizes.measure(stateDir);
        SortedMap<String, Long> storeData = StateStoreSizes.measure(stateDir, StateStoreSizes.DATA_FILES);
        log(round, JoinedStagesAlone.plan(JoinPhase.SNAPSHOT_ALONE, plans.get(0)));
        phases.addAll(new JoinedStagesAlone(options, endpoints, shop, cpu, workDir).run(tag, plans.get(0)));
        return new JoinsRoundResult(round, phases, stores, storeData, heap.peakMb(), Setup.loadAverage(), status);
    }

    /**
     * One phase, from {@code startNanos}: the counters count from what they showed before it; its CPU from
     * {@code cpuBefore} until every sink is done, per source row or change; the view stage's writes from
     * {@code writesBefore} until its documents counter settled.
     */
    private JoinsRoundResult.Phase measure(PipelineRuntime runtime, Convergence convergence, JoinedProgress progress,
                                           ViewStageWrites writes, PhasePlan plan, long startNanos,
                                           CpuSampler.Totals cpuBefore, long sentBefore, long documentsBefore,
                                           Map<String, Long> writesBefore)
            throws Exception {
        try (CounterTrace views = new CounterTrace(documents(runtime), documentsBefore)) {
            List<Convergence.Probe> probes = new ArrayList<>();
            probes.add(new Convergence.Probe(JoinStage.CAPTURE.name(), plan.capture().units(),
                    () -> runtime.capture().status().recordsSent() - sentBefore, COUNTER_POLL));
            if (plan.orders() != null) {
                probes.add(new Convergence.Probe(JoinStage.ELASTICSEARCH.name(), plan.orders().units(),
                        progress.orders(Store.ELASTICSEARCH, plan), options.storePoll()));
                probes.add(new Convergence.Probe(JoinStage.MONGODB.name(), plan.orders().units(),
                        progress.orders(Store.MONGODB, plan), options.storePoll()));
            }
            if (plan.facts() != null) {
                probes.add(new Convergence.Probe(JoinStage.CLICKHOUSE.name(), plan.facts().units(), progress.facts(plan),
                        options.storePoll()));
            }
            Map<String, Measurement> reached = convergence.await(startNanos, probes);
            CpuCost cost = CpuCost.between(cpuBefore, cpu.totals(), plan.capture().reported());
            Map<JoinStage, Measurement> measured = new EnumMap<>(JoinStage.class);
            measured.put(JoinStage.CAPTURE, plan.capture().reported(reached.get(JoinStage.CAPTURE.name())));
            CounterTrace.Settled settled = views.settled(startNanos, QUIET, startNanos + options.timeout().toNanos());
            measured.put(JoinStage.VIEWS, settled.measurement());
            SortedMap<String, Long> viewWrites = ViewStageWrites.between(writesBefore, writes.sent());
            if (plan.orders() != null) {
                measured.put(JoinStage.ELASTICSEARCH, plan.orders().reported(reached.get(JoinStage.ELASTICSEARCH.name())));
                measured.put(JoinStage.MONGODB, plan.orders().reported(reached.get(JoinStage.MONGODB.name())));
            }
            if (plan.facts() != null) {
                measured.put(JoinStage.CLICKHOUSE, plan.facts().reported(reached.get(JoinStage.CLICKHOUSE.name())));
            }
            measured.put(JoinStage.ALL_SINKS, allSinks(measured));
            return new JoinsRoundResult.Phase(plan, measured, settled.firstStepSeconds(), cost, viewWrites, null);
        }
    }

    /**
     * Until the last sink was done. If one was not: the orders documents that reached both
     * Elasticsearch and MongoDB (at most the smaller count) plus the facts that reached ClickHouse.
     */
    private static Measurement allSinks(Map<JoinStage, Measurement> measured) {
        List<Measurement> sinks = List.of(JoinStage.ELASTICSEARCH, JoinStage.MONGODB, JoinStage.CLICKHOUSE).stream()
                .map(measured::get).filter(m -> m != null).toList();
        long orders = measured.containsKey(JoinStage.ELASTICSEARCH)
                ? Math.min(measured.get(JoinStage.ELASTICSEARCH).count(), measured.get(JoinStage.MONGODB).count()) : 0;
        long facts = measured.containsKey(JoinStage.CLICKHOUSE) ? measured.get(JoinStage.CLICKHOUSE).count() : 0;
        return new Measurement(orders + facts, sinks.stream().mapToDouble(Measurement::seconds).max().orElseThrow(),
                sinks.stream().allMatch(Measurement::complete));
    }

    /** Documents and deletes the views wrote to their topics, both views together (the counter is per pipeline). */
    static LongSupplier documents(PipelineRuntime runtime) {
        ViewMetrics metrics = runtime.views().metrics();
        return () -> metrics.documents() + metrics.deletes();
    }

    private void log(int round, PhasePlan plan) {
        System.err.printf(Locale.ROOT, "[bench] joins %s: %s (%,d source changes, %,d documents to change)%n",
                options.roundLabel(round), plan.phase().label(), plan.capture().reported(), plan.documents());
    }
}
