package io.syncline.sink.runner;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records the sink is done with (written, stale, or dead-lettered and acknowledged by Kafka),
 * reported from lane and producer threads and applied to the offset trackers on the consumer thread.
 */
final class Acknowledgements {
    private record Ack(OffsetTracker tracker, long offset) {
    }

    private final ConcurrentLinkedQueue<Ack> queue = new ConcurrentLinkedQueue<>();

    void acknowledge(OffsetTracker tracker, long offset) {
        queue.add(new Ack(tracker, offset));
    }

    void acknowledge(PendingRecord record) {
        acknowledge(record.tracker(), record.raw().offset());
    }

    /** Applies every reported acknowledgement; consumer thread only. Returns how many. */
    int applyAll() {
        int applied = 0;
        for (Ack ack = queue.poll(); ack != null; ack = queue.poll()) {
            // A tracker dropped on revocation still takes the ack; nothing reads it any more.
            ack.tracker().acknowledge(ack.offset());
            applied++;
        }
        return applied;
    }
}
