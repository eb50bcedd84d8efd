package io.syncline.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Converts field values between their Java types ({@link FieldKind}) and JSON on view topics:
 * decimals as strings (exact), timestamps as ISO-8601 with six fraction digits (UTC with Z for
 * timestamptz), uuid as text, bytea as base64, json as nested JSON, arrays as arrays, objects as
 * objects of their typed fields.
 */
public final class FieldValues {
    /** Keeps decimals exactly as written, trailing zeros too ({@code 2.50} stays {@code 2.50} in json values). */
    static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Fixed six fraction digits, so the text sorts like the instant and keeps microseconds. */
    public static final DateTimeFormatter INSTANT_MICROS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z').toFormatter().withZone(java.time.ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_MICROS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .toFormatter();
    private static final DateTimeFormatter TIME_MICROS = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true).toFormatter();

    private FieldValues() {
    }

    /** A value of a field no schema types (e.g. a column added after start), as view topics write it. */
    public static JsonNode untypedToJson(Object value) {
        return JSON.valueToTree(value);
    }

    public static JsonNode toJson(Object value, FieldType type) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof SpecialValue special) {
            return NODES.textNode(special.text(type.kind()));
        }
        return switch (type.kind()) {
            case STRING -> NODES.textNode((String) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT16, INT32 -> NODES.numberNode(((Number) value).intValue());
            case INT64 -> NODES.numberNode(((Number) value).longValue());
            case FLOAT32, FLOAT64 -> floatJson(((Number) value).doubleValue());
            case DECIMAL -> NODES.textNode(((BigDecimal) value).toPlainString());
            case DATE -> NODES.textNode(value.toString());
            case TIME -> NODES.textNode(TIME_MICROS.format((LocalTime) value));
            case TIMESTAMP -> NODES.textNode(LOCAL_MICROS.format((LocalDateTime) value));
            case TIMESTAMP_TZ -> NODES.textNode(IsoInstants.formatMicros((Instant) value));
            case UUID -> NODES.textNode(value.toString());
            case JSON -> JSON.valueToTree(value);
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString((byte[]) value));
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object element : (List<?>) value) {
                    array.add(toJson(element, type.element()));
                }
                yield array;
            }
            case OBJECT -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((name, v) -> object.set((String) name, type.field((String) name)
                        .map(f -> toJson(v, f.type())).orElseGet(() -> JSON.valueToTree(v))));
                yield object;
            }
        };
    }

    /**
     * NaN, ±Infinity and -0 as text ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"},
     * {@code "-0.0"}): JSON has no token for the first three, and readers that parse numbers as
     * BigDecimal (view topics keep decimals exact) turn {@code -0.0} into 0.
     */
    private static JsonNode floatJson(double value) {
        boolean negativeZero = value == 0 && Double.doubleToRawLongBits(value) != 0;
        return Double.isFinite(value) && !negativeZero ? NODES.numberNode(value) : NODES.textNode(Double.toString(value));
    }

    public static Object fromJson(JsonNode node, FieldType type) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            java.util.Optional<SpecialValue> special = SpecialValue.parse(node.asText(), type.kind());
            if (special.isPresent()) {
                return special.get();
            }
        }
        return switch (type.kind()) {
            case STRING -> node.asText();
            case BOOLEAN -> node.asBoolean();
            case INT16, INT32 -> node.asInt();
            case INT64 -> node.asLong();
            case FLOAT32, FLOAT64 -> node.isTextual() ? Double.valueOf(node.asText()) : node.asDouble();
            case DECIMAL -> new BigDecimal(node.asText());
            case DATE -> LocalDate.parse(node.asText());
            case TIME -> LocalTime.parse(node.asText());
            case TIMESTAMP -> LocalDateTime.parse(node.asText());
            case TIMESTAMP_TZ -> IsoInstants.parse(node.asText(), Instant::parse);
            case UUID -> UUID.fromString(node.asText());
            case JSON -> JSON.convertValue(node, Object.class);
            case BYTES -> Base64.getDecoder().decode(node.asText());
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(fromJson(element, type.element())));
                yield list;
            }
            case OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> object.put(e.getKey(), type.field(e.getKey())
                        .map(f -> fromJson(e.getValue(), f.type()))
                        .orElseGet(() -> JSON.convertValue(e.getValue(), Object.class))));
                yield object;
            }
        };
    }
}
