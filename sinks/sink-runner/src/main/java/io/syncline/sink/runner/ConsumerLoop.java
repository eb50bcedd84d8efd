package io.syncline.sink.runner;

import io.syncline.sink.SinkRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: polls the view topics, decodes each record and hands it to its lane (an
 * undecodable one goes to the dead-letter topic), applies the lanes' acknowledgements to the offset
 * trackers, commits, and pauses the assignment while a lane retries or falls behind (polling on, so
 * the group membership stays alive). A record made with a newer schema of its view than the runner
 * has is not handed out: its partition is rewound to it and stays paused ({@link SchemaHold}), so
 * nothing is written with an older schema than the record's and nothing past it is committed.
 * Owns the consumer; nothing else touches it.
 */
final class ConsumerLoop implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration ASSIGNMENT_LOOKUP_TIMEOUT = Duration.ofSeconds(10);
    private static final long COMMIT_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

    private final String sinkName;
    private final Consumer<byte[], byte[]> consumer;
    private final ViewDecoder decoder;
    private final List<Lane> lanes;
    private final DeadLetterProducer deadLetters;
    private final Acknowledgements acks;
    private final SinkRunnerMetrics metrics;
    private final FirstFailure failure;
    private final int laneBacklogLimit;
    private final long laneBacklogBytesLimit;
    private final Duration revocationTimeout;
    private final TombstoneWindow tombstones;
    private final Map<TopicPartition, OffsetTracker> trackers = new HashMap<>();
    private final Map<TopicPartition, SchemaHold> holds = new HashMap<>();
    private long lastCommitNanos = System.nanoTime();
    private boolean lanesStopped;

    ConsumerLoop(String sinkName, Consumer<byte[], byte[]> consumer, ViewDecoder decoder, List<Lane> lanes,
                 DeadLetterProducer deadLetters, Acknowledgements acks, SinkRunnerMetrics metrics,
                 FirstFailure failure, int maxRecords, Duration revocationTimeout) {
        this(sinkName, consumer, decoder, lanes, deadLetters, acks, metrics, failure, maxRecords,
                SinkRunnerOptions.Batching.DEFAULT_MAX_BYTES, revocationTimeout, new TombstoneWindow(sinkName, Map.of(), metrics));
    }

    ConsumerLoop(String sinkName, Consumer<byte[], byte[]> consumer, ViewDecoder decoder, List<Lane> lanes,
                 DeadLetterProducer deadLetters, Acknowledgements acks, SinkRunnerMetrics metrics,
                 FirstFailure failure, int maxRecords, long maxBytes, Duration revocationTimeout,
                 TombstoneWindow tombstones) {
        this.sinkName = sinkName;
        this.tombstones = tombstones;
        this.consumer = consumer;
        this.decoder = decoder;
        this.lanes = lanes;
        this.deadLetters = deadLetters;
        this.acks = acks;
        this.metrics = metrics;
        this.failure = failure;
        // One batch being taken and one more waiting per lane; beyond that the consumer pauses.
        this.laneBacklogLimit = 2 * maxRecords;
        // Likewise in bytes, so large records cannot pile up in memory (a record alone may exceed it).
        this.laneBacklogBytesLimit = 2 * maxBytes;
        this.revocationTimeout = revocationTimeout;
    }

    /** Polls until a stop is requested or the runner failed. */
    void run(BooleanSupplier stopRequested) {
        consumer.subscribe(decoder.topics(), this);
        while (!stopRequested.getAsBoolean() && !failure.failed()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                dispatch(record);
            }
            noteConsumedPositions();
            acks.applyAll();
            if (System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL_NANOS) {
                commit(trackers.keySet());
                updateLag();
            }
            applyBackpressure();
        }
    }

    /** After the lanes stopped: applies their last acknowledgements and commits. */
    void finish() {
        lanesStopped = true;
        acks.applyAll();
        try {
            commit(trackers.keySet());
        } catch (KafkaException e) {
            // Nothing is lost: the records after the last commit are read again on the next start.
            LOG.warn("sink {}: the final commit failed: {}", sinkName, e.toString());
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (holds.containsKey(partition)) {
            return; // fetched with the held record: read again by the runner with the new schema
        }
        OptionalLong newerSchema = decoder.newerSchemaVersion(record);
        if (newerSchema.isPresent()) {
            hold(partition, record, newerSchema.getAsLong());
            return;
        }
        OffsetTracker tracker = trackers.computeIfAbsent(partition, p -> new OffsetTracker());
        tracker.track(record.offset());
        SinkRecord decoded;
        try {
            decoded = decoder.decode(record);
        } catch (RuntimeException e) {
            deadLetterUndecodable(record, tracker, e);
            return;
        }
        lanes.get(LaneAssignment.laneOf(record.topic(), record.key(), lanes.size()))
                .add(new PendingRecord(decoded, record, tracker));
    }

    private void hold(TopicPartition partition, ConsumerRecord<byte[], byte[]> record, long recordVersion) {
        consumer.seek(partition, record.offset());
        consumer.pause(List.of(partition));
        SchemaHold hold = decoder.hold(record, recordVersion);
        holds.put(partition, hold);
        metrics.schemaHold(partition, hold);
        LOG.info("sink {}: {}-{}@{} was made with version {} of the schema of view {}, newer than version {} this sink"
                        + " writes with; not consuming the partition past it until the sink restarts with that schema", sinkName,
                record.topic(), record.partition(), record.offset(), recordVersion, hold.view(), hold.runnerVersion());
    }

    private void deadLetterUndecodable(ConsumerRecord<byte[], byte[]> record, OffsetTracker tracker, RuntimeException error) {
        String coordinates = record.topic() + "-" + record.partition() + "@" + record.offset();
        LOG.warn("sink {}: {} is not a valid view record ({}); dead-lettering it", sinkName, coordinates,
                error.getClass().getSimpleName());
        try {
            deadLetters.send(record, "undecodable view record: " + error.getMessage(), error, (metadata, sendError) -> {
                if (sendError == null) {
                    metrics.deadLettered();
                    acks.acknowledge(tracker, record.offset());
                } else {
                    failure.fail(new SinkRunnerException("sink " + sinkName + ": the dead-letter topic did not take "
                            + coordinates, sendError));
                }
            });
        } catch (KafkaException e) {
            failure.fail(new SinkRunnerException("sink " + sinkName + ": the dead-letter topic did not take " + coordinates, e));
        }
    }

    /** Lets trackers commit past offsets that hold no record (compacted away, transaction markers). */
    private void noteConsumedPositions() {
        Set<TopicPartition> assigned = consumer.assignment();
        trackers.forEach((partition, tracker) -> {
            if (assigned.contains(partition)) {
                tracker.consumedUpTo(consumer.position(partition));
            }
        });
    }

    private void commit(Collection<TopicPartition> partitions) {
        lastCommitNanos = System.nanoTime();
        Instant now = Instant.now();
        String metadata = TombstoneWindow.metadata(now);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, OffsetTracker> committing = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetTracker tracker = trackers.get(partition);
            OptionalLong offset = tracker == null ? OptionalLong.empty() : tracker.commitOffset();
            if (offset.isEmpty() && tracker != null && caughtUp(partition, tracker)
                    && tombstones.keepAliveDue(partition, now)) {
                offset = tracker.lastCommitted(); // nothing new: the same offset again, with a fresh time
            }
            if (offset.isPresent()) {
                offsets.put(partition, new OffsetAndMetadata(offset.getAsLong(), metadata));
                committing.put(partition, tracker);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> {
                committing.get(partition).committed(offset.offset());
                tombstones.committed(partition, now);
            });
            metrics.committed(now);
            LOG.debug("sink {}: committed {}", sinkName, offsets);
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            // Nothing is lost: the same offsets (or later ones) are committed next time, or the records
            // are read again by whoever owns the partitions next.
            LOG.warn("sink {}: commit failed, to be tried again: {}", sinkName, e.toString());
        }
    }

    private boolean caughtUp(TopicPartition partition, OffsetTracker tracker) {
        OptionalLong unfetched = consumer.assignment().contains(partition) ? consumer.currentLag(partition) : OptionalLong.empty();
        return tracker.unacknowledgedCount() == 0 && unfetched.isPresent() && unfetched.getAsLong() == 0;
    }

    private void applyBackpressure() {
        boolean pause = lanes.stream().anyMatch(lane -> lane.retrying() || lane.waiting() >= laneBacklogLimit
                || lane.waitingBytes() >= laneBacklogBytesLimit);
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> paused = new HashSet<>(consumer.paused());
        paused.retainAll(assigned);
        if (pause) {
            Set<TopicPartition> toPause = new HashSet<>(assigned);
            toPause.removeAll(paused);
            if (!toPause.isEmpty()) {
                consumer.pause(toPause);
                LOG.debug("sink {}: paused {}", sinkName, toPause);
            }
        } else {
            paused.removeAll(holds.keySet()); // those wait for the next runner
            if (!paused.isEmpty()) {
                consumer.resume(paused);
                LOG.debug("sink {}: resumed {}", sinkName, paused);
            }
        }
    }

    private void updateLag() {
        boolean behind = false;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong unfetched = consumer.currentLag(partition);
            OffsetTracker tracker = trackers.get(partition);
            if (unfetched.isPresent()) {
                long lag = unfetched.getAsLong() + (tracker == null ? 0 : tracker.unacknowledgedCount());
                metrics.lag(partition, lag);
                tombstones.check(partition, lag > 0, Instant.now());
                behind |= lag > 0;
            }
        }
        holds.replaceAll((partition, hold) -> {
            OffsetTracker tracker = trackers.get(partition);
            SchemaHold now = hold.writtenUpTo(tracker == null || tracker.unacknowledgedCount() == 0);
            metrics.schemaHold(partition, now);
            return now;
        });
        metrics.lagMeasured(behind, System.currentTimeMillis());
    }

    /**
     * Fences the revoked partitions: their records still in lanes are abandoned (not retried, not
     * committed; the new owner reads them from the committed offset), an attempt already under way
     * is waited for up to the revocation timeout, then what was acknowledged is committed.
     */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        revoke(partitions);
        long deadline = System.nanoTime() + (lanesStopped ? 0 : revocationTimeout.toNanos());
        try {
            for (Lane lane : lanes) {
                if (!lane.forget(partitions, deadline)) {
                    LOG.warn("sink {}: a write was still under way when partitions were revoked; "
                            + "its records will be written again by their next owner", sinkName);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acks.applyAll();
        commit(partitions);
        drop(partitions);
        LOG.info("sink {}: partitions revoked: {}", sinkName, partitions);
    }

    /**
     * The group moved on without us (e.g. a stalled poll outlived max.poll.interval.ms): another
     * member may be writing these partitions already, so their records are abandoned at once.
     */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        revoke(partitions);
        try {
            for (Lane lane : lanes) {
                lane.forget(partitions, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drop(partitions);
        LOG.warn("sink {}: partitions lost without a chance to commit: {}", sinkName, partitions);
    }

    private void revoke(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            OffsetTracker tracker = trackers.get(partition);
            if (tracker != null) {
                tracker.revoke();
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        LOG.info("sink {}: partitions assigned: {}", sinkName, partitions);
        for (TopicPartition partition : partitions) {
            // A tracker from the start, so an idle partition is committed (and kept fresh) too.
            trackers.computeIfAbsent(partition, p -> new OffsetTracker());
        }
        Set<TopicPartition> watched = new HashSet<>(partitions);
        watched.removeIf(partition -> !tombstones.watches(partition));
        if (!watched.isEmpty()) {
            checkTombstoneWindow(watched);
        }
    }

    /** How long ago each newly assigned partition was committed, while records wait after it. */
    private void checkTombstoneWindow(Set<TopicPartition> partitions) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions, ASSIGNMENT_LOOKUP_TIMEOUT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, ASSIGNMENT_LOOKUP_TIMEOUT);
            Instant now = Instant.now();
            for (TopicPartition partition : partitions) {
                Long end = ends.get(partition);
                if (end != null) {
                    tombstones.assigned(partition, committed.get(partition), end, now);
                }
            }
        } catch (KafkaException e) {
            // Only the warning is lost; the lag check while running still applies.
            LOG.warn("sink {}: could not read the committed offsets of {} to check the tombstone retention: {}",
                    sinkName, partitions, e.toString());
        }
    }

    private void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            trackers.remove(partition);
            holds.remove(partition);
            metrics.forget(partition);
            tombstones.forget(partition);
        }
    }
}
