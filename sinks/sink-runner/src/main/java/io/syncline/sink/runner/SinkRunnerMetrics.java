package io.syncline.sink.runner;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;

/** Counters of one sink runner, safe to read from any thread (e.g. a status endpoint). */
public final class SinkRunnerMetrics {
    private final LongAdder written = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final AtomicReference<Instant> lastCommit = new AtomicReference<>();
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    private final Map<TopicPartition, TombstoneWindow.Level> tombstoneRisk = new ConcurrentHashMap<>();
    private final LongAdder tombstoneRetentionExceeded = new LongAdder();
    /** Lanes (or the prepare step) whose last attempt failed transiently and that are retrying, with the error. */
    private final Map<String, LastError> failing = new ConcurrentHashMap<>();
    private final AtomicReference<LastError> lastError = new AtomicReference<>();
    /** The idle check's error while the store does not answer (null: it answered, or was not checked). */
    private final AtomicReference<LastError> unreachable = new AtomicReference<>();
    /** The newest source commit time among records acknowledged since the sink fell behind (0: none yet). */
    private final LongAccumulator acknowledgedWhileBehind = new LongAccumulator(Math::max, 0);
    /** When the consumer last found records waiting after finding none (0: caught up). */
    private volatile long behindSinceMs;
    /** When the consumer last measured its partitions' lag (0: never). */
    private volatile long lagMeasuredAtMs;
    /** Partitions not consumed past a record made with a newer schema of its view. */
    private final Map<TopicPartition, SchemaHold> schemaHolds = new ConcurrentHashMap<>();
    private final List<AcknowledgementListener> listeners = new CopyOnWriteArrayList<>();

    /** An error and when it happened. */
    public record LastError(String message, Instant at) {
        static LastError of(Throwable error) {
            return new LastError(error == null ? "unknown error" : error.toString(), Instant.now());
        }
    }

    /** Told of every record the store now holds (written, not stale), e.g. to measure end-to-end latency. */
    @FunctionalInterface
    public interface AcknowledgementListener {
        /** {@code sourceTimestampMs}: the source's commit time of the change (0: unknown). */
        void acknowledged(String view, long sourceTimestampMs, long acknowledgedAtMs);
    }

