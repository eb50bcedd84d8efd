package io.syncline.processors;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one view, kept next to the view stage's totals ({@link ViewMetrics}). A change of a
 * table several views read counts once for each of them.
 */
public final class ViewCounters {
    final LongAdder recordsIn = new LongAdder();
    final LongAdder documents = new LongAdder();
    final LongAdder deletes = new LongAdder();
    final LongAdder unchanged = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder deadLettered = new LongAdder();

    ViewCounters() {
    }

    /** Change events of the view's tables the view stage read for it (not Kafka's tombstones after deletes). */
    public long recordsIn() {
        return recordsIn.sum();
    }

    /** Documents written to the view's topic (inserts, updates, snapshot reads). */
    public long documents() {
        return documents.sum();
    }

    /** Tombstones written to the view's topic. */
    public long deletes() {
        return deletes.sum();
    }

    /** Joined or transformed documents not sent again because a change left them as they were. */
    public long unchanged() {
        return unchanged.sum();
    }

    /** Change events of the view's tables dropped as already seen (replays, duplicates). */
    public long stale() {
        return stale.sum();
    }

    /** Records of the view sent to the view stage's dead-letter topic. */
    public long deadLettered() {
        return deadLettered.sum();
    }
}
