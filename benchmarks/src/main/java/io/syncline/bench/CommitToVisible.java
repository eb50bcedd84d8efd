package io.syncline.bench;

import io.syncline.cdc.CapturePhase;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.PipelineRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * L: commit-to-visible latency at a steady rate (the goal 4). C's pipeline on a fresh table
 * with a {@code seq} column; once its snapshot is in every sink and the capture streams (untimed),
 * a {@link SteadyWriter} commits changes at the asked rate while one {@link VisibilityReader} per
 * store notes when each change became visible there. Latency = seen − committed, per change.
 */
final class CommitToVisible {
    /** How long the readers go on after the last commit before a change counts as never seen. */
    static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration COUNTER_POLL = Duration.ofMillis(20);

    private final StoreClients clients;
    private final StoreCounts counts;
    private final SequenceQueries queries;
    private final Duration timeout;
    private final Duration storePoll;

    CommitToVisible(StoreClients clients, Duration timeout, Duration storePoll) {
        this.clients = clients;
        this.counts = new StoreCounts(clients);
        this.queries = new SequenceQueries(clients);
        this.timeout = timeout;
        this.storePoll = storePoll;
    }

    /** @param table filled with {@code options.changes()} rows and with the seq column; dropped by the caller */
    LatencyResult run(BenchPipeline pipeline, OrdersTable table, BenchmarkOptions.LatencyOptions options) throws Exception {
        PipelineSpec spec = pipeline.spec();
        int rows = options.changes();
        long start = System.nanoTime();
        PipelineRuntime runtime = PipelineRuntime.start(spec);
        double startupSeconds = (System.nanoTime() - start) / 1e9;
        try {
            Convergence convergence = new Convergence(timeout, runtime::failure);
            List<Convergence.Probe> probes = new ArrayList<>(List.of(new Convergence.Probe("capture streaming", 1,
                    () -> runtime.capture().status().phase() == CapturePhase.STREAMING ? 1 : 0, COUNTER_POLL)));
            probes.addAll(counts.view(pipeline, rows, null, storePoll));
            Map<String, Measurement> ready = convergence.await(System.nanoTime(), probes);
            if (!ready.values().stream().allMatch(Measurement::complete)) {
                return LatencyResult.notRun(options.rate(), "L did not write: its snapshot did not reach every sink, or the "
                        + "capture did not stream, within " + timeout.toSeconds() + " s");
            }
            SteadyWriter writer = new SteadyWriter(table, options);
            Acknowledgements acknowledged = Acknowledgements.listen(runtime, System.currentTimeMillis());
            String index = pipeline.elasticsearchIndex(BenchPipeline.VIEW);
            IndexRefreshes refreshesBefore = IndexRefreshes.read(clients.elasticsearch(), index);
            Map<BenchPipeline.Store, VisibilityReader> readers = readers(pipeline, writer, rows);
            List<Thread> threads = new ArrayList<>();
            readers.forEach((store, reader) -> {
                Thread thread = new Thread(reader, "bench-latency-" + store.name().toLowerCase(Locale.ROOT));
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            });
            SteadyWriter.Result written;
            try {
                written = writer.run();
                awaitReaders(readers.values(), runtime);
            } finally {
                readers.values().forEach(VisibilityReader::stop);
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            Map<BenchPipeline.Store, LatencyStats> stats = new EnumMap<>(BenchPipeline.Store.class);
            readers.forEach((store, reader) -> stats.put(store, latencies(writer.commitNanos(), reader.seenNanos())));
            String status = String.format(Locale.ROOT, "writer: %,d transactions of %d changes, at worst %.0f ms behind its "
                            + "schedule; readers: %s; %s", (rows + options.changesPerTransaction() - 1) / options.changesPerTransaction(),
                    options.changesPerTransaction(), written.maxLateMs(),
                    readers.values().stream().map(VisibilityReader::describe).collect(Collectors.joining(", "))
                            + "; " + IndexRefreshes.read(clients.elasticsearch(), index).since(refreshesBefore),
                    PipelineCounters.describe(runtime, startupSeconds));
            return new LatencyResult(options.rate(), written, stats, acknowledged.stats(rows), status);
        } finally {
            runtime.close();
            table.db().dropReplication(spec.source().slot(), spec.source().publication());
            StoreCleanup.drop(clients, pipeline.elasticsearchIndex(BenchPipeline.VIEW), pipeline.mongoDatabase(),
                    pipeline.clickhouseTable(BenchPipeline.VIEW));
        }
    }

    private Map<BenchPipeline.Store, VisibilityReader> readers(BenchPipeline pipeline, SteadyWriter writer, int changes) {
        Map<BenchPipeline.Store, VisibilityReader> readers = new EnumMap<>(BenchPipeline.Store.class);
        readers.put(BenchPipeline.Store.ELASTICSEARCH, new VisibilityReader("Elasticsearch",
                queries.elasticsearch(pipeline.elasticsearchIndex(BenchPipeline.VIEW)), changes));
        readers.put(BenchPipeline.Store.MONGODB, new VisibilityReader("MongoDB",
                queries.mongodb(pipeline.mongoDatabase(), BenchPipeline.VIEW, writer::committed), changes));
        readers.put(BenchPipeline.Store.CLICKHOUSE, new VisibilityReader("ClickHouse",
                queries.clickhouse(pipeline.clickhouseTable(BenchPipeline.VIEW)), changes));
        return readers;
    }

    /** Until every reader has seen every change, the grace period has passed, or the pipeline failed. */
    private static void awaitReaders(Iterable<VisibilityReader> readers, PipelineRuntime runtime) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (System.nanoTime() < deadline) {
            boolean allDone = true;
            for (VisibilityReader reader : readers) {
                allDone &= reader.done();
            }
            Optional<String> failure = runtime.failure();
            if (allDone || failure.isPresent()) {
                return;
            }
            Thread.sleep(VisibilityReader.POLL_MS);
        }
    }

    /** Seen − committed of every change seen (never below 0: a change is not seen before its commit time was read). */
    static LatencyStats latencies(long[] commitNanos, long[] seenNanos) {
        long[] latencies = new long[commitNanos.length - 1];
        int seen = 0;
        for (int k = 1; k < commitNanos.length; k++) {
            if (seenNanos[k] != 0) {
                latencies[seen++] = Math.max(0, seenNanos[k] - commitNanos[k]);
            }
        }
        return LatencyStats.of(commitNanos.length - 1, Arrays.copyOf(latencies, seen));
    }
}
