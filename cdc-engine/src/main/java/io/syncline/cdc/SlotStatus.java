package io.syncline.cdc;

import java.time.Instant;

/**
 * The last reading of the pipeline's replication slot by the {@link SlotMonitor}: immutable, for logs,
 * commands and gauges. Byte counts are -1 when unknown (not read yet, slot absent or invalidated, or
 * {@code safe_wal_size} before PostgreSQL 13 / without {@code max_slot_wal_keep_size}).
 *
 * @param state                  what the reading means against the budget
 * @param slot                   the slot's name
 * @param active                 a process (the capture) streams from it
 * @param walStatus              PostgreSQL's {@code wal_status} ({@code reserved}, {@code extended}, {@code unreserved},
 *                               {@code lost}); null before PostgreSQL 13 or when absent
 * @param retainedBytes          WAL PostgreSQL keeps for the slot: {@code pg_current_wal_lsn() - restart_lsn}
 * @param confirmedFlushLagBytes WAL the capture has not confirmed yet: {@code pg_current_wal_lsn() - confirmed_flush_lsn}
 * @param safeWalSizeBytes       WAL that can still be written before the slot is invalidated ({@code safe_wal_size})
 * @param budgetBytes            {@code source.walRetention.budget}; 0 without a budget
 * @param warnBytes              the warning threshold ({@code warnAt} of the budget); 0 without a budget
 * @param readAt                 when it was read; null before the first reading
 */
public record SlotStatus(State state, String slot, boolean active, String walStatus, long retainedBytes,
                         long confirmedFlushLagBytes, long safeWalSizeBytes, long budgetBytes, long warnBytes,
                         Instant readAt) {

    /** What a reading means. */
    public enum State {
        /** Not read yet, or the last reading failed (the source could not be reached). */
        UNKNOWN,
        /** Below the warning threshold (or no budget), and PostgreSQL keeps its WAL. */
        OK,
        /** At or above {@code warnAt} of the budget, or PostgreSQL will no longer keep its WAL ({@code wal_status} unreserved). */
        WARNING,
        /** Above the budget. */
        EXCEEDED,
        /** Invalidated by PostgreSQL ({@code wal_status} lost, {@code max_slot_wal_keep_size}): it can never stream again. */
        INVALIDATED,
        /** No slot of that name (not created yet, or dropped). */
        ABSENT
    }

    static SlotStatus unknown(String slot, long budgetBytes, long warnBytes) {
        return new SlotStatus(State.UNKNOWN, slot, false, null, -1, -1, -1, budgetBytes, warnBytes, null);
    }

    /** The used fraction of the budget (0 without a budget or retained bytes). */
    public double budgetUsed() {
        return budgetBytes > 0 && retainedBytes >= 0 ? (double) retainedBytes / budgetBytes : 0;
    }
}
