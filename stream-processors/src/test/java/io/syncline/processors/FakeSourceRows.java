package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.config.TableName;
import io.syncline.view.ViewField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A source whose rows a test sets (by table and key values, as JSON text); records every read. */
final class FakeSourceRows implements SourceRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One read: the table, the key it was read by (as JSON text) and the columns asked for. */
    record Read(TableName table, String key, List<String> columns) {
    }

    private final Map<String, ObjectNode> rows = new HashMap<>();
    private final List<Read> reads = new ArrayList<>();
    private RuntimeException failure;

    /** {@code key}: the key columns' values as JSON, e.g. {@code {"id":7}}; {@code row}: column values as a change carries them. */
    FakeSourceRows put(TableName table, String key, String row) {
        try {
            rows.put(table + " " + JSON.readTree(key), (ObjectNode) JSON.readTree(row));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** Every read from now on throws {@code error} (a source that cannot answer). */
    void failWith(RuntimeException error) {
        failure = error;
    }

    List<Read> reads() {
        return reads;
    }

    @Override
    public Optional<ObjectNode> read(TableName table, List<ViewField> key, JsonNode keyValues, List<ViewField> columns) {
        ObjectNode keyOnly = JSON.createObjectNode();
        key.forEach(column -> keyOnly.set(column.name(), keyValues.get(column.name())));
        reads.add(new Read(table, keyOnly.toString(), columns.stream().map(ViewField::name).toList()));
        if (failure != null) {
            throw failure;
        }
        ObjectNode row = rows.get(table + " " + keyOnly);
        if (row == null) {
            return Optional.empty();
        }
        ObjectNode selected = JSON.createObjectNode();
        columns.forEach(column -> selected.set(column.name(), row.get(column.name())));
        return Optional.of(selected);
    }
}
