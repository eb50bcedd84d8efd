package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    @Test
    void nothingToCommitBeforeAnyRecord() {
        assertThat(new OffsetTracker().commitOffset()).isEmpty();
    }

    @Test
    void commitsPastEveryAcknowledgedRecordInOrder() {
        OffsetTracker tracker = tracked(0, 1, 2);
        assertThat(tracker.commitOffset()).hasValue(0);

        tracker.acknowledge(0);
        assertThat(tracker.commitOffset()).hasValue(1);
        tracker.acknowledge(1);
        tracker.acknowledge(2);
        assertThat(tracker.commitOffset()).hasValue(3);
    }

    @Test
    void outOfOrderAcknowledgementsWaitForTheFirstUnacknowledgedRecord() {
        OffsetTracker tracker = tracked(10, 11, 12, 13, 14);

        tracker.acknowledge(13);
        tracker.acknowledge(11);
        tracker.acknowledge(14);
        assertThat(tracker.commitOffset()).hasValue(10);
        assertThat(tracker.unacknowledgedCount()).isEqualTo(2);

        tracker.acknowledge(10);
        assertThat(tracker.commitOffset()).as("12 is still unacknowledged").hasValue(12);

        tracker.acknowledge(12);
        assertThat(tracker.commitOffset()).hasValue(15);
        assertThat(tracker.unacknowledgedCount()).isZero();
    }

    @Test
    void gapsLeftByCompactionAreNotWaitedFor() {
        OffsetTracker tracker = tracked(3, 7, 20);

        tracker.acknowledge(20);
        tracker.acknowledge(3);
        assertThat(tracker.commitOffset()).hasValue(7);

        tracker.acknowledge(7);
        assertThat(tracker.commitOffset()).hasValue(21);
    }

    @Test
    void commitsUpToTheConsumerPositionPastTrailingMarkersOnceEverythingIsAcknowledged() {
        OffsetTracker tracker = tracked(5, 6);
        tracker.consumedUpTo(9);
        tracker.acknowledge(6);
        assertThat(tracker.commitOffset()).as("5 is unacknowledged").hasValue(5);

        tracker.acknowledge(5);
        assertThat(tracker.commitOffset()).hasValue(9);
    }

    @Test
    void aPositionWithoutRecordsCanBeCommitted() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.consumedUpTo(4);
        assertThat(tracker.commitOffset()).hasValue(4);
    }

    @Test
    void offersEachOffsetOnlyOnceCommitted() {
        OffsetTracker tracker = tracked(0, 1);
        tracker.acknowledge(0);
        tracker.committed(1);
        assertThat(tracker.commitOffset()).isEmpty();

        tracker.acknowledge(1);
        assertThat(tracker.commitOffset()).hasValue(2);
        tracker.committed(2);
        assertThat(tracker.commitOffset()).isEmpty();
    }

    @Test
    void acknowledgingAnUnknownOrRepeatedOffsetChangesNothing() {
        OffsetTracker tracker = tracked(0, 1);
        assertThat(tracker.acknowledge(5)).isFalse();
        assertThat(tracker.acknowledge(0)).isTrue();
        assertThat(tracker.acknowledge(0)).isFalse();
        assertThat(tracker.commitOffset()).hasValue(1);
    }

    @Test
    void refusesOffsetsOutOfOrder() {
        OffsetTracker tracker = tracked(4);
        assertThatThrownBy(() -> tracker.track(4)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tracker.track(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tracker.consumedUpTo(4)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void neverCommitsPastAnUnacknowledgedRecordUnderRandomAcknowledgementOrder() {
        java.util.Random random = new java.util.Random(42);
        OffsetTracker tracker = new OffsetTracker();
        java.util.List<Long> offsets = new java.util.ArrayList<>();
        long offset = 0;
        for (int i = 0; i < 500; i++) {
            offset += 1 + random.nextInt(3);
            offsets.add(offset);
            tracker.track(offset);
        }
        java.util.List<Long> order = new java.util.ArrayList<>(offsets);
        java.util.Collections.shuffle(order, random);
        java.util.TreeSet<Long> unacknowledged = new java.util.TreeSet<>(offsets);
        long lastCommitted = -1;
        for (long acked : order) {
            tracker.acknowledge(acked);
            unacknowledged.remove(acked);
            OptionalLong commit = tracker.commitOffset();
            long expected = unacknowledged.isEmpty() ? offset + 1 : unacknowledged.first();
            if (expected > lastCommitted) {
                assertThat(commit).hasValue(expected);
                tracker.committed(expected);
                lastCommitted = expected;
            } else {
                assertThat(commit).isEmpty();
            }
        }
        assertThat(lastCommitted).isEqualTo(offset + 1);
    }

    private static OffsetTracker tracked(long... offsets) {
        OffsetTracker tracker = new OffsetTracker();
        for (long offset : offsets) {
            tracker.track(offset);
        }
        return tracker;
    }
}
