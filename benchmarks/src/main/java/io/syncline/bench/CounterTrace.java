package io.syncline.bench;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Follows a counter (every {@value #POLL_MS} ms, on a thread of its own) and remembers when it last
 * moved. For a stage whose output count is not known in advance (a joined view emits a document
 * again whenever one of its rows arrives after it was first built), the stage is done when its last
 * document came out: {@link #settled} waits until the counter has not moved for a quiet window and
 * reports the count and the time of its last step. Ask only once downstream holds the final state,
 * so a pause inside the stage cannot pass for its end.
 */
final class CounterTrace implements AutoCloseable {
    private static final long POLL_MS = 20;

    private final LongSupplier counter;
    private final long baseline;
    private final Thread thread;
    private volatile long last;
    private volatile long lastChangeNanos;
    private volatile long firstChangeNanos;

    /** Starts following; the count is measured from {@code baseline}. */
    CounterTrace(LongSupplier counter, long baseline) {
        this.counter = counter;
        this.baseline = baseline;
        this.last = counter.getAsLong();
        this.lastChangeNanos = System.nanoTime();
        this.thread = new Thread(this::follow, "counter-trace");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (!Thread.currentThread().isInterrupted()) {
            long now = counter.getAsLong();
            if (now != last) {
                last = now;
                lastChangeNanos = System.nanoTime();
                if (firstChangeNanos == 0) {
                    firstChangeNanos = lastChangeNanos;
                }
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** How long the counter has not moved. */
    Duration stillFor() {
        return Duration.ofNanos(System.nanoTime() - lastChangeNanos);
    }

    /** What the counter did: its steps to the last one, and when the first came. */
    record Settled(Measurement measurement, double firstStepSeconds) {
    }

    /**
     * The steps since the trace started, timed from {@code startNanos} to the last step (0 steps: 0
     * seconds); partial when the counter still moved at {@code deadlineNanos}.
     */
    Settled settled(long startNanos, Duration quiet, long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() - lastChangeNanos < quiet.toNanos() && System.nanoTime() < deadlineNanos) {
            Thread.sleep(POLL_MS);
        }
        long steps = last - baseline;
        boolean settled = System.nanoTime() - lastChangeNanos >= quiet.toNanos();
        double seconds = steps == 0 ? 0 : Math.max(0, lastChangeNanos - startNanos) / 1e9;
        double first = steps == 0 || firstChangeNanos == 0 ? 0 : Math.max(0, firstChangeNanos - startNanos) / 1e9;
        return new Settled(new Measurement(steps, seconds, settled), first);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
