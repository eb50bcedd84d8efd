package io.syncline.cdc;

import io.syncline.config.Sizes;
import io.syncline.config.WalRetentionSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * The slot monitor's decisions as pure functions: what a reading means against the budget
 * ({@link #status}), whether to log it ({@link #logDecision}), and the line to log ({@link #message}).
 */
final class SlotRetention {
    /** While a state other than OK lasts, it is logged again at most this often. */
    static final Duration REPEAT = Duration.ofMinutes(5);

    private SlotRetention() {
    }

    /**
     * The state the next {@link #logDecision} compares with: a slot not created yet and a failed reading are
     * not remembered, so a slot that appears, or a reading that works again, is not a change worth a line.
     */
    static SlotStatus.State remembered(SlotStatus.State previous, SlotStatus.State now, Log log) {
        if (log != Log.NONE) {
            return now;
        }
        return now == SlotStatus.State.UNKNOWN || now == SlotStatus.State.ABSENT && previous == SlotStatus.State.UNKNOWN
                ? previous : now;
    }

    /** How a reading is logged: not at all, as a warning, or as info (back within the budget). */
    enum Log { NONE, WARN, INFO }

    static SlotStatus status(String slot, SlotReading reading, WalRetentionSpec spec) {
        long budget = spec.budgetBytes();
        long warn = spec.hasBudget() ? spec.warnBytes() : 0;
        long retained = reading.retainedBytes() == null ? -1 : reading.retainedBytes();
        long lag = reading.confirmedFlushLagBytes() == null ? -1 : reading.confirmedFlushLagBytes();
        long safe = reading.safeWalSizeBytes() == null ? -1 : reading.safeWalSizeBytes();
        return new SlotStatus(state(reading, spec), slot, reading.active(), reading.walStatus(), retained, lag, safe,
                budget, warn, reading.at());
    }

    static SlotStatus.State state(SlotReading reading, WalRetentionSpec spec) {
        if (!reading.exists()) {
            return SlotStatus.State.ABSENT;
        }
        if ("lost".equals(reading.walStatus())) {
            return SlotStatus.State.INVALIDATED;
        }
        Long retained = reading.retainedBytes();
        if (spec.hasBudget() && retained != null && retained > spec.budgetBytes()) {
            return SlotStatus.State.EXCEEDED;
        }
        if (spec.hasBudget() && retained != null && retained >= spec.warnBytes()
                || "unreserved".equals(reading.walStatus())) {
            return SlotStatus.State.WARNING;
        }
        return SlotStatus.State.OK;
    }

    /**
     * Whether to log {@code now} after {@code previous} was last logged at {@code lastLogged}: on every
     * change of state (a slot not yet created at the first reading aside), and while a state other than OK
     * lasts, again once {@link #REPEAT} has passed.
     */
    static Log logDecision(SlotStatus.State previous, Instant lastLogged, SlotStatus.State now, Instant at) {
        boolean bad = now != SlotStatus.State.OK && now != SlotStatus.State.UNKNOWN;
        if (now != previous) {
            if (now == SlotStatus.State.UNKNOWN) {
                return Log.NONE; // the reading failed: the monitor logs that itself
            }
            if (now == SlotStatus.State.ABSENT && previous == SlotStatus.State.UNKNOWN) {
                return Log.NONE; // Debezium creates the slot once it starts
            }
            if (now == SlotStatus.State.OK) {
                return previous == SlotStatus.State.WARNING || previous == SlotStatus.State.EXCEEDED ? Log.INFO : Log.NONE;
            }
            return Log.WARN;
        }
        if (bad && (lastLogged == null || !at.isBefore(lastLogged.plus(REPEAT)))) {
            return Log.WARN;
        }
        return Log.NONE;
    }

    /** The line for {@code status}: the numbers and what to do. */
    static String message(SlotStatus status, WalRetentionSpec spec) {
        String slot = "replication slot " + status.slot();
        String numbers = "retains " + bytes(status.retainedBytes()) + " of WAL"
                + (spec.hasBudget() ? " (" + percent(status) + " of source.walRetention.budget " + Sizes.describe(spec.budgetBytes()) + ")" : "")
                + ", capture " + (status.active() ? "connected" : "NOT connected")
                + ", unconfirmed " + bytes(status.confirmedFlushLagBytes())
                + (status.walStatus() != null ? ", wal_status " + status.walStatus() : "")
                + (status.safeWalSizeBytes() >= 0 ? ", " + Sizes.describe(status.safeWalSizeBytes())
                        + " more WAL before PostgreSQL invalidates it (max_slot_wal_keep_size)" : "");
        String check = status.active()
                ? "the capture is connected but not confirming: check the daemon's log for capture or Kafka errors"
                        + " (a stalled sink does not hold the slot: capture confirms WAL once Kafka has the changes)"
                : "start the daemon (syncline run) so capture reads and confirms the WAL, or, if the pipeline is gone for"
                        + " good, drop the slot (SELECT pg_drop_replication_slot('" + status.slot() + "'))";
        return switch (status.state()) {
            case OK -> slot + " is back within its WAL budget: " + numbers;
            case WARNING -> slot + " " + numbers + ": PostgreSQL keeps this WAL on the source's disk until capture"
                    + " confirms it; " + check;
            case EXCEEDED -> slot + " " + numbers + ": above the budget; " + (spec.onExceeded()
                    == WalRetentionSpec.OnExceeded.DROP_SLOT ? "onExceeded is drop_slot: stopping capture and dropping the"
                    + " slot; the next start captures as a new source generation, with a new slot and a new snapshot"
                    : check + " (onExceeded: warn keeps the slot; drop_slot would drop it and re-snapshot as a new"
                    + " source generation)");
            case INVALIDATED -> slot + " was invalidated by PostgreSQL (wal_status lost: it retained more than"
                    + " max_slot_wal_keep_size): its WAL is gone and it can never stream again. Changes made since it fell"
                    + " behind were not captured. Recovery: restart the daemon (syncline run): the next start drops the"
                    + " slot and captures as a new source generation (a new slot, a new snapshot, then the rows the source"
                    + " no longer has are deleted from every sink); or, with the daemon stopped, syncline reset --source";
            case ABSENT -> slot + " does not exist (dropped, or the source was restored or failed over): capture cannot"
                    + " go on from it; restart the daemon: the next start captures as a new source generation with a new"
                    + " slot and a new snapshot";
            case UNKNOWN -> slot + ": not read";
        };
    }

    private static String bytes(long bytes) {
        return bytes < 0 ? "unknown" : Sizes.describe(bytes);
    }

    private static String percent(SlotStatus status) {
        return Math.round(status.budgetUsed() * 100) + "%";
    }
}
