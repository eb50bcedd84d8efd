package io.syncline.sink.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns before a sink falls so far behind that it can miss deletes. View topics are compacted: a
 * delete is a tombstone, and Kafka removes tombstones {@code delete.retention.ms} after compacting
 * them. A sink whose committed position is older than that, with records still to read, may never
 * see some deletes and keep documents the source no longer has.
 *
 * <p>How far behind a partition is, is the time since the sink last committed it while records were
 * waiting: each commit carries its wall-clock time in the offset metadata (so it survives restarts),
 * and a caught-up partition is committed again now and then ({@link #keepAliveDue}) so an idle sink
 * does not look stale. Half the retention: a warning; all of it: an error saying what to do.
 */
public final class TombstoneWindow {
    /** How close a partition's last commit is to its topic's tombstone retention. */
    public enum Level { OK, APPROACHING, EXCEEDED }

    private static final Logger LOG = LoggerFactory.getLogger(TombstoneWindow.class);
    private static final String PREFIX = "committedAt=";
    private static final Duration MAX_KEEP_ALIVE = Duration.ofHours(1);
    private static final Duration MIN_KEEP_ALIVE = Duration.ofMillis(100);

    private final String sinkName;
    private final Map<String, Duration> retentionByTopic;
    private final Map<TopicPartition, Instant> lastCommit = new HashMap<>();
    private final Map<TopicPartition, Level> levels = new HashMap<>();
    private final SinkRunnerMetrics metrics;

    /** {@code retentionByTopic}: each view topic's {@code delete.retention.ms}; topics not in it are not watched. */
    TombstoneWindow(String sinkName, Map<String, Duration> retentionByTopic, SinkRunnerMetrics metrics) {
        this.sinkName = sinkName;
        this.retentionByTopic = Map.copyOf(retentionByTopic);
        this.metrics = metrics;
    }

    /** Whether the partition's topic has a known retention to check against. */
    boolean watches(TopicPartition partition) {
        return retentionByTopic.containsKey(partition.topic());
    }

    /** The offset metadata of a commit made at {@code now}. */
    static String metadata(Instant now) {
        return PREFIX + now.toEpochMilli();
    }

    static OptionalLong committedAtMillis(OffsetAndMetadata committed) {
        String metadata = committed == null ? null : committed.metadata();
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return OptionalLong.empty(); // committed by an older version, or never
        }
        try {
            return OptionalLong.of(Long.parseLong(metadata.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A partition was assigned: {@code committed} is its committed offset (null when none: a new sink
     * reads the compacted topic from the start and cannot miss a delete), {@code endOffset} where the
     * topic ends now.
     */
    void assigned(TopicPartition partition, OffsetAndMetadata committed, long endOffset, Instant now) {
        OptionalLong at = committedAtMillis(committed);
        if (at.isEmpty()) {
            return;
        }
        lastCommit.put(partition, Instant.ofEpochMilli(at.getAsLong()));
        check(partition, committed.offset() < endOffset, now);
    }

    void committed(TopicPartition partition, Instant now) {
        lastCommit.put(partition, now);
        if (levels.remove(partition) != null) {
            metrics.tombstoneRisk(partition, null);
            LOG.info("sink {}: {} is committing again", sinkName, partition);
        }
    }

    /** Whether a caught-up partition should be committed again so its commit time stays fresh. */
    boolean keepAliveDue(TopicPartition partition, Instant now) {
        Duration retention = retentionByTopic.get(partition.topic());
        if (retention == null) {
            return false;
        }
        Instant last = lastCommit.get(partition);
        return last == null || Duration.between(last, now).compareTo(keepAliveInterval(retention)) >= 0;
    }

    /** Checks a partition with records waiting ({@code behind}) against its topic's retention. */
    void check(TopicPartition partition, boolean behind, Instant now) {
        Duration retention = retentionByTopic.get(partition.topic());
        Instant last = lastCommit.get(partition);
        if (retention == null || last == null || !behind) {
            return;
        }
        Duration age = Duration.between(last, now);
        Level level = age.compareTo(retention) >= 0 ? Level.EXCEEDED
                : age.multipliedBy(2).compareTo(retention) >= 0 ? Level.APPROACHING : Level.OK;
        Level before = levels.getOrDefault(partition, Level.OK);
        if (level.compareTo(before) <= 0) {
            return;
        }
        levels.put(partition, level);
        metrics.tombstoneRisk(partition, level);
        if (level == Level.EXCEEDED) {
            LOG.error("sink {}: {} was last committed {} ago, longer than its tombstone retention ({}, the topic's "
                    + "delete.retention.ms): deletes made meanwhile may have been compacted away, so documents "
                    + "deleted in the source may remain in this sink. Compare it with `syncline verify` and rebuild "
                    + "it from the view topics (`syncline reset --sink`) if it differs; raise kafka.tombstoneRetention if sinks can be away "
                    + "this long", sinkName, partition, age, retention);
        } else {
            LOG.warn("sink {}: {} was last committed {} ago, over half its tombstone retention ({}): if it stays "
                    + "behind past that, deletes may be missed", sinkName, partition, age, retention);
        }
    }

    void forget(TopicPartition partition) {
        lastCommit.remove(partition);
        levels.remove(partition);
        metrics.tombstoneRisk(partition, null);
    }

    static Duration keepAliveInterval(Duration retention) {
        Duration tenth = retention.dividedBy(10);
        return tenth.compareTo(MAX_KEEP_ALIVE) > 0 ? MAX_KEEP_ALIVE
                : tenth.compareTo(MIN_KEEP_ALIVE) < 0 ? MIN_KEEP_ALIVE : tenth;
    }
}
