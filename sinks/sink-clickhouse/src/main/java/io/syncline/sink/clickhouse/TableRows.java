package io.syncline.sink.clickhouse;

import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rows of one table's INSERT: the view's fields, then their {@link SpecialColumns special
 * companions}, then fields its schema does not know yet
 * (in name order), then {@code _version}, {@code _deleted} and {@code _source_ts}.
 * <p>
 * A delete is a row with {@code _deleted = 1}, the key (from the id, see {@link KeyValues}) and
 * the version; its other columns hold what ClickHouse would fill in. It supersedes every older
 * row of that key in merges and {@code FINAL}.
 */
final class TableRows {

    /** One row's parameters and the index of its record in the batch. */
    record Row(int batchIndex, List<Object> values) {
    }

    private final String database;
    private final String table;
    private final ViewSchema schema;
    private final List<String> untypedFields;

    /** @param untypedFields document fields the view's schema does not know, each with a column in the table */
    TableRows(String database, String table, ViewSchema schema, List<String> untypedFields) {
        this.database = database;
        this.table = table;
        this.schema = schema;
        this.untypedFields = List.copyOf(untypedFields);
    }

    String insertSql() {
        List<String> columns = new ArrayList<>();
        schema.fields().forEach(f -> columns.add(f.name()));
        schema.fields().stream().filter(f -> SpecialColumns.has(f, schema)).forEach(f -> columns.add(SpecialColumns.name(f)));
        columns.addAll(untypedFields);
        columns.addAll(List.of(TableDdl.VERSION, TableDdl.DELETED, TableDdl.SOURCE_TS));
        return "INSERT INTO " + TableDdl.qualified(database, table) + " ("
                + columns.stream().map(TableDdl::quote).collect(Collectors.joining(", ")) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    /**
     * @throws IllegalArgumentException when the record cannot be stored as it is; the message
     *                                  names the field and the problem, never the value
     */
    Row row(int batchIndex, ViewRecord record) {
        List<Object> values = new ArrayList<>(schema.fields().size() + untypedFields.size() + 3);
        Map<String, Object> keyValues = record.isDelete() ? KeyValues.fromId(record.id(), schema) : null;
        List<Object> specials = new ArrayList<>();
        for (ViewField field : schema.fields()) {
            boolean key = schema.key().contains(field.name());
            boolean companion = SpecialColumns.has(field, schema);
            try {
                if (record.isDelete()) {
                    values.add(key ? ClickHouseValues.column(keyValues.get(field.name()), field.type(), true)
                            : ClickHouseValues.placeholder(companion ? field.type().withNullable(true) : field.type()));
                } else if (companion) {
                    Object value = record.document().get(field.name());
                    String special = SpecialColumns.text(value, field.type());
                    values.add(special != null ? null
                            : ClickHouseValues.column(value, field.type().withNullable(true), false));
                    specials.add(special);
                } else {
                    values.add(ClickHouseValues.column(record.document().get(field.name()), field.type(), key));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + field.name() + "' " + e.getMessage(), e);
            }
            if (record.isDelete() && companion) {
                specials.add(null);
            }
        }
        values.addAll(specials);
        for (String field : untypedFields) {
            values.add(record.isDelete() ? null : ClickHouseValues.untyped(record.document().get(field)));
        }
        values.add(record.version());
        values.add(record.isDelete() ? 1 : 0);
        values.add(ClickHouseValues.sourceTimestamp(record.sourceTimestampMs()));
        return new Row(batchIndex, values);
    }
}
