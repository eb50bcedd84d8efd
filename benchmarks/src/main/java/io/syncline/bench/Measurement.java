package io.syncline.bench;

import java.util.List;

/**
 * How long moving {@code count} items (rows, changes, documents) took.
 *
 * @param complete false when the wait timed out: {@code count} is what had arrived by then
 */
record Measurement(long count, double seconds, boolean complete) {

    static Measurement since(long startNanos, long count) {
        return new Measurement(count, secondsSince(startNanos), true);
    }

    static Measurement timedOut(long startNanos, long reached) {
        return new Measurement(reached, secondsSince(startNanos), false);
    }

    /**
     * Several stores together: until the last one had everything; if one did not, what reached
     * every store (at most the smallest count) in the longest time.
     */
    static Measurement allOf(List<Measurement> stores) {
        return new Measurement(stores.stream().mapToLong(Measurement::count).min().orElseThrow(),
                stores.stream().mapToDouble(Measurement::seconds).max().orElseThrow(),
                stores.stream().allMatch(Measurement::complete));
    }

    double perSecond() {
        return count / seconds;
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
