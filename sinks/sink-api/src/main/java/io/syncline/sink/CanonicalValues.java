package io.syncline.sink;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.IsoInstants;
import io.syncline.view.SpecialValue;
import io.syncline.view.ViewField;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One text form per field value, whatever store it was read from (or the view record it was
 * written from), so a source row, the view record and its copies in every sink compare as equal
 * strings. For {@code syncline verify --deep} and acceptance tests.
 * <ul>
 *   <li>DECIMAL in plain notation with its scale (an unconstrained numeric, precision 0, by value
 *       only: ClickHouse pads it to 38 fraction digits); NaN and ±Infinity as PostgreSQL writes
 *       them ({@code NaN}, {@code Infinity}, {@code -Infinity}), whether a {@link SpecialValue},
 *       a {@link Double} or that text;</li>
 *   <li>FLOAT64 as {@link Double#toString} of the number, FLOAT32 as {@link Float#toString} (a
 *       {@code real} has float precision, and a store may hand it back as a float or a widened
 *       double): a Double, a BigDecimal and a text of the same number give the same text, and
 *       {@code NaN}, {@code Infinity}, {@code -Infinity} and {@code -0.0} are kept;</li>
 *   <li>TIMESTAMP_TZ in UTC with six fraction digits and {@code Z} (Instant, OffsetDateTime,
 *       ZonedDateTime, java.sql.Timestamp, java.util.Date, a LocalDateTime read as UTC, or ISO
 *       text); TIMESTAMP likewise without zone; DATE as {@code yyyy-MM-dd}; TIME as
 *       {@code HH:mm:ss.SSSSSS}; date and timestamp ±infinity as {@code infinity} /
 *       {@code -infinity};</li>
 *   <li>UUID as lower-case text; BYTES in base64 (a {@code byte[]}, or text taken to be base64
 *       already);</li>
 *   <li>JSON with sorted keys and exact numbers (an integral number as an integer, others without
 *       trailing zeros, in plain notation), from a parsed value (Map, List, String, number,
 *       Boolean) or from JSON text. A String is read as JSON text when it parses as JSON, else as
 *       a JSON string: so a JSON string whose content is itself valid JSON (e.g. {@code "123"})
 *       reads as that JSON, on both sides alike;</li>
 *   <li>OBJECT (a Map, or its JSON text) as its typed fields in declared order, each in this same
 *       form, then any key its type does not name (marked {@code +}), so an unexpected key is a
 *       difference too; a field an object lacks is {@link #MISSING}, never mistaken for null;</li>
 *   <li>ARRAY (a List, an array, a {@link java.sql.Array}, or JSON text for an array of objects)
 *       in its order, each element in this same form. <b>A null array reads as an empty one</b>:
 *       ClickHouse has no nullable arrays and stores a null array empty, so the two cannot be told
 *       apart in every store, and a comparison must not report that as a difference.</li>
 * </ul>
 * Values must be plain Java values: a store's driver types (BSON's Decimal128 or Binary, say) are
 * turned into their plain equivalents by the sink module first.
 */
