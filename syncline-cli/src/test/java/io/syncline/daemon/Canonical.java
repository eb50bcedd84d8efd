package io.syncline.daemon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.ViewField;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

/**
 * One text form per value, whatever store it was read from, so a source row and its copies in
 * every sink compare as equal strings: decimals in plain notation with their scale, instants in
 * UTC with six fraction digits, JSON with sorted keys and exact numbers, bytes in base64. Nested
 * objects (joined rows) are their typed fields in declared order, each in this same form, and
 * arrays keep their order; a field an object lacks is {@link #MISSING}, never mistaken for null.
 */
final class Canonical {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final DateTimeFormatter LOCAL_MICROS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .toFormatter();

    /** A field the document does not have at all, as opposed to one it holds as null. */
    static final String MISSING = "<missing>";

    private Canonical() {
    }

    /**
     * The canonical value of each of {@code fields} in {@code document}: null for a null value,
     * {@link #MISSING} for an absent field. Other keys (a store's own, like {@code _id}) are not read.
     */
    static Map<String, String> fields(Map<?, ?> document, List<ViewField> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ViewField field : fields) {
            values.put(field.name(), document.containsKey(field.name())
                    ? of(document.get(field.name()), field.type()) : MISSING);
        }
        return values;
    }

    static String of(Object value, FieldType type) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            // An unconstrained numeric has no scale of its own (ClickHouse pads it to 38 digits): only its value counts.
            case DECIMAL -> special(value) != null ? special(value)
                    : (type.precision() == 0 ? decimal(value).stripTrailingZeros() : decimal(value)).toPlainString();
            case TIMESTAMP_TZ -> FieldValues.INSTANT_MICROS.format(instant(value));
            case TIMESTAMP -> LOCAL_MICROS.format(localDateTime(value));
            case DATE -> value instanceof LocalDate d ? d.toString() : value.toString().substring(0, 10);
            case JSON -> json(value);
            case BYTES -> value instanceof byte[] b ? Base64.getEncoder().encodeToString(b)
                    : value instanceof Binary b ? Base64.getEncoder().encodeToString(b.getData()) : value.toString();
            case ARRAY -> array(value, type.element());
            case OBJECT -> object(value, type);
            case INT16, INT32, INT64 -> String.valueOf(((Number) (value instanceof String s ? Long.valueOf(s) : value)).longValue());
            case BOOLEAN -> String.valueOf(value instanceof Number n ? n.intValue() != 0 : value);
            default -> value.toString();
        };
    }

    /** numeric NaN / ±Infinity as PostgreSQL writes them, whatever form a store keeps them in; else null. */
    private static String special(Object value) {
        if (value instanceof Decimal128 d && (d.isNaN() || d.isInfinite())) {
            return d.isNaN() ? "NaN" : d.isNegative() ? "-Infinity" : "Infinity";
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }
        String text = value.toString();
        return text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity") ? text : null;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof Decimal128 d) {
            return d.bigDecimalValue();
        }
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }

    private static LocalDateTime localDateTime(Object value) {
        if (value instanceof LocalDateTime l) {
            return l;
        }
        if (value instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        return LocalDateTime.parse(value.toString());
    }

    private static String json(Object value) {
        try {
            JsonNode tree = value instanceof String s ? JSON.readTree(s) : JSON.valueToTree(plain(value));
            return JSON.writeValueAsString(JSON.treeToValue(tree, Object.class));
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + value, e);
        }
    }

    /** BSON and driver types inside JSON values, as plain Java values. */
    private static Object plain(Object value) {
        if (value instanceof Decimal128 d) {
            return d.bigDecimalValue();
        }
        if (value instanceof Double d) {
            return new BigDecimal(d.toString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(k.toString(), plain(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(Canonical::plain).toList();
        }
        return value;
    }

    /**
     * An object's typed fields, then any key its type does not name (marked {@code +}), so an
     * unexpected key is a difference too. ClickHouse holds objects as JSON text.
     */
    private static String object(Object value, FieldType type) {
        Map<?, ?> object = value instanceof String text ? parse(text, Map.class) : (Map<?, ?>) value;
        Map<String, String> values = fields(object, type.fields());
        object.forEach((key, v) -> {
            if (type.field(key.toString()).isEmpty()) {
                values.put("+" + key, v == null ? "null" : json(v));
            }
        });
        return values.toString();
    }

    private static <T> T parse(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (Exception e) {
            throw new IllegalStateException("not a JSON " + type.getSimpleName() + ": " + text, e);
        }
    }

    private static String array(Object value, FieldType element) {
        List<Object> items = new ArrayList<>();
        if (value instanceof Array array) {
            try {
                value = array.getArray();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (value instanceof Object[] objects) {
            items.addAll(java.util.Arrays.asList(objects));
        } else if (value instanceof Collection<?> list) {
            items.addAll(list);
        } else if (value instanceof String text && element.kind() == FieldKind.OBJECT) {
            items.addAll(parse(text, List.class)); // an array of objects as JSON text
        } else if (value instanceof String text) {
            items.addAll(List.of(text)); // a one-element array that came back as a plain value
        }
        return items.stream().map(v -> v == null ? "null" : of(v, element)).toList().toString();
    }
}
