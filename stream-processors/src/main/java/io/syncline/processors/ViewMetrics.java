package io.syncline.processors;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the view processors, read by the daemon's status and metrics. */
public final class ViewMetrics {
    final LongAdder documents = new LongAdder();
    final LongAdder deletes = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder toastCarried = new LongAdder();
    final LongAdder toastUnresolved = new LongAdder();
    final LongAdder invalid = new LongAdder();
    final LongAdder unchanged = new LongAdder();

    /** Documents written to view topics (inserts, updates, snapshot reads). */
    public long documents() {
        return documents.sum();
    }

    /** Tombstones written to view topics. */
    public long deletes() {
        return deletes.sum();
    }

    /** Change events dropped because the view already had that version or a newer one (replays, duplicates). */
    public long stale() {
        return stale.sum();
    }

    /** TOAST placeholders filled in from the previous document. */
    public long toastCarried() {
        return toastCarried.sum();
    }

    /** TOAST placeholders with no previous document to take the value from: the field was left out. */
    public long toastUnresolved() {
        return toastUnresolved.sum();
    }

    /** Joined or transformed documents not sent again because a change left them as they were. */
    public long unchanged() {
        return unchanged.sum();
    }

    /** Change events that could not be read (logged with their coordinates). */
    public long invalid() {
        return invalid.sum();
    }
}
