package io.syncline.bench;

import io.syncline.daemon.PipelineRuntime;
import io.syncline.sink.runner.SinkRunner;
import java.util.EnumMap;
import java.util.Map;

/**
 * L's view from inside the pipeline: for each store, how long each change took from the source's
 * commit to its sink's acknowledgement by the store (what the daemon's end-to-end latency meter measures, from
 * the same acknowledgements). Next to the readers' latencies it splits the whole into the pipeline's share
 * and the store's (its refresh, a reader's poll and query).
 */
final class Acknowledgements {
    private final Map<BenchPipeline.Store, Samples> samples = new EnumMap<>(BenchPipeline.Store.class);

    private Acknowledgements() {
    }

    /**
     * Listens to every sink of {@code runtime}, beside the daemon's own latency meter.
     *
     * @param sinceMs records whose source commit is older (the snapshot's) are not counted
     */
    static Acknowledgements listen(PipelineRuntime runtime, long sinceMs) {
        Acknowledgements acknowledgements = new Acknowledgements();
        for (BenchPipeline.Store store : BenchPipeline.Store.values()) {
            SinkRunner runner = runtime.sinks().get(store.sinkName());
            if (runner == null) {
                continue;
            }
            Samples samples = new Samples();
            acknowledgements.samples.put(store, samples);
            runner.metrics().onAcknowledged((view, sourceTimestampMs, acknowledgedAtMs) -> {
                if (sourceTimestampMs >= sinceMs) {
                    samples.add(Math.max(0, acknowledgedAtMs - sourceTimestampMs));
                }
            });
        }
        return acknowledgements;
    }

    /** Each store's percentiles over the changes acknowledged; {@code changes}: how many were committed. */
    Map<BenchPipeline.Store, LatencyStats> stats(long changes) {
        Map<BenchPipeline.Store, LatencyStats> stats = new EnumMap<>(BenchPipeline.Store.class);
        samples.forEach((store, s) -> stats.put(store, LatencyStats.of(changes, s.nanos())));
        return stats;
    }

    /** Latencies in ms, appended from the sink's lane threads. */
    private static final class Samples {
        private long[] millis = new long[1024];
        private int size;

        synchronized void add(long ms) {
            if (size == millis.length) {
                millis = java.util.Arrays.copyOf(millis, size * 2);
            }
            millis[size++] = ms;
        }

        synchronized long[] nanos() {
            long[] nanos = new long[size];
            for (int i = 0; i < size; i++) {
                nanos[i] = millis[i] * 1_000_000;
            }
            return nanos;
        }
    }
}
