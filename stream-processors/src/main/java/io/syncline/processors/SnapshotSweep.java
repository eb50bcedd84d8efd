package io.syncline.processors;

import io.syncline.config.TableName;
import io.syncline.view.SnapshotSweeps;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture's sweep marker ({@link SnapshotSweeps}) for one table in one view task: the snapshot of
 * the marker's generation is complete and every row of it is in the store, so a live row of an
 * older generation is one the source no longer has (deleted while the slot was lost, or before a
 * reset): it is deleted ({@link TableWideDeletes}). The marker's position is kept under {@link
 * ViewState#SWEPT_KEY}: the same generation's marker again (every capture start sends it until
 * done) costs one read, and a change of an older generation arriving later is stale.
 */
final class SnapshotSweep {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSweep.class);

    private final TableName table;
    private final Supplier<String> views;
    private final ViewMetrics metrics;

    /** {@code views}: the views the rows feed, for messages (known once the whole topology is built). */
    SnapshotSweep(TableName table, Supplier<String> views, ViewMetrics metrics) {
        this.table = table;
        this.views = views;
        this.metrics = metrics;
    }

    /** Applies the sweep; false when it is stale (this generation's sweep again). */
    boolean handle(ChangeEvent sweep, KeyValueStore<String, byte[]> store, TableWideDeletes.Deletes deletes) {
        int generation = sweep.position().generation();
        if (sweptGeneration(store) >= generation) {
            metrics.stale.increment();
            return false;
        }
        long deleted = TableWideDeletes.deleteWhere(store, row -> row.position().generation() < generation, sweep,
                deletes);
        store.put(ViewState.SWEPT_KEY, ViewState.deleteMarker(sweep.position(), sweep.position().version()));
        metrics.swept.add(deleted);
        LOG.info("Snapshot of generation {} of {} complete: {} rows of older generations that it no longer has"
                + " deleted from view(s) {} (this task's share)", generation, table, deleted, views.get());
        return true;
    }

    /** The generation of the last sweep in {@code store}, -1 if none. */
    static int sweptGeneration(KeyValueStore<String, byte[]> store) {
        ViewState swept = ViewState.decode(store.get(ViewState.SWEPT_KEY));
        return swept == null ? -1 : swept.position().generation();
    }
}
