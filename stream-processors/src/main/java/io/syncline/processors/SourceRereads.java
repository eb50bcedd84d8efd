package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.config.TableName;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values a change event left out (unchanged TOASTed values) that the view stage has no earlier
 * copy of — the new key of a primary-key update, a key whose state was lost or never built, a
 * joined table's rows — read again from the source by the row's key.
 *
 * <p>The row is found by the change event's own key (the primary key, or Debezium's
 * message.key.columns), else by the view's key columns in the after image. One query per change,
 * for all its missing columns: this is the rare path (an update that leaves a large value alone
 * and finds no earlier version), so batching across changes would only add latency to the others.
 * The value read is the row's current one, which may be newer than the change: the changes after
 * it carry that newer value (or delete the row) anyway, so the document only gets there sooner.
 */
final class SourceRereads {
    private static final Logger LOG = LoggerFactory.getLogger(SourceRereads.class);

    private final String name;
    private final TableName table;
    private final ViewSchema schema;
    private final SourceRows source;
    private final ViewMetrics metrics;

    SourceRereads(String name, TableName table, ViewSchema schema, SourceRows source, ViewMetrics metrics) {
        this.name = name;
        this.table = table;
        this.schema = schema;
        this.source = source;
        this.metrics = metrics;
    }

    /**
     * The current values of {@code columns} in the row the change is about, as typed view values by
     * column; none when the row is gone (its delete follows, so the fields are left out).
     */
    Map<String, Object> read(List<ViewField> columns, JsonNode changeKey, JsonNode after, String id) {
        List<ViewField> key = keyColumns(changeKey);
        JsonNode keyValues = key == null ? after : changeKey;
        if (key == null) {
            key = schema.key().stream().map(column -> schema.field(column).orElseThrow()).toList();
        }
        Optional<ObjectNode> row = source.read(table, key, keyValues, columns);
        Map<String, Object> values = new LinkedHashMap<>();
        if (row.isEmpty()) {
            metrics.toastUnresolved.add(columns.size());
            LOG.debug("view {}: document {}: row of {} is gone from the source; unchanged TOASTed column(s) {} left out",
                    name, id, table, columns.stream().map(ViewField::name).toList());
            return values;
        }
        for (ViewField column : columns) {
            values.put(column.name(), DebeziumValues.convert(row.get().get(column.name()), column.type()));
        }
        metrics.toastReread.add(columns.size());
        return values;
    }

    /** The change event's key columns when the schema knows them all, else null. */
    private List<ViewField> keyColumns(JsonNode changeKey) {
        if (changeKey == null || !changeKey.isObject() || changeKey.isEmpty()) {
            return null;
        }
        List<ViewField> key = new ArrayList<>();
        for (Iterator<String> it = changeKey.fieldNames(); it.hasNext(); ) {
            Optional<ViewField> field = schema.field(it.next());
            if (field.isEmpty()) {
                return null;
            }
            key.add(field.get());
        }
        return key;
    }
}
