package io.syncline.view;

import java.nio.charset.StandardCharsets;

/**
 * The sweep marker capture puts on every partition of every change topic once a snapshot of a new
 * source generation is complete: {@code {"op":"sweep","source":{"lsn":…,"ts_ms":…,"snapshot":"true"}}},
 * no key, with the generation header. Every row a view task holds from an older generation was not
 * in that snapshot, so the source no longer has it: the view stage deletes it (mark and sweep by
 * generation). A snapshot has no deletes; this is how deletes made while the slot was lost arrive.
 */
public final class SnapshotSweeps {
    /** The marker's {@code op}; Debezium's own ops are single letters. */
    public static final String OP = "sweep";

    private SnapshotSweeps() {
    }

    /** The marker's value: {@code lsn} is where the snapshot's generation streams from, {@code timestampMs} when it was sent. */
    public static byte[] marker(long lsn, long timestampMs) {
        Versions.checkLsn(lsn);
        return ("{\"op\":\"" + OP + "\",\"source\":{\"lsn\":" + lsn + ",\"ts_ms\":" + timestampMs
                + ",\"snapshot\":\"true\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
