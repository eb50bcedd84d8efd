package io.syncline.cdc;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters a capture updates as records are acknowledged; read through {@link #status()} and, per
 * table, {@link #tables()}.
 */
final class CaptureMetrics {
    /** By change topic: a lookup per record, no allocation. */
    private final Map<String, CapturedTable> tablesByTopic;
    private final AtomicLong recordsSent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long lastLsn;
    private volatile long lastSourceTimeMs;
    private volatile CapturePhase phase = CapturePhase.STARTING;
    private volatile boolean snapshotSeen;

    /** {@code tablesByTopic}: the captured tables by change topic, in the pipeline's order. */
    CaptureMetrics(Map<String, CapturedTable> tablesByTopic) {
        this.tablesByTopic = Collections.unmodifiableMap(new LinkedHashMap<>(tablesByTopic));
    }

    /**
     * A record is done (sent and acknowledged, or dropped). Its source offset tells the position and
     * whether the snapshot is still running.
     */
    void processed(Map<String, ?> sourceOffset, boolean sent) {
        if (sent) {
            recordsSent.incrementAndGet();
        }
        if (sourceOffset == null) {
            return;
        }
        if (sourceOffset.get("lsn") instanceof Long lsn) {
            lastLsn = lsn;
        }
        if (sourceOffset.get("ts_usec") instanceof Long micros) {
            lastSourceTimeMs = micros / 1000;
        }
        if (phase == CapturePhase.STARTING || phase == CapturePhase.SNAPSHOT) {
            if (inSnapshot(sourceOffset)) {
                snapshotSeen = true;
                phase = CapturePhase.SNAPSHOT;
            } else {
                // The last snapshot record carries the snapshot flags too.
                boolean snapshotRan = snapshotSeen || initialSnapshotFlags(sourceOffset);
                tablesByTopic.values().forEach(table -> table.streaming(snapshotRan));
                phase = CapturePhase.STREAMING;
            }
        }
    }

    /**
     * A change event to {@code topic} Kafka acknowledged: {@code op} is Debezium's operation,
     * {@code snapshot} its {@code source.snapshot} marker (null: none). Records of other topics are not counted.
     */
    void changed(String topic, char op, String snapshot) {
        CapturedTable table = tablesByTopic.get(topic);
        if (table != null) {
            table.changed(op, snapshot);
        }
    }

    Collection<CapturedTable> tables() {
        return tablesByTopic.values();
    }

    /**
     * Debezium's Postgres offsets carry "snapshot" until the last snapshot record. A backfill's rows
     * carry INCREMENTAL, and so do the changes streamed after a restart from such a row's offset
     * until the backfill's next chunk: capture streams then.
     */
    private static boolean inSnapshot(Map<String, ?> offset) {
        return initialSnapshotFlags(offset) && !Boolean.TRUE.equals(offset.get("last_snapshot_record"))
                && !Boolean.TRUE.equals(offset.get("snapshot_completed"));
    }

    private static boolean initialSnapshotFlags(Map<String, ?> offset) {
        return offset.containsKey("snapshot") && !"INCREMENTAL".equalsIgnoreCase(String.valueOf(offset.get("snapshot")));
    }

    /** Kafka did not acknowledge a record; the batch fails and the capture stops. */
    void deliveryFailed(ChangeDeliveryException cause) {
        errors.incrementAndGet();
        failure.compareAndSet(null, cause);
        phase = CapturePhase.FAILED;
    }

    /** The capture stopped with an error; not counted again when a delivery failure stopped it. */
    void failed(Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            errors.incrementAndGet();
        }
        phase = CapturePhase.FAILED;
    }

    void stopped() {
        if (phase != CapturePhase.FAILED) {
            phase = CapturePhase.STOPPED;
        }
    }

    Throwable failure() {
        return failure.get();
    }

    CaptureStatus status() {
        return new CaptureStatus(phase, recordsSent.get(), lastLsn, lastSourceTimeMs, errors.get());
    }
}
