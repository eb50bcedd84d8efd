package io.syncline.cdc;

import java.util.List;
import java.util.Optional;

/**
 * What capture remembers about the source between runs, beside Debezium's offsets: the source
 * generation it captures, whether that generation's slot was ever created (so a missing slot
 * later means it was lost), and whether that generation's snapshot sweep was sent. Kept in the
 * pipeline's Kafka ({@link KafkaCaptureLedger}; the embedded broker keeps it in the state
 * directory), so it lives and dies with the change topics.
 */
interface CaptureLedger {
    /**
     * One state of the ledger.
     *
     * @param tables the captured tables ({@code schema.table}) as of the last start, so the next one
     *               can backfill a table added to the pipeline file; null when not known
     */
    record Entry(int generation, boolean slotCreated, boolean swept, List<String> tables) {
        Entry(int generation, boolean slotCreated, boolean swept) {
            this(generation, slotCreated, swept, null);
        }

        Entry withSlotCreated() {
            return new Entry(generation, true, swept, tables);
        }

        Entry withSwept() {
            return new Entry(generation, slotCreated, true, tables);
        }
    }

    /** The last entry written; none before the pipeline's first capture. */
    Optional<Entry> current();

    /** Writes {@code entry} and returns once it is stored. */
    void write(Entry entry);
}
