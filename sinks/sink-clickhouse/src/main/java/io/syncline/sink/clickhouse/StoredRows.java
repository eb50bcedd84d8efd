package io.syncline.sink.clickhouse;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a view's current rows back as the view's fields, the inverse of {@link TableRows} as far
 * as {@link io.syncline.sink.CanonicalValues} can tell: {@code SELECT ... FINAL WHERE _deleted = 0}
 * with bytes through {@code base64Encode} (String columns hold raw bytes), timestamps as UTC text, a value its column could
 * not hold taken from its {@code __special} companion (its exact text), arrays as lists, and json,
 * OBJECT and ARRAY of OBJECT columns parsed from their JSON text (numbers exact).
 */
final class StoredRows {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private StoredRows() {
    }

    static String select(String database, String table, ViewSchema schema) {
        List<String> columns = new ArrayList<>();
        for (ViewField field : schema.fields()) {
            String column = TableDdl.quote(field.name());
            FieldType type = field.type();
            if (type.kind() == FieldKind.ARRAY && read("x", type.element()) != null) {
                column = "arrayMap(x -> " + read("x", type.element()) + ", " + column + ")";
            } else if (read(column, type) != null) {
                column = read(column, type);
            }
            columns.add(column);
            if (SpecialColumns.has(field, schema)) {
                columns.add(TableDdl.quote(SpecialColumns.name(field)));
            }
        }
        columns.add(TableDdl.quote(TableDdl.VERSION));
        return "SELECT " + String.join(", ", columns) + " FROM " + TableDdl.qualified(database, table) + " FINAL WHERE "
                + TableDdl.quote(TableDdl.DELETED) + " = 0";
    }

    /**
     * How a column of the type is read when not as is, else null: bytes in base64, timestamps as
     * their UTC text (the driver would hand them over in the JVM's time zone).
     */
    private static String read(String column, FieldType type) {
        return switch (type.kind()) {
            case BYTES -> "base64Encode(" + column + ")";
            case TIMESTAMP, TIMESTAMP_TZ -> "toString(" + column + ")";
            default -> null;
        };
    }

    /** The current row's fields, in the order of {@link #select}; its version is the last column. */
    static Map<String, Object> fields(ResultSet row, ViewSchema schema) throws SQLException {
        Map<String, Object> fields = new LinkedHashMap<>();
        int column = 1;
        for (ViewField field : schema.fields()) {
            Object value = value(row.getObject(column++), field.type());
            if (SpecialColumns.has(field, schema)) {
                String special = row.getString(column++);
                if (special != null) {
                    value = special;
                }
            }
            fields.put(field.name(), value);
        }
        return fields;
    }

    private static Object value(Object value, FieldType type) throws SQLException {
        if (value instanceof Array array) {
            value = array.getArray();
        }
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case ARRAY -> {
                List<Object> elements = new ArrayList<>();
                for (Object element : elements(value)) {
                    elements.add(value(element, type.element()));
                }
                yield elements;
            }
            case JSON, OBJECT -> value instanceof String text ? parse(text) : value;
            case TIMESTAMP -> value instanceof String text ? LocalDateTime.parse(text.replace(' ', 'T')) : value;
            case TIMESTAMP_TZ -> value instanceof String text
                    ? LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC) : value;
            default -> value;
        };
    }

    private static List<?> elements(Object array) {
        if (array instanceof Object[] objects) {
            return Arrays.asList(objects);
        }
        if (array instanceof List<?> list) {
            return list;
        }
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < java.lang.reflect.Array.getLength(array); i++) {
            elements.add(java.lang.reflect.Array.get(array, i)); // a primitive array (int[], double[])
        }
        return elements;
    }

    private static Object parse(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (Exception e) {
            throw new IllegalStateException("a json or object column does not hold JSON text", e);
        }
    }
}
