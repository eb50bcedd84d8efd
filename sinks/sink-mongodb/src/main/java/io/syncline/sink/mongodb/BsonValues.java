package io.syncline.sink.mongodb;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.IsoInstants;
import io.syncline.view.FieldValues;
import io.syncline.view.SpecialValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Field values as BSON, exactly:
 * <ul>
 *   <li>DECIMAL as Decimal128, keeping every digit and the scale ({@code 12.50} stays
 *       {@code 12.50}), NaN and ±Infinity as Decimal128's own; a value Decimal128 cannot hold
 *       exactly (over 34 significant digits, or an exponent beyond ±6143) as a string with every
 *       digit, never rounded. In jsonb values such a number is still rejected;</li>
 *   <li>date and timestamp ±infinity as the text {@code infinity} / {@code -infinity}; FLOAT NaN,
 *       ±Infinity and -0 as the BSON double itself;</li>
 *   <li>TIMESTAMP_TZ as ISO-8601 UTC text with six fraction digits
 *       ({@code 2026-11-21T10:15:30.123456Z}): a BSON date counts milliseconds and would drop the
 *       microseconds PostgreSQL keeps. Fixed-width text still sorts and compares by time;</li>
 *   <li>TIMESTAMP as ISO text without zone ({@code 2026-11-21T10:15:30.123456}), TIME as
 *       {@code HH:mm:ss.SSSSSS}, DATE as {@code yyyy-MM-dd}: same reason, and no zone is invented;</li>
 *   <li>UUID as its canonical text: the same form as the document ids, the view topics and the
 *       other sinks, readable in any client, and free of the legacy binary UUID representations
 *       (subtypes 3 vs 4) that differ between drivers;</li>
 *   <li>JSON as embedded documents and arrays, its numbers as Int32/Int64 when integral and
 *       Decimal128 otherwise (exact, like the source's jsonb);</li>
 *   <li>OBJECT (a joined row) as an embedded document, its fields in the value's order and each
 *       converted by its own type with these same rules, at any depth; ARRAY of OBJECT as an
 *       array of such documents;</li>
 *   <li>BYTES as generic Binary; ARRAY as an array; the rest natural (INT16/INT32 Int32, INT64
 *       Int64, FLOAT32/FLOAT64 Double, BOOLEAN Boolean). Null is BSON null.</li>
 * </ul>
 * A value of the wrong Java type, or one that cannot be held exactly, is an
 * {@link IllegalArgumentException} naming the problem, and where it is inside an object or an
 * array, but not the value.
 */
final class BsonValues {

    private BsonValues() {
    }

    /** A value of a schema field. */
    static BsonValue of(Object value, FieldType type) {
        if (value == null) {
            return BsonNull.VALUE;
        }
        if (value instanceof SpecialValue special) {
            return special(special, type);
        }
        return switch (type.kind()) {
            case STRING -> new BsonString(as(value, String.class, type));
            case BOOLEAN -> BsonBoolean.valueOf(as(value, Boolean.class, type));
            case INT16, INT32 -> new BsonInt32(as(value, Integer.class, type));
            case INT64 -> new BsonInt64(as(value, Long.class, type));
            case FLOAT32, FLOAT64 -> new BsonDouble(as(value, Double.class, type));
            case DECIMAL -> decimalOrText(as(value, BigDecimal.class, type));
            case DATE -> new BsonString(as(value, LocalDate.class, type).toString());
            case TIME -> new BsonString(text(as(value, LocalTime.class, type), type));
            case TIMESTAMP -> new BsonString(text(as(value, LocalDateTime.class, type), type));
            case TIMESTAMP_TZ -> new BsonString(IsoInstants.formatMicros(as(value, Instant.class, type)));
            case UUID -> new BsonString(as(value, UUID.class, type).toString());
            case JSON -> json(value);
            case BYTES -> new BsonBinary(as(value, byte[].class, type));
            case ARRAY -> array(as(value, List.class, type), type.element());
            case OBJECT -> document(as(value, Map.class, type), type);
        };
    }

    private static BsonArray array(List<?> elements, FieldType elementType) {
        BsonArray array = new BsonArray(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            try {
                array.add(of(elements.get(i), elementType));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("element " + i + ": " + e.getMessage(), e);
            }
        }
        return array;
    }

    /** Fields the object's type does not name (added upstream later) are kept, mapped like JSON values. */
    private static BsonDocument document(Map<?, ?> object, FieldType type) {
        BsonDocument document = new BsonDocument();
        object.forEach((key, value) -> {
            String name = String.valueOf(key);
            try {
                document.append(name, type.field(name).map(f -> of(value, f.type())).orElseGet(() -> json(value)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + name + "': " + e.getMessage(), e);
            }
        });
        return document;
    }

    /**
     * A parsed JSON value (a JSON field, or a document field the view's schema does not know,
     * as the codec decodes it): documents, arrays, text, numbers, booleans, null.
     */
    static BsonValue json(Object value) {
        if (value == null) {
            return BsonNull.VALUE;
        } else if (value instanceof String s) {
            return new BsonString(s);
        } else if (value instanceof Boolean b) {
            return BsonBoolean.valueOf(b);
        } else if (value instanceof Integer i) {
            return new BsonInt32(i);
        } else if (value instanceof Long l) {
            return new BsonInt64(l);
        } else if (value instanceof BigInteger i) {
            return decimal(new BigDecimal(i));
        } else if (value instanceof BigDecimal d) {
            return decimal(d);
        } else if (value instanceof Double d) {
            return new BsonDouble(d);
        } else if (value instanceof Map<?, ?> map) {
            BsonDocument document = new BsonDocument();
            map.forEach((key, element) -> document.append(String.valueOf(key), json(element)));
            return document;
        } else if (value instanceof List<?> list) {
            BsonArray array = new BsonArray(list.size());
            list.forEach(element -> array.add(json(element)));
            return array;
        }
        throw new IllegalArgumentException("a JSON value cannot be a " + value.getClass().getName());
    }

    /** numeric NaN/±Infinity are Decimal128's own; date and timestamp ±infinity are text like the other dates. */
    private static BsonValue special(SpecialValue special, FieldType type) {
        if (type.kind() == FieldKind.DECIMAL) {
            return new BsonDecimal128(switch (special) {
                case NAN -> Decimal128.NaN;
                case POSITIVE_INFINITY -> Decimal128.POSITIVE_INFINITY;
                case NEGATIVE_INFINITY -> Decimal128.NEGATIVE_INFINITY;
            });
        }
        return new BsonString(special.text(type.kind()));
    }

    /**
     * A numeric column's value: Decimal128 when it holds it exactly, else the exact text (a
     * string-typed value, so {@code $type: "string"} finds it): rounding would be a silent wrong value.
     */
    private static BsonValue decimalOrText(BigDecimal value) {
        try {
            return new BsonDecimal128(new Decimal128(value));
        } catch (NumberFormatException e) {
            return new BsonString(value.toPlainString());
        }
    }

    private static BsonDecimal128 decimal(BigDecimal value) {
        try {
            return new BsonDecimal128(new Decimal128(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a decimal of " + value.precision() + " digits (scale " + value.scale()
                    + ") does not fit Decimal128 exactly (34 significant digits)", e);
        }
    }

    private static String text(Object temporal, FieldType type) {
        return FieldValues.toJson(temporal, type).asText();
    }

    private static <T> T as(Object value, Class<T> javaType, FieldType type) {
        if (!javaType.isInstance(value)) {
            throw new IllegalArgumentException("a " + type.kind() + " value must be a " + javaType.getSimpleName()
                    + ", not a " + value.getClass().getName());
        }
        return javaType.cast(value);
    }
}
