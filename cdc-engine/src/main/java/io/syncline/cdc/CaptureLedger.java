package io.syncline.cdc;

import java.util.Optional;

/**
 * What capture remembers about the source between runs, beside Debezium's offsets: the source
 * generation it captures, whether that generation's slot was ever created (so a missing slot
 * later means it was lost), and whether that generation's snapshot sweep was sent. Kept in the
 * pipeline's Kafka ({@link KafkaCaptureLedger}; the embedded broker keeps it in the state
 * directory), so it lives and dies with the change topics.
 */
interface CaptureLedger {
    /** One state of the ledger. */
    record Entry(int generation, boolean slotCreated, boolean swept) {
        Entry withSlotCreated() {
            return new Entry(generation, true, swept);
        }

        Entry withSwept() {
            return new Entry(generation, slotCreated, true);
        }
    }

    /** The last entry written; none before the pipeline's first capture. */
    Optional<Entry> current();

    /** Writes {@code entry} and returns once it is stored. */
    void write(Entry entry);
}
