package io.syncline.cdc;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters a capture updates as records are acknowledged; read through {@link #status()}. */
final class CaptureMetrics {
    private final AtomicLong recordsSent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long lastLsn;
    private volatile long lastSourceTimeMs;
    private volatile CapturePhase phase = CapturePhase.STARTING;

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
            phase = inSnapshot(sourceOffset) ? CapturePhase.SNAPSHOT : CapturePhase.STREAMING;
        }
    }

    /** Debezium's Postgres offsets carry "snapshot" until the last snapshot record. */
    private static boolean inSnapshot(Map<String, ?> offset) {
        return offset.containsKey("snapshot")
                && !Boolean.TRUE.equals(offset.get("last_snapshot_record"))
                && !Boolean.TRUE.equals(offset.get("snapshot_completed"));
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
