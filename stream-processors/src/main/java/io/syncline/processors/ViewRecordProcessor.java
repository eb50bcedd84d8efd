package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.processors.plan.RowSource;
import io.syncline.view.ChangeHeaders;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import io.syncline.view.ViewSchema;
import io.syncline.view.Versions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns one table's change events into view records: typed values, deletes as tombstones. Keeps
 * each document's latest state in a store so that an event not newer than what the view already
 * has ({@link SourcePosition}) is dropped, versions only grow (the version is the event's
 * {@code generation << 56 | lsn}, but at least one more than the document's last one), and a
 * TOAST placeholder takes the previous value (or the source's, {@link SourceRereads}). An update
 * that changes the view's key columns also deletes the document at the old id ({@link DocumentKeys}).
 * A row an incremental snapshot (a backfill) read goes to a joined or transformed view's next stage
 * marked with its version ({@link Records#REREAD}), so its documents are sent again even when
 * unchanged; a view of one table as it is sends every read anyway, at a higher version.
 * A truncate goes to {@link TruncateHandler}, capture's sweep marker to {@link SnapshotSweep}. Feeds a view topic directly (a view of one table as
 * it is), or the joins and transforms of a view.
 */
final class ViewRecordProcessor implements Processor<String, String, String, byte[]> {
    private final String name;
    private final ViewSchema schema;
    private final DocumentKeys keys;
    private final SourceRereads rereads;
    private final String storeName;
    private final boolean emitsDocuments;
    private final boolean complete;
    private final ViewRecordCodec codec;
    private final ViewMetrics metrics;
    private final TruncateHandler truncates;
    private final SnapshotSweep sweeps;
    private final Supplier<List<String>> views;
    /** The counters of the views this processor feeds, found when its task starts. */
    private ViewCounters[] viewCounters;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;
    /** The table's last truncate in this task's store, read once (not per insert); null: not read yet. */
    private Optional<SourcePosition> lastTruncate;
    /** The generation of the store's last snapshot sweep, read once; null: not read yet. */
    private Integer sweptGeneration;

    /**
     * {@code name} names the rows in logs; {@code source}: the table, its columns and whether columns
     * the schema does not know (added after start) are kept too ({@code complete}); {@code
     * emitsDocuments}: whether what it forwards goes to a view topic as it is (and counts as documents
     * in the metrics); {@code sourceRows} reads TOASTed values no earlier version holds; {@code
     * truncates} applies the view's onTruncate policy; {@code sweeps} deletes rows a new generation's
     * snapshot no longer has; {@code views}: the views it feeds, asked once its task starts (the
     * topology knows them all by then).
     */
    ViewRecordProcessor(String name, RowSource source, String storeName, boolean emitsDocuments, SourceRows sourceRows,
                        ViewMetrics metrics, TruncateHandler truncates, SnapshotSweep sweeps, Supplier<List<String>> views) {
        this.name = name;
        this.complete = source.complete();
        this.schema = source.schema();
        this.keys = new DocumentKeys(name, source.table(), schema);
        this.rereads = new SourceRereads(name, source.table(), schema, sourceRows, metrics);
        this.storeName = storeName;
        this.emitsDocuments = emitsDocuments;
        this.codec = new ViewRecordCodec(schema);
        this.metrics = metrics;
        this.truncates = truncates;
        this.sweeps = sweeps;
        this.views = views;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.viewCounters = views.get().stream().map(metrics::view).toArray(ViewCounters[]::new);
    }

    @Override
    public void process(Record<String, String> change) {
        metrics.changesIn.increment();
        if (change.value() == null) {
            return; // Debezium's tombstone after a delete: the delete event itself did the work.
        }
        // Per view, change events only (as capture counts them per table), not the tombstones after deletes.
        for (ViewCounters view : viewCounters) {
            view.recordsIn.increment();
        }
        // An unreadable event throws: the view stage's exception handler dead-letters it and goes on.
        ChangeEvent event = ChangeEvent.parse(change.value(),
                Versions.generationOf(header(change, Versions.GENERATION_HEADER)));
        if (event.truncate()) {
            if (!truncates.handle(event, store, (id, version, sourceTs) ->
                    delete(change, new ViewRecord(id, version, Op.DELETE, sourceTs, null)))) {
                countStale();
            }
            lastTruncate = null;
            return;
        }
        if (event.sweep()) {
            if (!sweeps.handle(event, store, (id, version, sourceTs) ->
                    delete(change, new ViewRecord(id, version, Op.DELETE, sourceTs, null)))) {
                countStale();
            }
            sweptGeneration = null;
            return;
        }
        JsonNode changeKey = ChangeEvent.parseKey(change.key());
        String id = keys.id(event, changeKey);
        Optional<String> previousId = keys.previousId(event, changeKey, id);
        // The row's state under its old id, unless another row has taken that id since.
        ViewState moved = previousId.map(this::state).filter(old -> !isStale(event, old)).orElse(null);
        ViewState previous = state(id);
        if (isStale(event, previous)) {
            metrics.stale.increment();
            countStale();
            return;
        }
        long version = nextVersion(previous, event);
        if (event.op() == Op.DELETE) {
            store.put(id, ViewState.deleteMarker(event.position(), version));
            delete(change, new ViewRecord(id, version, Op.DELETE, event.sourceTimestampMs(), null));
            return;
        }
        ViewRecord record = new ViewRecord(id, version, event.op(), event.sourceTimestampMs(),
                document(event, change, moved != null ? moved : previous, changeKey, id));
        byte[] value = ValueSizes.checked(codec.encodeValue(record), "row " + id + " (" + name + ")");
        previousId.ifPresent(oldId -> leave(change, oldId, event));
        store.put(id, ViewState.row(event.position(), value));
        // A backfill's read reaches a joined or transformed view's documents even when they are unchanged.
        forward(change, record, event.incremental() && !emitsDocuments ? Records.withReread(value, version) : value);
        if (emitsDocuments) {
            metrics.documents.increment();
            for (ViewCounters view : viewCounters) {
                view.documents.increment();
            }
        }
    }

    /** The change was dropped as already seen, by every view this processor feeds (the totals count it once). */
    private void countStale() {
        for (ViewCounters view : viewCounters) {
            view.stale.increment();
        }
    }

    /**
     * Whether the view already has this change or a newer one for the document ({@code state}), or
     * the table was truncated after it while the document is absent or deleted (a live row was
     * written after the last truncate, which deleted every row), or it is of a generation older
     * than the last sweep's (which deleted every row of older generations).
     */
    private boolean isStale(ChangeEvent event, ViewState state) {
        return !event.position().isNewerThan(state == null ? null : state.position())
                || !event.position().isNewerThan(truncatedBefore(state))
                || event.position().generation() < sweptGeneration();
    }

    private int sweptGeneration() {
        if (sweptGeneration == null) {
            sweptGeneration = SnapshotSweep.sweptGeneration(store);
        }
        return sweptGeneration;
    }

    private SourcePosition truncatedBefore(ViewState state) {
        if (state != null && !state.deleted()) {
            return null;
        }
        if (lastTruncate == null) {
            lastTruncate = Optional.ofNullable(state(ViewState.TRUNCATED_KEY)).map(ViewState::position);
        }
        return lastTruncate.orElse(null);
    }

    /** The change's version, but at least one more than the document's last: versions only grow. */
    private static long nextVersion(ViewState previous, ChangeEvent event) {
        return previous == null ? event.position().version()
                : Math.max(previous.version() + 1, event.position().version());
    }

    /**
     * The update moved the row to another id of this view (its key columns changed): the document
     * at {@code oldId} is deleted, versioned by the change, unless this view already has a newer
     * version there (another row took that id since).
     */
    private void leave(Record<String, String> change, String oldId, ChangeEvent event) {
        ViewState old = state(oldId);
        if (old != null && !event.position().isNewerThan(old.position())) {
            return;
        }
        long version = nextVersion(old, event);
        store.put(oldId, ViewState.deleteMarker(event.position(), version));
        delete(change, new ViewRecord(oldId, version, Op.DELETE, event.sourceTimestampMs(), null));
    }

    private void delete(Record<String, String> change, ViewRecord delete) {
        forward(change, delete, null);
        if (emitsDocuments) {
            metrics.deletes.increment();
            for (ViewCounters view : viewCounters) {
                view.deletes.increment();
            }
        }
    }

    private static byte[] header(Record<String, String> change, String name) {
        Header header = change.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    private ViewState state(String id) {
        byte[] stored = store.get(id);
        return stored == null ? null : ViewState.decode(stored);
    }

    /**
     * The typed document of the after image. A value the change left out (an unchanged TOASTed
     * value) comes from the document's previous version, else from the source ({@link SourceRereads}).
     */
    private Map<String, Object> document(ChangeEvent event, Record<String, String> change, ViewState previous,
                                         JsonNode changeKey, String id) {
        JsonNode after = event.after();
        // Only an update's new row can hold placeholders: an UPDATE, or the create of a primary-key update's new key.
        boolean mayLeaveOut = event.op() == Op.UPDATE || change.headers().lastHeader(ChangeHeaders.KEY_UPDATE) != null;
        Map<String, Object> known = new LinkedHashMap<>();
        List<ViewField> leftOut = new ArrayList<>();
        for (ViewField field : schema.fields()) {
            JsonNode value = after.get(field.name());
            boolean unavailable = DebeziumValues.isUnavailable(value);
            // Debezium sends some types' unchanged TOASTed values as plain null: a null there is a NULL only if it was one.
            boolean maybeUnchanged = mayLeaveOut && value != null && value.isNull()
                    && DebeziumValues.nullMayBeUnchanged(field.type());
            if (!unavailable && !maybeUnchanged) {
                known.put(field.name(), DebeziumValues.convert(value, field.type()));
                continue;
            }
            // The previous document (none after a delete) is parsed only here, for a value the change left out.
            JsonNode earlier = previous == null ? null : previous.doc();
            JsonNode earlierValue = earlier == null ? null : earlier.get(field.name());
            if (earlierValue != null && (unavailable || earlierValue.isNull())) {
                known.put(field.name(), FieldValues.fromJson(earlierValue, field.type()));
                if (unavailable) {
                    metrics.toastCarried.increment();
                }
            } else {
                leftOut.add(field);
            }
        }
        if (!leftOut.isEmpty()) {
            known.putAll(rereads.read(leftOut, changeKey, after, id));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        for (ViewField field : schema.fields()) {
            if (known.containsKey(field.name())) {
                doc.put(field.name(), known.get(field.name()));
            }
        }
        if (!complete) {
            return doc; // a joined table's rows: only the columns its joins use
        }
        // Columns the schema does not know yet (added after start) travel as plain JSON values.
        for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> column = it.next();
            if (!doc.containsKey(column.getKey()) && schema.field(column.getKey()).isEmpty()
                    && !DebeziumValues.isUnavailable(column.getValue())) {
                doc.put(column.getKey(), FieldValues.fromJson(column.getValue(), FieldType.of(
                        io.syncline.view.FieldKind.JSON, true, "unknown")));
            }
        }
        return doc;
    }

    private void forward(Record<String, String> change, ViewRecord record, byte[] value) {
        Headers headers = new RecordHeaders();
        ViewRecordCodec.headers(record).forEach(headers::add);
        context.forward(new Record<>(record.id(), value, change.timestamp(), headers));
    }
}
