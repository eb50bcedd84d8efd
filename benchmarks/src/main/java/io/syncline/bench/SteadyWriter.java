package io.syncline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * L's writer: commits the changes at a steady rate, transaction t due at start + t × period (paced by
 * the schedule, not by sleeping after each commit, so a slow commit does not lower the rate; a late
 * transaction runs at once and the next ones are due on the same schedule). Change k sets
 * {@code seq = k} on row k. A change's commit time is the clock read right after COMMIT returns:
 * PostgreSQL committed a little earlier, so latencies are understated by the commit's round trip.
 */
final class SteadyWriter {
    /**
     * @param seconds    from the first transaction's due time to the last commit
     * @param maxLateMs  how far behind its schedule the writer fell at worst
     */
    record Result(int changes, double seconds, double maxLateMs) {
        double perSecond() {
            return changes / seconds;
        }
    }

    private final OrdersTable table;
    private final BenchmarkOptions.LatencyOptions options;
    /** When change k was committed (nanoTime); index 0 unused. */
    private final long[] commitNanos;
    private final AtomicLong committed = new AtomicLong();

    SteadyWriter(OrdersTable table, BenchmarkOptions.LatencyOptions options) {
        this.table = table;
        this.options = options;
        this.commitNanos = new long[options.changes() + 1];
    }

    Result run() throws SQLException {
        int changes = options.changes();
        int perTransaction = options.changesPerTransaction();
        long periodNanos = Math.round(1e9 * perTransaction / options.rate());
        long maxLate = 0;
        long lastCommit;
        try (Connection connection = table.db().endpoint().connect();
             PreparedStatement update = connection.prepareStatement(table.sequenceUpdate())) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            lastCommit = start;
            for (int t = 0; (long) t * perTransaction < changes; t++) {
                long due = start + t * periodNanos;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                maxLate = Math.max(maxLate, System.nanoTime() - due);
                int first = t * perTransaction + 1;
                int last = Math.min(changes, first + perTransaction - 1);
                update.setLong(1, first);
                update.setLong(2, last);
                update.executeUpdate();
                connection.commit();
                lastCommit = System.nanoTime();
                for (int k = first; k <= last; k++) {
                    commitNanos[k] = lastCommit;
                }
                committed.set(last);
            }
            return new Result(changes, (lastCommit - start) / 1e9, maxLate / 1e6);
        }
    }

    /** The highest sequence number committed so far. */
    long committed() {
        return committed.get();
    }

    /** Read after {@link #run()} returned. */
    long[] commitNanos() {
        return commitNanos;
    }
}
