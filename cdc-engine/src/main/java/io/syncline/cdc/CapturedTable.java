package io.syncline.cdc;

import io.syncline.config.TableName;
import java.util.concurrent.atomic.LongAdder;

/**
 * What capture delivered of one table: change events per operation, and the progress of this run's
 * snapshot of it (rows read against PostgreSQL's row estimate). Updated by the capture thread as
 * Kafka acknowledges records; read from any thread.
 */
public final class CapturedTable {
    /** Debezium's operations, as its change events name them. */
    public static final String OPERATIONS = "cudrt";

    /** Where this run's snapshot is with the table. */
    public enum SnapshotState {
        /** Not read yet, or not known yet whether this run snapshots it. */
        PENDING,
        RUNNING,
        DONE,
        /** This run streams without a snapshot of the table (its slot and offsets carried on from before). */
        NONE
    }

    private final TableName table;
    private final long rowsEstimate;
    private final LongAdder[] changes = new LongAdder[OPERATIONS.length()];
    private final LongAdder snapshotRows = new LongAdder();
    private volatile SnapshotState snapshotState = SnapshotState.PENDING;

    CapturedTable(TableName table, long rowsEstimate) {
        this.table = table;
        this.rowsEstimate = rowsEstimate;
        for (int i = 0; i < changes.length; i++) {
            changes[i] = new LongAdder();
        }
    }

    public TableName table() {
        return table;
    }

    /** Change events of operation {@code op} (one of {@link #OPERATIONS}) Kafka acknowledged. */
    public long changes(char op) {
        int index = OPERATIONS.indexOf(op);
        return index < 0 ? 0 : changes[index].sum();
    }

    /** Every change event of the table Kafka acknowledged (Kafka's tombstones after deletes not counted). */
    public long changes() {
        long sum = 0;
        for (LongAdder count : changes) {
            sum += count.sum();
        }
        return sum;
    }

    /** Rows this run's snapshot read of the table so far (a backfill's reads are not counted). */
    public long snapshotRowsRead() {
        return snapshotRows.sum();
    }

    /**
     * The rows PostgreSQL estimated the table to hold when capture started ({@code pg_class.reltuples},
     * as of the last VACUUM or ANALYZE); -1 when it has no estimate (never analyzed).
     */
    public long snapshotRowsEstimate() {
        return rowsEstimate;
    }

    public SnapshotState snapshotState() {
        return snapshotState;
    }

    /** A change event of {@code op}; {@code snapshot} is Debezium's {@code source.snapshot} marker (null: none). */
    void changed(char op, String snapshot) {
        int index = OPERATIONS.indexOf(op);
        if (index >= 0) {
            changes[index].increment();
        }
        if (op != 'r' || snapshot == null || snapshot.equals("false") || snapshot.equals("incremental")) {
            return;
        }
        snapshotRows.increment();
        if (snapshot.equals("last") || snapshot.equals("last_in_data_collection")) {
            snapshotState = SnapshotState.DONE;
        } else if (snapshotState == SnapshotState.PENDING) {
            snapshotState = SnapshotState.RUNNING;
        }
    }

    /** Capture streams now: the table was snapshotted in this run (an empty table never showed a row), or not at all. */
    void streaming(boolean snapshotRan) {
        if (snapshotState != SnapshotState.DONE) {
            snapshotState = snapshotRan ? SnapshotState.DONE : SnapshotState.NONE;
        }
    }
}
