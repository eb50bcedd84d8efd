package io.syncline.sink.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.sink.clickhouse.TableDdl.DecimalType;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Field values as the parameters of an INSERT, in the column types of {@link TableDdl}.
 * <p>
 * ClickHouse's VALUES parser quietly bends values that do not fit a column: an Int16 wraps, a
 * decimal loses digits past its scale, a date before 1900 becomes 1900-01-01, a NULL in a
 * non-nullable column becomes 0 or ''. None of that may happen silently here, so every value is
 * checked first, and one that does not fit exactly is an {@link IllegalArgumentException} (the
 * record is dead-lettered) that names the problem, never the value.
 * <p>
 * Timestamps are sent as text in UTC ({@code 2026-11-21 10:15:30.123456}), which the server
 * parses in the column's own zone: the driver's own conversion of a LocalDateTime goes through
 * the JVM's time zone.
 */
final class ClickHouseValues {
    static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);
    static final LocalDate MAX_DATE = LocalDate.of(2299, 12, 31);
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final DateTimeFormatter DATETIME_MICROS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true).toFormatter();
    private static final DateTimeFormatter DATETIME_MILLIS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss").appendFraction(ChronoField.MILLI_OF_SECOND, 3, 3, true).toFormatter();

    private ClickHouseValues() {
    }

    /**
     * The parameter for a field's column.
     *
     * @param key whether the field is a key column (never null)
     */
    static Object column(Object value, FieldType type, boolean key) {
        if (value == null) {
            if (type.kind() == FieldKind.ARRAY) {
                return List.of();
            }
            if (key || !type.nullable()) {
                throw new IllegalArgumentException("is null, but its column is not nullable");
            }
            return null;
        }
        return of(value, type);
    }

    /** The parameter for a non-null value. */
    static Object of(Object value, FieldType type) {
        if (value instanceof io.syncline.view.SpecialValue special) {
            throw new IllegalArgumentException("is " + special.text(type.kind()) + ", which a ClickHouse column cannot hold,"
                    + " and keys and array elements have no " + SpecialColumns.SUFFIX + " column");
        }
        return switch (type.kind()) {
            case STRING -> as(value, String.class, type);
            case BOOLEAN -> as(value, Boolean.class, type);
            case INT16 -> int16(as(value, Integer.class, type));
            case INT32 -> as(value, Integer.class, type);
            case INT64 -> as(value, Long.class, type);
            case FLOAT32, FLOAT64 -> as(value, Double.class, type);
            case DECIMAL -> decimal(as(value, BigDecimal.class, type), TableDdl.decimalType(type));
            case DATE -> date(as(value, LocalDate.class, type));
            case TIME -> FieldValues.toJson(as(value, LocalTime.class, type), type).asText();
            case TIMESTAMP -> dateTime(as(value, LocalDateTime.class, type));
            case TIMESTAMP_TZ -> dateTime(LocalDateTime.ofInstant(as(value, Instant.class, type), ZoneOffset.UTC));
            case UUID -> as(value, UUID.class, type);
            case JSON -> jsonText(value);
            case BYTES -> as(value, byte[].class, type);
            case ARRAY -> array(as(value, List.class, type), type.element());
            case OBJECT -> ObjectJson.text(as(value, Map.class, type), type);
        };
    }

    /**
     * The parameter for a non-key field of a delete row: what ClickHouse itself would fill in
     * (null, or the type's zero), so that a delete row carries only its key and version.
     */
    static Object placeholder(FieldType type) {
        if (type.nullable() && type.kind() != FieldKind.ARRAY) {
            return null;
        }
        return switch (type.kind()) {
            case STRING, TIME, JSON, OBJECT -> "";
            case BOOLEAN -> Boolean.FALSE;
            case INT16, INT32 -> 0;
            case INT64 -> 0L;
            case FLOAT32, FLOAT64 -> 0.0;
            case DECIMAL -> BigDecimal.ZERO;
            case DATE -> LocalDate.EPOCH;
            case TIMESTAMP, TIMESTAMP_TZ -> dateTime(LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC));
            case UUID -> new UUID(0, 0);
            case BYTES -> new byte[0];
            case ARRAY -> List.of();
        };
    }

    /** A field the view's schema does not know, for its {@link TableDdl#UNTYPED_FIELD} column: text as is, else JSON. */
    static String untyped(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        return jsonText(value);
    }

    /** JSON text with every number as it came (2.50 stays 2.50, never 2.5 or 2.5E0). */
    private static String jsonText(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not a JSON value: " + e.getOriginalMessage(), e);
        }
    }

    static String sourceTimestamp(long epochMillis) {
        return DATETIME_MILLIS.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
    }

    private static List<Object> array(List<?> elements, FieldType elementType) {
        List<Object> values = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Object element = elements.get(i);
            if (element == null && elementType.kind() != FieldKind.ARRAY && !elementType.nullable()) {
                throw new IllegalArgumentException("has a null element, but its elements are not nullable");
            }
            values.add(element == null ? (elementType.kind() == FieldKind.ARRAY ? List.of() : null) : element(i, element, elementType));
        }
        return values;
    }

    private static Object element(int index, Object element, FieldType elementType) {
        try {
            return of(element, elementType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("element " + index + ": " + e.getMessage(), e);
        }
    }

    private static Integer int16(Integer value) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException("is outside Int16");
        }
        return value;
    }

    private static BigDecimal decimal(BigDecimal value, DecimalType column) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(column.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("has more than " + column.scale() + " fraction digits, over Decimal("
                    + column.precision() + ", " + column.scale() + ")");
        }
        if (scaled.precision() > column.precision()) {
            throw new IllegalArgumentException("has more than " + (column.precision() - column.scale())
                    + " integer digits, over Decimal(" + column.precision() + ", " + column.scale() + ")");
        }
        return scaled;
    }

    private static LocalDate date(LocalDate value) {
        if (value.isBefore(MIN_DATE) || value.isAfter(MAX_DATE)) {
            throw new IllegalArgumentException("is outside ClickHouse's date range " + MIN_DATE + ".." + MAX_DATE);
        }
        return value;
    }

    private static String dateTime(LocalDateTime value) {
        date(value.toLocalDate());
        return DATETIME_MICROS.format(value);
    }

    private static <T> T as(Object value, Class<T> javaType, FieldType type) {
        if (!javaType.isInstance(value)) {
            throw new IllegalArgumentException("is a " + value.getClass().getName() + "; " + type.kind() + " fields hold "
                    + javaType.getSimpleName() + " values");
        }
        return javaType.cast(value);
    }
}
