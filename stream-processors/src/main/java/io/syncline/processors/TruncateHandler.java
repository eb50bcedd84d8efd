package io.syncline.processors;

import io.syncline.config.TableName;
import io.syncline.config.TruncatePolicy;
import io.syncline.processors.errors.PipelineStopException;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a TRUNCATE of a table does to the rows one view task keeps of it (capture sends it to every
 * partition, so every task sees it), by the views' {@code onTruncate}.
 *
 * <p>propagate: every live row becomes a delete at the truncate's position, and its tombstone goes
 * on with a version above the row's last one, so direct views delete their documents and joined
 * views re-join; the truncate's position is kept under {@link ViewState#TRUNCATED_KEY}, so a
 * replayed or late change older than it, for a row the store does not have, is dropped too. This
 * reads the whole store in one go: a task with N rows of the table writes N deletes (and their
 * changelog records) within one record's processing and one transaction.
 */
final class TruncateHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TruncateHandler.class);

    private final TableName table;
    private final TruncatePolicy policy;
    private final Supplier<String> views;
    private final ViewMetrics metrics;

    /** {@code views}: the views the rows feed, for messages (known once the whole topology is built). */
    TruncateHandler(TableName table, TruncatePolicy policy, Supplier<String> views, ViewMetrics metrics) {
        this.table = table;
        this.policy = policy;
        this.views = views;
        this.metrics = metrics;
    }

    /** Applies the truncate; false when it is stale: this truncate again (capture delivers at least once). */
    boolean handle(ChangeEvent truncate, KeyValueStore<String, byte[]> store, TableWideDeletes.Deletes deletes) {
        SourcePosition position = truncate.position();
        ViewState last = ViewState.decode(store.get(ViewState.TRUNCATED_KEY));
        if (last != null && !position.isNewerThan(last.position())) {
            metrics.stale.increment();
            return false;
        }
        switch (policy) {
            case IGNORE -> {
                metrics.truncatesIgnored.increment();
                LOG.warn("TRUNCATE of {} at {} ignored by view(s) {} (onTruncate: ignore): their sinks keep the rows"
                        + " the source no longer has", table, position, views.get());
            }
            case FAIL -> throw new PipelineStopException("TRUNCATE of " + table + " at " + position + " reached view(s) "
                    + views.get() + ", whose onTruncate is fail: the view stage stops before it, and the sinks keep"
                    + " the rows the source no longer has. To go on, set onTruncate of these views to propagate"
                    + " (delete the rows from the views and sinks) or ignore (keep them) and restart, or rebuild"
                    + " the views from a new snapshot of the source");
            case PROPAGATE -> propagate(truncate, store, deletes);
        }
        return true;
    }

    private void propagate(ChangeEvent truncate, KeyValueStore<String, byte[]> store, TableWideDeletes.Deletes deletes) {
        SourcePosition position = truncate.position();
        // Rows written after the truncate stay.
        long deleted = TableWideDeletes.deleteWhere(store, row -> position.isNewerThan(row.position()), truncate, deletes);
        store.put(ViewState.TRUNCATED_KEY, ViewState.deleteMarker(position, position.version()));
        metrics.truncates.increment();
        LOG.info("TRUNCATE of {} at {}: {} rows deleted from view(s) {} (this task's share)", table, position, deleted,
                views.get());
    }
}
