package io.syncline.sink.clickhouse;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A view's ClickHouse table: one column per view field, then {@code _version UInt64},
 * {@code _deleted UInt8} and {@code _source_ts DateTime64(3, 'UTC')}, in a
 * {@code ReplacingMergeTree(_version, _deleted)} ordered by the view's key, so that merges (and
 * {@code FINAL}) keep the highest version per key and drop keys whose highest version is a delete.
 * <p>
 * Types are spelled the way ClickHouse reports them in {@code system.columns}:
 * <ul>
 *   <li>DECIMAL(p,s) → {@code Decimal(p, s)}; an unconstrained numeric (precision 0) →
 *       {@code Decimal(76, 38)}: 38 integer and 38 fraction digits hold nearly every value
 *       exactly, and a value that does not fit is dead-lettered, never rounded. Precision over
 *       76 (ClickHouse's maximum) is capped the same way; a negative scale becomes 0;</li>
 *   <li>TIMESTAMP and TIMESTAMP_TZ → {@code DateTime64(6, 'UTC')}: microseconds, like
 *       PostgreSQL. TIMESTAMP stores the wall-clock reading as if it were UTC: without a zone in
 *       the type, ClickHouse would read and print it in the server's time zone, so the stored
 *       value would depend on that setting and wall-clock times in a DST gap would shift;</li>
 *   <li>TIME → {@code String} {@code HH:mm:ss.SSSSSS} (fixed width, so it sorts): Time64 needs
 *       {@code enable_time_time64_type} on 25.x servers (it appeared in 25.6);</li>
 *   <li>DATE → {@code Date32} (1900..2299; {@code Date} stops at 2149); UUID → {@code UUID};
 *       JSON → {@code String} with the JSON text; BYTES → {@code String} holding the raw bytes;
 *       ARRAY(T) → {@code Array(T)}, elements {@code Nullable} when the element type is;</li>
 *   <li>OBJECT (a joined row) → {@code String} with the object's JSON text as the view topic
 *       carries it (see {@link ObjectJson}), so an ARRAY of OBJECT (joined child rows) is
 *       {@code Array(String)}: one JSON text per element, for {@code ARRAY JOIN},
 *       {@code length} and {@code arrayMap} with the JSON functions. Not {@code Tuple}: a null
 *       object needs {@code Nullable(Tuple)}, which ClickHouse refuses by default (26.7:
 *       {@code enable_nullable_tuple_type}), and a nested field added upstream would change the
 *       column's type, beyond ADD COLUMN. Not the {@code JSON} type: it drops null values and
 *       reorders keys, so a stored object would not read back as written;</li>
 *   <li>a non-key DECIMAL, DATE, TIMESTAMP or TIMESTAMP_TZ field → always {@code Nullable(T)},
 *       with a companion {@code <field>__special Nullable(String)} for the values T cannot hold
 *       (see {@link SpecialColumns});</li>
 *   <li>a nullable field → {@code Nullable(T)}, except arrays (ClickHouse has no nullable
 *       arrays: a null array is stored empty) and key columns (a sorting key cannot be
 *       nullable).</li>
 * </ul>
 * A field the view's schema does not know yet (a column added upstream after the sink started)
 * becomes {@link #UNTYPED_FIELD}, holding its value's text.
 */
final class TableDdl {
    static final String VERSION = "_version";
    static final String DELETED = "_deleted";
    static final String SOURCE_TS = "_source_ts";
    static final Map<String, String> METADATA_COLUMNS =
            Map.of(VERSION, "UInt64", DELETED, "UInt8", SOURCE_TS, "DateTime64(3, 'UTC')");
    static final String UNTYPED_FIELD = "Nullable(String)";
    static final int MAX_DECIMAL_PRECISION = 76;
    /** Used for an unconstrained numeric: half the digits before the point, half after. */
    static final int UNCONSTRAINED_SCALE = 38;
    private static final Set<FieldKind> KEY_KINDS_FROM_IDS = Set.of(FieldKind.STRING, FieldKind.BOOLEAN, FieldKind.INT16,
            FieldKind.INT32, FieldKind.INT64, FieldKind.FLOAT32, FieldKind.FLOAT64, FieldKind.DECIMAL, FieldKind.DATE,
            FieldKind.TIME, FieldKind.TIMESTAMP, FieldKind.TIMESTAMP_TZ, FieldKind.UUID, FieldKind.BYTES);

    /** A ClickHouse decimal's precision and scale. */
    record DecimalType(int precision, int scale) {
    }

    private TableDdl() {
    }

    static String createTable(String database, String table, ViewSchema schema) {
        List<String> columns = new ArrayList<>();
        for (ViewField field : schema.fields()) {
            columns.add(quote(field.name()) + " " + columnType(field, schema));
        }
        for (ViewField field : schema.fields()) {
            if (SpecialColumns.has(field, schema)) {
                columns.add(quote(SpecialColumns.name(field)) + " " + SpecialColumns.TYPE);
            }
        }
        for (String column : List.of(VERSION, DELETED, SOURCE_TS)) {
            columns.add(quote(column) + " " + METADATA_COLUMNS.get(column));
        }
        return "CREATE TABLE IF NOT EXISTS " + qualified(database, table) + " (\n  " + String.join(",\n  ", columns)
                + "\n) ENGINE = ReplacingMergeTree(" + quote(VERSION) + ", " + quote(DELETED) + ")\nORDER BY ("
                + schema.key().stream().map(TableDdl::quote).collect(Collectors.joining(", ")) + ")";
    }

    /** One ALTER adding every given column (name to type) that is not there yet. */
    static String addColumns(String database, String table, Map<String, String> columns) {
        return "ALTER TABLE " + qualified(database, table) + " " + columns.entrySet().stream()
                .map(c -> "ADD COLUMN IF NOT EXISTS " + quote(c.getKey()) + " " + c.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * The column of a view field: nullable when the field is, or when it has a
     * {@link SpecialColumns special companion} (a value the column cannot hold is NULL there).
     */
    static String columnType(ViewField field, ViewSchema schema) {
        boolean key = schema.key().contains(field.name());
        return columnType(SpecialColumns.has(field, schema) ? field.type().withNullable(true) : field.type(), key);
    }

    /** The column type of a field; key columns are never nullable. */
    static String columnType(FieldType type, boolean key) {
        String base = baseType(type);
        return type.kind() == FieldKind.ARRAY || key || !type.nullable() ? base : "Nullable(" + base + ")";
    }

    static DecimalType decimalType(FieldType type) {
        if (type.precision() <= 0) {
            return new DecimalType(MAX_DECIMAL_PRECISION, UNCONSTRAINED_SCALE);
        }
        int scale = Math.max(type.scale(), 0);
        // numeric(3,5) holds values below 0.001; numeric(2,-3) holds up to 99000: widen to the digits they need.
        int integerDigits = Math.max(type.precision() - type.scale(), 0);
        int precision = Math.max(integerDigits + scale, 1);
        if (precision > MAX_DECIMAL_PRECISION) {
            scale = Math.min(scale, UNCONSTRAINED_SCALE);
            precision = MAX_DECIMAL_PRECISION;
        }
        return new DecimalType(precision, scale);
    }

    /** Problems with a view as a table: names the sink uses, and keys it cannot store. Empty when fine. */
    static List<String> problems(ViewSchema schema) {
        List<String> problems = new ArrayList<>();
        if (schema.key().isEmpty()) {
            problems.add("view " + schema.view() + " has no key fields: the table is ordered, and deduplicated, by the key");
        }
        for (ViewField field : schema.fields()) {
            if (METADATA_COLUMNS.containsKey(field.name())) {
                problems.add("view " + schema.view() + ", field " + field.name()
                        + ": the name is reserved for the sink's own column");
            }
            if (schema.key().contains(field.name()) && !KEY_KINDS_FROM_IDS.contains(field.type().kind())) {
                problems.add("view " + schema.view() + ", key field " + field.name() + ": a " + field.type().kind()
                        + " key cannot be a ClickHouse sorting key column");
            }
        }
        return problems;
    }

    static String qualified(String database, String table) {
        return quote(database) + "." + quote(table);
    }

    /** A back-quoted identifier, so any field or table name works. */
    static String quote(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    private static String baseType(FieldType type) {
        return switch (type.kind()) {
            case STRING, TIME, JSON, BYTES, OBJECT -> "String";
            case BOOLEAN -> "Bool";
            case INT16 -> "Int16";
            case INT32 -> "Int32";
            case INT64 -> "Int64";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
            case DECIMAL -> {
                DecimalType decimal = decimalType(type);
                yield "Decimal(" + decimal.precision() + ", " + decimal.scale() + ")";
            }
            case DATE -> "Date32";
            case TIMESTAMP, TIMESTAMP_TZ -> "DateTime64(6, 'UTC')";
            case UUID -> "UUID";
            case ARRAY -> "Array(" + elementType(type.element()) + ")";
        };
    }

    private static String elementType(FieldType element) {
        String base = baseType(element);
        return element.kind() == FieldKind.ARRAY || !element.nullable() ? base : "Nullable(" + base + ")";
    }
}
