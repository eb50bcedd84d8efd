package io.syncline.cdc;

import io.syncline.config.SnapshotMode;
import io.syncline.view.Versions;
import java.util.List;
import java.util.Optional;

/**
 * Which source generation a capture start runs as, and what that takes. The generation is the
 * highest of the ledger's and {@code source.generation}; it goes up by one when the slot the last
 * run created is gone or invalidated (the changes made meanwhile are lost: only a new snapshot,
 * whose versions beat everything before it, and a sweep of what it no longer has, repair that).
 * Every generation has its own Debezium offsets ({@link CaptureOptions#engineName()}), so a new one
 * starts with a snapshot; its slot is a new one too, so no change older than that snapshot streams
 * after it.
 *
 * @param generation   the generation to capture as
 * @param dropSlot     the existing slot must go first (invalidated, or of an older generation)
 * @param sweepPending a sweep marker is due once this generation's snapshot is complete
 * @param reason       why the generation went up, for the log; null when it did not
 */
record SourceGeneration(int generation, boolean dropSlot, boolean sweepPending, String reason) {

    static SourceGeneration decide(Optional<CaptureLedger.Entry> ledger, int configured, ReplicationSlot slot,
                                   SnapshotMode snapshot, String slotName) {
        boolean lost = slot == ReplicationSlot.LOST
                || slot == ReplicationSlot.ABSENT && ledger.map(CaptureLedger.Entry::slotCreated).orElse(false);
        // Without a ledger (the first start, or one by a version before it) an invalidated slot still tells.
        int previous = ledger.map(CaptureLedger.Entry::generation).orElse(lost ? configured : -1);
        int generation = Math.max(configured, previous);
        String reason = null;
        if (lost && generation == previous) {
            generation = previous + 1;
            reason = "replication slot " + slotName + (slot == ReplicationSlot.LOST
                    ? " was invalidated by PostgreSQL (wal_status lost: max_slot_wal_keep_size)"
                    : " is gone (dropped, or the source was restored or failed over)")
                    + " since the last run: the changes made meanwhile were not captured";
        } else if (previous >= 0 && generation > previous) {
            reason = "source.generation was raised from " + previous + " to " + generation;
        }
        boolean raised = reason != null;
        if (generation > Versions.MAX_GENERATION) {
            throw new PreflightException(List.of((reason != null ? reason : "the source generation") + ", and the next"
                    + " generation would be " + generation + ", beyond " + Versions.MAX_GENERATION + ", the highest a"
                    + " view version can hold: rebuild the pipeline (new topicPrefix, new sink targets)"));
        }
        if (raised && lost && snapshot == SnapshotMode.NO_DATA) {
            throw new PreflightException(List.of(reason + ". With source.snapshot: no_data Syncline cannot repair"
                    + " that: set snapshot: initial (or when_needed) for one start, which reads every row again as"
                    + " generation " + generation + " and then deletes the documents of rows the source no longer has"));
        }
        boolean snapshots = snapshot != SnapshotMode.NO_DATA;
        boolean dropSlot = slot == ReplicationSlot.LOST || raised && snapshots && slot == ReplicationSlot.USABLE;
        boolean sweepPending = raised ? snapshots : ledger.map(entry -> !entry.swept()).orElse(false);
        return new SourceGeneration(generation, dropSlot, sweepPending, reason);
    }
}
