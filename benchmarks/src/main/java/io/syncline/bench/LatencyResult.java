package io.syncline.bench;

import java.util.Map;

/**
 * What L measured in one round.
 *
 * @param writer the writer's rate and lateness; null when L did not get to write (see {@code status})
 * @param stores each store's latencies
 * @param acknowledged each store's latencies up to its sink's acknowledgement (the pipeline's own
 *                     share of the latency: the store's visibility and the reader's polling left out)
 * @param status the pipeline's counters and the readers' queries, or why L did not write
 */
record LatencyResult(int rateAsked, SteadyWriter.Result writer, Map<BenchPipeline.Store, LatencyStats> stores,
                     Map<BenchPipeline.Store, LatencyStats> acknowledged, String status) {
    LatencyResult {
        stores = Map.copyOf(stores);
        acknowledged = Map.copyOf(acknowledged);
    }

    static LatencyResult notRun(int rateAsked, String why) {
        return new LatencyResult(rateAsked, null, Map.of(), Map.of(), why);
    }

    /** Changes never seen, over all stores. */
    long unseen() {
        return stores.values().stream().mapToLong(LatencyStats::unseen).sum();
    }
}
