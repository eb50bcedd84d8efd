package io.syncline.cdc;

/**
 * A point-in-time view of a capture.
 *
 * @param recordsSent       change events (and tombstones) Kafka acknowledged
 * @param lastLsn           WAL position of the last acknowledged record (0: none yet)
 * @param lastSourceTimeMs  commit time in the source of the last acknowledged record (0: none yet)
 * @param errors            records Kafka did not acknowledge, plus other errors that stopped the capture
 */
public record CaptureStatus(CapturePhase phase, long recordsSent, long lastLsn, long lastSourceTimeMs, long errors) {

    public boolean snapshotRunning() {
        return phase == CapturePhase.SNAPSHOT;
    }

    /** The LSN as PostgreSQL prints it, e.g. {@code 0/16B3748}. */
    public String lastLsnText() {
        return Long.toHexString(lastLsn >>> 32).toUpperCase() + "/" + Long.toHexString(lastLsn & 0xFFFFFFFFL).toUpperCase();
    }
}
