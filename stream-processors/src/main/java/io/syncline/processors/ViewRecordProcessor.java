package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import io.syncline.view.ViewSchema;
import io.syncline.view.Versions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one table's change events into view records: typed values, deletes as tombstones. Keeps
 * each document's latest state in a store so that an event not newer than what the view already
 * has ({@link SourcePosition}) is dropped, versions only grow (the version is the event's
 * {@code generation << 56 | lsn}, but at least one more than the document's last one), and a
 * TOAST placeholder takes the previous value. A truncate goes to {@link TruncateHandler}. Feeds a
 * view topic directly (a view of one table as it is), or the joins and transforms of a view.
 */
final class ViewRecordProcessor implements Processor<String, String, String, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(ViewRecordProcessor.class);

    private final String name;
    private final ViewSchema schema;
    private final String storeName;
    private final boolean emitsDocuments;
    private final boolean complete;
    private final ViewRecordCodec codec;
    private final ViewMetrics metrics;
    private final TruncateHandler truncates;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    /**
     * {@code name} names the rows in logs; {@code complete}: whether columns the schema does not
     * know (added after start) are kept too; {@code emitsDocuments}: whether what it forwards goes to
     * a view topic as it is (and counts as documents in the metrics).
     */
    ViewRecordProcessor(String name, ViewSchema schema, boolean complete, String storeName, boolean emitsDocuments,
                        ViewMetrics metrics, TruncateHandler truncates) {
        this.name = name;
        this.complete = complete;
        this.schema = schema;
        this.storeName = storeName;
        this.emitsDocuments = emitsDocuments;
        this.codec = new ViewRecordCodec(schema);
        this.metrics = metrics;
        this.truncates = truncates;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, String> change) {
        if (change.value() == null) {
            return; // Debezium's tombstone after a delete: the delete event itself did the work.
        }
        // An unreadable event throws: the view stage's exception handler dead-letters it and goes on.
        ChangeEvent event = ChangeEvent.parse(change.value(),
                Versions.generationOf(header(change, Versions.GENERATION_HEADER)));
        if (event.truncate()) {
            truncates.handle(event, store, (id, version, sourceTs) ->
                    delete(change, new ViewRecord(id, version, Op.DELETE, sourceTs, null)));
            return;
        }
        String id = id(event.row());
        ViewState previous = ViewState.decode(store.get(id));
        if (!event.position().isNewerThan(previous == null ? null : previous.position())
                || !event.position().isNewerThan(truncatedBefore(previous))) {
            metrics.stale.increment();
            return;
        }
        long version = previous == null ? event.position().version()
                : Math.max(previous.version() + 1, event.position().version());
        if (event.op() == Op.DELETE) {
            store.put(id, ViewState.deleteMarker(event.position(), version));
            delete(change, new ViewRecord(id, version, Op.DELETE, event.sourceTimestampMs(), null));
            return;
        }
        ViewRecord record = new ViewRecord(id, version, event.op(), event.sourceTimestampMs(),
                document(event.after(), previous, id));
        byte[] value = ValueSizes.checked(codec.encodeValue(record), "row " + id + " (" + name + ")");
        store.put(id, ViewState.row(event.position(), value));
        forward(change, record, value);
        if (emitsDocuments) {
            metrics.documents.increment();
        }
    }

    /**
     * The position of the table's last truncate, when it may matter: for a row the store does not
     * have or has deleted (a live row was written after the last truncate, which deleted every row).
     */
    private SourcePosition truncatedBefore(ViewState previous) {
        if (previous != null && !previous.deleted()) {
            return null;
        }
        ViewState truncated = ViewState.decode(store.get(ViewState.TRUNCATED_KEY));
        return truncated == null ? null : truncated.position();
    }

    private void delete(Record<String, String> change, ViewRecord delete) {
        forward(change, delete, null);
        if (emitsDocuments) {
            metrics.deletes.increment();
        }
    }

    private static byte[] header(Record<String, String> change, String name) {
        Header header = change.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    /** The id from the key columns' values as documents carry them, so joins find rows by the same text. */
    private String id(JsonNode row) {
        com.fasterxml.jackson.databind.node.ObjectNode key = Records.NODES.objectNode();
        for (String column : schema.key()) {
            FieldType type = schema.field(column).orElseThrow().type();
            key.set(column, FieldValues.toJson(DebeziumValues.convert(row.get(column), type), type));
        }
        return DocumentIds.of(key, schema.key());
    }

    private Map<String, Object> document(JsonNode after, ViewState previous, String id) {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (ViewField field : schema.fields()) {
            JsonNode value = after.get(field.name());
            if (!DebeziumValues.isUnavailable(value)) {
                doc.put(field.name(), DebeziumValues.convert(value, field.type()));
            } else if (previous != null && !previous.deleted() && previous.doc().has(field.name())) {
                doc.put(field.name(), FieldValues.fromJson(previous.doc().get(field.name()), field.type()));
                metrics.toastCarried.increment();
            } else {
                // No earlier version to take it from (e.g. state lost): leave the field out, never the placeholder.
                metrics.toastUnresolved.increment();
                LOG.warn("view {}: document {} at {}: unchanged TOASTed column {} has no previous value; field left out",
                        name, id, coordinates(), field.name());
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

    private String coordinates() {
        return context.recordMetadata().map(RecordMetadata::toString).orElse("?");
    }
}
