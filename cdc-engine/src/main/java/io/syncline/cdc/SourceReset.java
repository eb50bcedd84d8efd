package io.syncline.cdc;

import io.syncline.config.SnapshotMode;
import io.syncline.view.Versions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code syncline reset --source}: the next start captures as the next source generation, with a
 * new slot and a new snapshot whose versions beat everything in the sinks, and then sweeps the
 * rows the source no longer has (see {@link SourceGeneration}). Done while the pipeline is
 * stopped: the slot is dropped and the ledger records the new generation, its slot not yet
 * created and its sweep due.
 */
public final class SourceReset {
    /**
     * What a reset does.
     *
     * @param current the generation captured now; empty when the pipeline never captured
     * @param problem why it cannot be done now; null when it can
     */
    public record Plan(String slot, Optional<Integer> current, int next, boolean slotExists, String problem) {
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("source generation: " + current.map(String::valueOf).orElse("none yet") + " -> " + next
                    + " (every version written from now on is above every version in the sinks)");
            lines.add("replication slot " + slot + ": " + (slotExists ? "dropped now (the changes it holds are read"
                    + " again by the new snapshot)" : "does not exist") + "; the next start creates a new one");
            lines.add("next start: a new snapshot of every captured table as generation " + next + ", then the"
                    + " documents of rows the source no longer has are deleted from every view and sink");
            if (problem != null) {
                lines.add("refused: " + problem);
            }
            return lines;
        }
    }

    private SourceReset() {
    }

    public static Plan plan(CaptureOptions options, Connection connection) throws SQLException {
        Optional<Integer> current;
        try (KafkaCaptureLedger ledger = KafkaCaptureLedger.open(options)) {
            current = ledger.current().map(CaptureLedger.Entry::generation);
        }
        int next = Math.max(current.orElse(-1) + 1, options.generation() + (current.isEmpty() ? 1 : 0));
        String problem = null;
        Optional<Integer> activePid = activePid(connection, options.slot());
        boolean exists = ReplicationSlot.of(connection, options.slot()) != ReplicationSlot.ABSENT;
        if (activePid.isPresent()) {
            problem = "slot " + options.slot() + " is in use by PID " + activePid.get() + ": stop the daemon first";
        } else if (options.snapshotMode() == SnapshotMode.NO_DATA) {
            problem = "source.snapshot is no_data: a new generation would read nothing again, and its sweep would delete"
                    + " everything; set snapshot: initial first";
        } else if (next > Versions.MAX_GENERATION) {
            problem = "generation " + next + " is beyond " + Versions.MAX_GENERATION + ", the highest a version can hold:"
                    + " rebuild the pipeline (new topicPrefix, new sink targets)";
        }
        return new Plan(options.slot(), current, next, exists, problem);
    }

    /** Drops the slot and records the new generation. */
    public static void apply(CaptureOptions options, Connection connection, Plan plan) throws SQLException {
        if (plan.problem() != null) {
            throw new IllegalStateException(plan.problem());
        }
        if (ReplicationSlot.of(connection, options.slot()) != ReplicationSlot.ABSENT) {
            ReplicationSlot.drop(connection, options.slot());
        }
        try (KafkaCaptureLedger ledger = KafkaCaptureLedger.open(options)) {
            ledger.write(new CaptureLedger.Entry(plan.next(), false, false));
        }
    }

    private static Optional<Integer> activePid(Connection connection, String slot) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }
}
