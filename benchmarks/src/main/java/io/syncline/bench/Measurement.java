package io.syncline.bench;

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

    double perSecond() {
        return count / seconds;
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
