package io.syncline.processors;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the view processors, read by the daemon's status and metrics: totals of the stage, and
 * per view ({@link #view}).
 */
public final class ViewMetrics {
    final LongAdder changesIn = new LongAdder();
    final LongAdder documents = new LongAdder();
    final LongAdder deletes = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder toastCarried = new LongAdder();
    final LongAdder toastReread = new LongAdder();
    final LongAdder toastUnresolved = new LongAdder();
    final LongAdder unchanged = new LongAdder();
    final LongAdder backfillResent = new LongAdder();
    final LongAdder truncates = new LongAdder();
    final LongAdder truncatesIgnored = new LongAdder();
    final LongAdder swept = new LongAdder();
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, ViewCounters> views = new ConcurrentHashMap<>();

    /** The counters of view {@code name}, made when first asked for (processors ask once, when their task starts). */
    public ViewCounters view(String name) {
        return views.computeIfAbsent(name, n -> new ViewCounters());
    }

    /** The counters of every view, by name. */
    public Map<String, ViewCounters> views() {
        return new TreeMap<>(views);
    }

    /** Change events the view stage read from the change topics (once per table, however many views read it). */
    public long changesIn() {
        return changesIn.sum();
    }

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

    /**
     * Values a change left out (unchanged TOASTed) that no earlier version held, read again from the
     * source by the row's key: after a primary-key update, lost state, or for a joined table's rows.
     */
    public long toastReread() {
        return toastReread.sum();
    }

    /** Values a change left out that neither an earlier version nor the source had (the row is gone): the field was left out. */
    public long toastUnresolved() {
        return toastUnresolved.sum();
    }

    /** Joined or transformed documents not sent again because a change left them as they were. */
    public long unchanged() {
        return unchanged.sum();
    }

    /**
     * Joined or transformed documents sent again although unchanged, because a backfill's read
     * (an incremental snapshot) reached them; also counted in {@link #documents()}.
     */
    public long backfillResent() {
        return backfillResent.sum();
    }

    /** TRUNCATE events that deleted a table's rows from a view task's store (onTruncate: propagate; one per task). */
    public long truncates() {
        return truncates.sum();
    }

    /** TRUNCATE events a view ignored (onTruncate: ignore; one per task): its sinks keep rows the source no longer has. */
    public long truncatesIgnored() {
        return truncatesIgnored.sum();
    }

    /**
     * Rows deleted by snapshot sweeps: rows of an older source generation that the new generation's
     * snapshot did not have (deleted while the slot was lost, or before a reset).
     */
    public long swept() {
        return swept.sum();
    }

    /** Counts one record sent to the view stage's dead-letter topic by {@code processor} (its node name), which feeds {@code views}. */
    public void countDeadLetter(String processor, List<String> views) {
        deadLettered.computeIfAbsent(String.valueOf(processor), p -> new LongAdder()).increment();
        views.forEach(view -> view(view).deadLettered.increment());
    }

    /** Records sent to the view stage's dead-letter topic: unreadable, or a processor failed on them. */
    public long deadLettered() {
        return deadLettered.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** {@link #deadLettered()} per processor (Kafka Streams node name, which starts with the view's or table's name). */
    public Map<String, Long> deadLetteredByProcessor() {
        Map<String, Long> counts = new TreeMap<>();
        deadLettered.forEach((processor, count) -> counts.put(processor, count.sum()));
        return counts;
    }
}
