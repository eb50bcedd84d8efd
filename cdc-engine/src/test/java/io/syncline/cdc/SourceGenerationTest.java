package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.SnapshotMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceGenerationTest {
    private static SourceGeneration decide(CaptureLedger.Entry ledger, int configured, ReplicationSlot slot,
                                           SnapshotMode mode) {
        return SourceGeneration.decide(Optional.ofNullable(ledger), configured, slot, mode, "s_slot");
    }

    @Test
    void theFirstStartTakesTheConfiguredGenerationWithoutASweep() {
        SourceGeneration first = decide(null, 0, ReplicationSlot.ABSENT, SnapshotMode.INITIAL);
        assertThat(first).isEqualTo(new SourceGeneration(0, false, false, null));
        // A pipeline from before the ledger, whose slot is there: nothing changes.
        assertThat(decide(null, 2, ReplicationSlot.USABLE, SnapshotMode.INITIAL))
                .isEqualTo(new SourceGeneration(2, false, false, null));
    }

    @Test
    void aRestartKeepsTheGenerationAndItsPendingSweep() {
        assertThat(decide(new CaptureLedger.Entry(3, true, true), 0, ReplicationSlot.USABLE, SnapshotMode.INITIAL))
                .isEqualTo(new SourceGeneration(3, false, false, null));
        assertThat(decide(new CaptureLedger.Entry(3, true, false), 0, ReplicationSlot.USABLE, SnapshotMode.INITIAL))
                .isEqualTo(new SourceGeneration(3, false, true, null));
        // Stopped before Debezium created the slot: its absence is not a loss.
        assertThat(decide(new CaptureLedger.Entry(3, false, false), 0, ReplicationSlot.ABSENT, SnapshotMode.INITIAL))
                .isEqualTo(new SourceGeneration(3, false, true, null));
    }

    @Test
    void aSlotGoneOrInvalidatedRaisesTheGenerationAndSweeps() {
        SourceGeneration gone = decide(new CaptureLedger.Entry(0, true, true), 0, ReplicationSlot.ABSENT, SnapshotMode.INITIAL);
        assertThat(gone.generation()).isEqualTo(1);
        assertThat(gone.dropSlot()).isFalse();
        assertThat(gone.sweepPending()).isTrue();
        assertThat(gone.reason()).contains("replication slot s_slot is gone", "not captured");

        SourceGeneration lost = decide(new CaptureLedger.Entry(4, true, true), 0, ReplicationSlot.LOST, SnapshotMode.WHEN_NEEDED);
        assertThat(lost).extracting(SourceGeneration::generation, SourceGeneration::dropSlot, SourceGeneration::sweepPending)
                .containsExactly(5, true, true);
        assertThat(lost.reason()).contains("wal_status lost");

        // No ledger yet (a version before it), but the slot says it.
        assertThat(decide(null, 0, ReplicationSlot.LOST, SnapshotMode.INITIAL))
                .extracting(SourceGeneration::generation, SourceGeneration::dropSlot).containsExactly(1, true);
    }

    @Test
    void aRaisedSourceGenerationStartsOverWithANewSlotUnlessNothingIsSnapshotted() {
        assertThat(decide(new CaptureLedger.Entry(1, true, true), 3, ReplicationSlot.USABLE, SnapshotMode.INITIAL))
                .extracting(SourceGeneration::generation, SourceGeneration::dropSlot, SourceGeneration::sweepPending)
                .containsExactly(3, true, true);
        // A raise that comes with a lost slot counts once.
        assertThat(decide(new CaptureLedger.Entry(1, true, true), 3, ReplicationSlot.ABSENT, SnapshotMode.INITIAL).generation())
                .isEqualTo(3);
        // no_data: nothing is read again, so nothing may be swept, and the slot keeps its changes.
        assertThat(decide(new CaptureLedger.Entry(1, true, true), 3, ReplicationSlot.USABLE, SnapshotMode.NO_DATA))
                .extracting(SourceGeneration::generation, SourceGeneration::dropSlot, SourceGeneration::sweepPending)
                .containsExactly(3, false, false);
        // A generation lower than the ledger's is not a step back.
        assertThat(decide(new CaptureLedger.Entry(5, true, true), 2, ReplicationSlot.USABLE, SnapshotMode.INITIAL).generation())
                .isEqualTo(5);
    }

    @Test
    void aLostSlotWithoutSnapshotsOrBeyondTheLastGenerationStopsWithWhatToDo() {
        assertThatThrownBy(() -> decide(new CaptureLedger.Entry(0, true, true), 0, ReplicationSlot.ABSENT, SnapshotMode.NO_DATA))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("set snapshot: initial (or when_needed) for one start");
        assertThatThrownBy(() -> decide(new CaptureLedger.Entry(127, true, true), 0, ReplicationSlot.ABSENT, SnapshotMode.INITIAL))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("beyond 127");
    }
}