    /** Adds a listener of acknowledged records (a daemon's meters, a benchmark); called from the lanes' threads. */
    public void onAcknowledged(AcknowledgementListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Why writing is failing right now, while the runner retries (e.g. the store is unreachable):
     * the latest transient error of a lane (or of preparing) whose last attempt failed; empty once
     * every such lane wrote again.
     */
    public Optional<LastError> retryingOn() {
        return failing.values().stream().max(Comparator.comparing(LastError::at));
    }

    /**
     * Why the store is thought unreachable: the idle check's error (with the time of the first
     * failed check), until a check or a write succeeds.
     */
    public Optional<LastError> unreachable() {
        return Optional.ofNullable(unreachable.get());
    }

    /**
     * How far behind the source the sink is, in seconds: 0 when no record waits; else now minus the
     * source commit time of the newest record acknowledged since records started waiting, or, before
     * one is, the time since they started waiting (so a sink idle for hours that gets one change is
     * not hours behind). NaN before the consumer has measured its lag.
     */
    public double lagSeconds(long nowMs) {
        Map<TopicPartition, Long> partitions = Map.copyOf(lag);
        if (partitions.isEmpty()) {
            return Double.NaN;
        }
        if (partitions.values().stream().mapToLong(Long::longValue).sum() == 0) {
            return 0;
        }
        long acknowledged = acknowledgedWhileBehind.get();
        long since = acknowledged > 0 ? acknowledged : behindSinceMs;
        return since <= 0 ? Double.NaN : Math.max(0, nowMs - since) / 1000.0;
    }

    /** The latest error the runner met, transient or not, even when it recovered since. */
    public Optional<LastError> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    /** Records the store now holds. */
    public long recordsWritten() {
        return written.sum();
    }

    /** Records the store already held at the same or a newer version (replays). */
    public long recordsStale() {
        return stale.sum();
    }

    /** Records sent to the dead-letter topic (rejected by the sink, or not decodable). */
    public long recordsDeadLettered() {
        return deadLettered.sum();
    }

    /** Retry rounds: a whole batch, or its records that failed transiently, written again. */
    public long retries() {
        return retries.sum();
    }

    /** Batches handed to a writer (retry rounds not counted). */
    public long batches() {
        return batches.sum();
    }

    /** Records left unwritten because their partition was revoked or lost; their next owner writes them. */
    public long recordsAbandoned() {
        return abandoned.sum();
    }

    public Optional<Instant> lastCommit() {
        return Optional.ofNullable(lastCommit.get());
    }

    /** Per assigned partition: records not yet acknowledged by the sink (consumed or not). */
    public Map<TopicPartition, Long> lag() {
        Map<TopicPartition, Long> copy = new TreeMap<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        copy.putAll(lag);
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Partitions whose last commit, with records waiting, is over half ({@code APPROACHING}) or all
     * ({@code EXCEEDED}) of their view topic's tombstone retention: deletes may be missed.
     */
    public Map<TopicPartition, TombstoneWindow.Level> tombstoneRisk() {
        return Map.copyOf(tombstoneRisk);
    }

    /** How many times a partition was found behind by more than its tombstone retention (see {@link #tombstoneRisk}). */
    public long tombstoneRetentionExceeded() {
        return tombstoneRetentionExceeded.sum();
    }

    void failingTransiently(String lane, Throwable error) {
        LastError last = LastError.of(error);
        failing.put(lane, last);
        lastError.set(last);
    }

    void failed(Throwable error) {
        lastError.set(LastError.of(error));
    }

    void recovered(String lane) {
        failing.remove(lane);
    }

    void acknowledged(String view, long sourceTimestampMs, long acknowledgedAtMs) {
        if (sourceTimestampMs > 0 && behindSinceMs > 0) {
            acknowledgedWhileBehind.accumulate(sourceTimestampMs);
        }
        for (AcknowledgementListener listener : listeners) {
            try {
                listener.acknowledged(view, sourceTimestampMs, acknowledgedAtMs);
            } catch (RuntimeException e) {
                // A listener never stops a write, nor keeps the others from hearing of it.
            }
        }
    }

    void written(long count) {
        written.add(count);
        if (count > 0 && unreachable.get() != null) {
            unreachable.set(null); // a write went through: the store answers
        }
    }

    /** The idle check failed; true when the store was not known unreachable before. */
    boolean unreachable(Throwable error) {
        LastError now = LastError.of(error);
        lastError.set(now);
        LastError before = unreachable.getAndUpdate(old -> old == null ? now : new LastError(now.message(), old.at()));
        return before == null;
    }

    /** The idle check succeeded; true when the store was known unreachable before. */
    boolean reachable() {
        return unreachable.getAndSet(null) != null;
    }

    /** Partitions the runner stopped consuming at a record made with a newer schema of its view. */
    public Map<TopicPartition, SchemaHold> schemaHolds() {
        return Map.copyOf(schemaHolds);
    }

    /**
     * Whether the runner wrote everything of {@code topics} it may write with its schemas, by a lag
     * measurement taken at or after {@code measuredSinceMs}: each of their partitions caught up, or held
     * at a record made with a newer schema ({@link SchemaHold}) with every record before it written. It
     * may then stop for a runner with the new schemas without leaving records of the old ones to it.
     */
    public boolean writtenUpToNewerSchemas(Set<String> topics, long measuredSinceMs) {
        Map<TopicPartition, Long> partitions = new HashMap<>(lag);
        partitions.keySet().removeIf(partition -> !topics.contains(partition.topic()));
        Map<TopicPartition, SchemaHold> holds = Map.copyOf(schemaHolds);
        if (lagMeasuredAtMs < measuredSinceMs || partitions.isEmpty()) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> partition : partitions.entrySet()) {
            SchemaHold hold = holds.get(partition.getKey());
            // A held partition's lag counts the records after the hold, which wait for the new schema.
            if (hold != null ? !hold.writtenUpTo() : partition.getValue() != 0) {
                return false;
            }
        }
        return true;
    }

    void schemaHold(TopicPartition partition, SchemaHold hold) {
        schemaHolds.put(partition, hold);
    }

    /** The consumer measured every assigned partition's lag; {@code behind}: records wait in one of them. */
    void lagMeasured(boolean behind, long nowMs) {
        lagMeasuredAtMs = nowMs;
        if (!behind) {
            behindSinceMs = 0;
            acknowledgedWhileBehind.reset();
        } else if (behindSinceMs == 0) {
            behindSinceMs = nowMs;
        }
    }

    void stale(long count) {
        stale.add(count);
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void retried() {
        retries.increment();
    }

    void abandoned(long count) {
        abandoned.add(count);
    }

    void batch() {
        batches.increment();
    }

    void committed(Instant when) {
        lastCommit.set(when);
    }

    void lag(TopicPartition partition, long records) {
        lag.put(partition, records);
    }

    void tombstoneRisk(TopicPartition partition, TombstoneWindow.Level level) {
        if (level == null) {
            tombstoneRisk.remove(partition);
        } else {
            if (level == TombstoneWindow.Level.EXCEEDED) {
                tombstoneRetentionExceeded.increment();
            }
            tombstoneRisk.put(partition, level);
        }
    }

    void forget(TopicPartition partition) {
        lag.remove(partition);
        schemaHolds.remove(partition);
    }
}
