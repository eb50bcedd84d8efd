package io.syncline.bench;

import java.util.Arrays;

/**
 * One sink's commit-to-visible latencies in L: percentiles by nearest rank (the value at or below
 * which that share of the seen changes lies, never an interpolation between two), the maximum, and
 * the changes never seen.
 *
 * @param changes the changes committed
 * @param unseen  the changes the reader had not seen when it gave up; must be 0
 */
record LatencyStats(long changes, long unseen, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    /** @param latencyNanos the latency of each change that was seen (unsorted; not modified) */
    static LatencyStats of(long changes, long[] latencyNanos) {
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        return new LatencyStats(changes, changes - sorted.length, millis(percentile(sorted, 50)),
                millis(percentile(sorted, 95)), millis(percentile(sorted, 99)),
                millis(sorted.length == 0 ? -1 : sorted[sorted.length - 1]));
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p% of them at or below it; -1 when empty. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos < 0 ? Double.NaN : nanos / 1e6;
    }
}
