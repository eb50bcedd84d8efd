package io.syncline.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak of the JVM's used heap ({@link Runtime}: total minus free), sampled every
 * {@value #INTERVAL_MS} ms on a daemon thread. Heap is JVM-wide: it includes the in-process test
 * services (Kafka, and mongo-java-server's stored documents when MongoDB is served locally).
 */
final class HeapSampler implements AutoCloseable {
    private static final long INTERVAL_MS = 50;
    private static final long MB = 1024 * 1024;

    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;

    HeapSampler() {
        thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            peak.accumulateAndGet(used(), Math::max);
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Starts a new peak from the heap used now. */
    void reset() {
        peak.set(used());
    }

    long peakMb() {
        return peak.get() / MB;
    }

    static long maxMb() {
        return Runtime.getRuntime().maxMemory() / MB;
    }

    private static long used() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
