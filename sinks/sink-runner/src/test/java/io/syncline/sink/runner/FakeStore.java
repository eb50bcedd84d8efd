package io.syncline.sink.runner;

import io.syncline.sink.RecordCoordinates;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.WriteOutcome;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory store for tests, with the version guard the real sinks have: a record whose version
 * is not newer than the stored one (deletes included) changes nothing and is reported stale. It
 * also remembers every record it was given, by coordinates, to check at-least-once delivery.
 */
final class FakeStore {

    /** A stored document version; a null document is a delete (kept, so older versions stay stale). */
    record Entry(long version, Map<String, Object> document) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<RecordCoordinates, Integer> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong();

    WriteOutcome apply(SinkRecord record) {
        deliveries.merge(record.coordinates(), 1, Integer::sum);
        boolean[] written = {false};
        entries.compute(record.view() + "/" + record.record().id(), (key, stored) -> {
            if (stored != null && stored.version() >= record.record().version()) {
                return stored;
            }
            written[0] = true;
            return new Entry(record.record().version(), record.record().document());
        });
        applied.incrementAndGet();
        return written[0] ? WriteOutcome.WRITTEN : WriteOutcome.STALE;
    }

    /** Stored entries by {@code view/id}. */
    Map<String, Entry> snapshot() {
        return new TreeMap<>(entries);
    }

    Set<RecordCoordinates> delivered() {
        return Set.copyOf(deliveries.keySet());
    }

    long deliveriesOf(RecordCoordinates coordinates) {
        return deliveries.getOrDefault(coordinates, 0);
    }

    /** Records handed to the store, replays included. */
    long applied() {
        return applied.get();
    }
}
