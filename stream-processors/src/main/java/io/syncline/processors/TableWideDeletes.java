package io.syncline.processors;

import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Deletes the rows of a view task's store that an event about a whole table removes (a truncate,
 * a snapshot sweep): each becomes a delete marker at the event's position, and its tombstone goes
 * on with a version above the row's last one, so sinks delete it and nothing older comes back.
 * Reads the whole store in one go: N rows make N deletes (and changelog records) within the
 * processing of one record, in one transaction.
 */
final class TableWideDeletes {
    /** Sends the tombstone of a deleted row. */
    interface Deletes {
        void deleted(String id, long version, long sourceTimestampMs);
    }

    private TableWideDeletes() {
    }

    /** Deletes every live row {@code removed} accepts; returns how many. Control entries ({@link ViewState#isControlKey}) stay. */
    static long deleteWhere(KeyValueStore<String, byte[]> store, Predicate<ViewState> removed, ChangeEvent event,
                            Deletes deletes) {
        SourcePosition position = event.position();
        long deleted = 0;
        // Writing while iterating is safe: a store iterator reads a snapshot (RocksDB) or a copy of the keys.
        try (KeyValueIterator<String, byte[]> rows = store.all()) {
            while (rows.hasNext()) {
                KeyValue<String, byte[]> row = rows.next();
                if (ViewState.isControlKey(row.key)) {
                    continue;
                }
                ViewState state = ViewState.decode(row.value);
                if (state.deleted() || !removed.test(state)) {
                    continue;
                }
                long version = Math.max(state.version() + 1, position.version());
                store.put(row.key, ViewState.deleteMarker(position, version));
                deletes.deleted(row.key, version, event.sourceTimestampMs());
                deleted++;
            }
        }
        return deleted;
    }
}
