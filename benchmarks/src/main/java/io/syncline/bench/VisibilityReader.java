package io.syncline.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * L's reader of one store, on its own thread: every {@value #POLL_MS} ms (or back to back when a
 * query takes longer) it asks the store for the sequence numbers above its watermark and notes when
 * each was first seen: when the query that returned it came back, so a change is seen up to one
 * poll interval (plus one query) after it became visible.
 *
 * <p>The watermark is the highest number below which every change has been seen, not the highest
 * seen: the view topic has 3 partitions and the sinks write them in parallel lanes, so change 105
 * may become visible before 103, and asking only above 105 would never find 103.
 */
final class VisibilityReader implements Runnable {
    static final long POLL_MS = 50;

    private final String store;
    private final SequenceQueries.Query query;
    /** When change k was first seen (nanoTime), 0 while unseen; index 0 unused. */
    private final long[] seenNanos;
    private volatile boolean stopped;
    private volatile long watermark;
    private volatile long queries;
    private volatile long failedQueries;
    private volatile long queryNanos;
    private volatile long slowestQueryNanos;
    private volatile String lastError;

    VisibilityReader(String store, SequenceQueries.Query query, int changes) {
        this.store = store;
        this.query = query;
        this.seenNanos = new long[changes + 1];
    }

    @Override
    public void run() {
        int changes = seenNanos.length - 1;
        while (!stopped && watermark < changes) {
            long began = System.nanoTime();
            try {
                List<Long> visible = query.above(watermark);
                long now = System.nanoTime();
                for (long seq : visible) {
                    if (seq >= 1 && seq <= changes && seenNanos[(int) seq] == 0) {
                        seenNanos[(int) seq] = now;
                    }
                }
                long mark = watermark;
                while (mark < changes && seenNanos[(int) mark + 1] != 0) {
                    mark++;
                }
                watermark = mark;
            } catch (Exception e) {
                // The index, collection or table may not exist yet; any other error shows in the status.
                failedQueries++;
                lastError = e.toString();
            }
            long took = System.nanoTime() - began;
            queries++;
            queryNanos += took;
            slowestQueryNanos = Math.max(slowestQueryNanos, took);
            long rest = TimeUnit.MILLISECONDS.toNanos(POLL_MS) - (System.nanoTime() - began);
            if (rest > 0) {
                LockSupport.parkNanos(rest);
            }
        }
    }

    /** Whether every change has been seen. */
    boolean done() {
        return watermark == seenNanos.length - 1;
    }

    void stop() {
        stopped = true;
    }

    String store() {
        return store;
    }

    /** Read after the reader's thread ended (joined), so its writes are visible. */
    long[] seenNanos() {
        return seenNanos;
    }

    String describe() {
        return String.format(java.util.Locale.ROOT, "%s: %,d queries, %.1f ms on average, %,d ms at most%s", store,
                queries, queries == 0 ? 0 : queryNanos / 1e6 / queries, slowestQueryNanos / 1_000_000,
                failedQueries == 0 ? "" : String.format(java.util.Locale.ROOT, ", %,d failed (last: %s)", failedQueries, lastError));
    }
}