public final class CanonicalValues {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final DateTimeFormatter LOCAL_MICROS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .toFormatter();
    private static final DateTimeFormatter TIME_MICROS = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true).toFormatter();

    /** A field the document does not have at all, as opposed to one it holds as null. */
    public static final String MISSING = "<missing>";

    private CanonicalValues() {
    }

    /**
     * The canonical value of each of {@code fields} in {@code document}, in the fields' order: null
     * for a null value (an empty array's text for a null array), {@link #MISSING} for an absent
     * field. Other keys (a store's own, like {@code _id}) are not read.
     */
    public static Map<String, String> fields(Map<?, ?> document, List<ViewField> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ViewField field : fields) {
            values.put(field.name(), document.containsKey(field.name())
                    ? of(document.get(field.name()), field.type()) : MISSING);
        }
        return values;
    }

    /** The canonical text of one value of a field of {@code type}; null for null (but {@code []} for an ARRAY). */
    public static String of(Object value, FieldType type) {
        if (value == null) {
            return type.kind() == FieldKind.ARRAY ? "[]" : null;
        }
        if (value instanceof SpecialValue special && SpecialValue.allowedIn(type.kind())) {
            return special.text(type.kind());
        }
        if (value instanceof String text && !text.isEmpty()) {
            Optional<SpecialValue> special = SpecialValue.parse(text, type.kind());
            if (special.isPresent()) {
                return special.get().text(type.kind());
            }
        }
        return switch (type.kind()) {
            // An unconstrained numeric has no scale of its own (ClickHouse pads it to 38 digits): only its value counts.
            case DECIMAL -> special(value) != null ? special(value)
                    : (type.precision() == 0 ? decimal(value).stripTrailingZeros() : decimal(value)).toPlainString();
            case FLOAT32 -> Float.toString(Float.parseFloat(numberText(value)));
            case FLOAT64 -> Double.toString(Double.parseDouble(numberText(value)));
            case TIMESTAMP_TZ -> IsoInstants.formatMicros(instant(value));
            case TIMESTAMP -> LOCAL_MICROS.format(localDateTime(value));
            case DATE -> date(value);
            case TIME -> TIME_MICROS.format(value instanceof LocalTime t ? t : LocalTime.parse(value.toString()));
            case UUID -> value.toString().toLowerCase(java.util.Locale.ROOT);
            case JSON -> json(value);
            case BYTES -> value instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : value.toString();
            case ARRAY -> array(value, type.element());
            case OBJECT -> object(value, type);
            case INT16, INT32, INT64 -> String.valueOf(((Number) (value instanceof String s ? Long.valueOf(s) : value)).longValue());
            case BOOLEAN -> String.valueOf(value instanceof Number n ? n.intValue() != 0
                    : value instanceof String s ? Boolean.parseBoolean(s) || s.equals("1") : value);
            case STRING -> value.toString();
        };
    }

    /** A float's digits: a Double or Float as {@code toString} writes it, a BigDecimal in any notation, or text. */
    private static String numberText(Object value) {
        if (value instanceof Number n && !(value instanceof BigDecimal)) {
            return value instanceof Float f ? Float.toString(f) : Double.toString(n.doubleValue());
        }
        return value.toString();
    }

    /** numeric NaN / ±Infinity as PostgreSQL writes them, whatever form a store keeps them in; else null. */
    private static String special(Object value) {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }
        if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return f.isNaN() ? "NaN" : f > 0 ? "Infinity" : "-Infinity";
        }
        return null;
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }

    private static String date(Object value) {
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof LocalDateTime l) {
            return l.toLocalDate().toString();
        }
        String text = value.toString();
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
            // A date with a time part (2026-11-21T00:00:00Z, 2026-11-21 00:00:00): its date.
            int end = text.indexOf('T') > 0 ? text.indexOf('T') : text.indexOf(' ') > 0 ? text.indexOf(' ') : text.length();
            return LocalDate.parse(text.substring(0, end)).toString();
        }
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
        String text = value.toString();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
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
        if (value instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        String text = value.toString();
        try {
            return LocalDateTime.parse(text.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
    }

    private static String json(Object value) {
        try {
            JsonNode tree;
            if (value instanceof String s) {
                try {
                    tree = JSON.readTree(s);
                } catch (Exception notJsonText) {
                    tree = null;
                }
                if (tree == null || tree.isMissingNode()) {
                    tree = JSON.valueToTree(s); // a JSON string value, not JSON text
                }
            } else {
                tree = JSON.valueToTree(plain(value));
            }
            return JSON.writeValueAsString(numbers(JSON.treeToValue(tree, Object.class)));
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + value, e);
        }
    }

    /**
     * One form per JSON number: an integral value as an integer (a store may keep
     * 12345678901234567890 as 1.234567890123456789E+19), others without trailing zeros.
     */
    private static Object numbers(Object value) {
        if (value instanceof BigDecimal d) {
            BigDecimal stripped = d.stripTrailingZeros();
            return stripped.scale() <= 0 ? stripped.toBigIntegerExact() : stripped;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(k.toString(), numbers(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CanonicalValues::numbers).toList();
        }
        return value;
    }

    /** Numbers inside JSON values as exact decimals, maps with sorted keys. */
    private static Object plain(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(k.toString(), plain(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(CanonicalValues::plain).toList();
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(CanonicalValues::plain).toList();
        }
        return value;
    }

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
            items.addAll(Arrays.asList(objects));
        } else if (value instanceof Collection<?> list) {
            items.addAll(list);
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                items.add(java.lang.reflect.Array.get(value, i)); // a primitive array (int[], double[])
            }
        } else if (value instanceof String text && element.kind() == FieldKind.OBJECT) {
            items.addAll(parse(text, List.class)); // an array of objects as JSON text
        } else if (value instanceof String text) {
            items.add(text); // a one-element array that came back as a plain value
        }
        return items.stream().map(v -> String.valueOf(of(v, element))).toList().toString();
    }
}
