package io.syncline.processors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.IsoInstants;
import io.syncline.view.SpecialValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a column value as Debezium writes it (JSON converter, schemas disabled,
 * decimal.handling.mode=string, time.precision.mode=adaptive_time_microseconds,
 * binary.handling.mode=base64) into the typed Java value of its {@link FieldType}. Time is always
 * microseconds of the day (MicroTime). Values with no ordinary form (numeric NaN, ±infinity)
 * become {@link io.syncline.view.SpecialValue}s, see {@link DebeziumSpecials}.
 */
final class DebeziumValues {
    /** What Debezium sends for a TOASTed column an update did not change (REPLICA IDENTITY DEFAULT). */
    static final String UNAVAILABLE = "__debezium_unavailable_value";
    private static final byte[] UNAVAILABLE_BYTES = UNAVAILABLE.getBytes(StandardCharsets.UTF_8);
    private static final String UNAVAILABLE_BASE64 = Base64.getEncoder().encodeToString(UNAVAILABLE_BYTES);
    /** hstore (as JSON text). */
    private static final String UNAVAILABLE_HSTORE = "{\"" + UNAVAILABLE + "\":\"" + UNAVAILABLE + "\"}";
    /** uuid[]: one name-based UUID of the placeholder. */
    private static final String UNAVAILABLE_UUID = UUID.nameUUIDFromBytes(UNAVAILABLE_BYTES).toString();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private DebeziumValues() {
    }

    /**
     * True when the value is one of Debezium 3.6's placeholders for an unchanged TOASTed value (its
     * UnchangedToastedPlaceholder; SourceRowReaderIT in cdc-engine shows each): the text, its bytes
     * in base64 (bytea with binary.handling.mode=bytes), a one-element array of either (text, varchar,
     * char, json, jsonb and bytea arrays), the placeholder's bytes as numbers (int4, int8 and date
     * arrays), an hstore mapping it to itself, a one-element array of its name-based UUID (uuid arrays).
     */
    static boolean isUnavailable(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isTextual()) {
            String text = value.asText();
            return UNAVAILABLE.equals(text) || UNAVAILABLE_BASE64.equals(text) || UNAVAILABLE_HSTORE.equals(text);
        }
        if (!value.isArray()) {
            return false;
        }
        if (value.size() == 1) {
            return isUnavailable(value.get(0)) || UNAVAILABLE_UUID.equals(value.get(0).asText());
        }
        if (value.size() != UNAVAILABLE_BYTES.length) {
            return false;
        }
        for (int i = 0; i < UNAVAILABLE_BYTES.length; i++) {
            if (!value.get(i).isIntegralNumber() || value.get(i).asLong() != UNAVAILABLE_BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * True for a column whose unchanged TOASTed value Debezium 3.6 sends as a plain {@code null}
     * (bytea with binary.handling.mode=base64, bit strings, and arrays of most element types: bool,
     * numeric, float, timestamp, bytea, ...): a null there, in an update, may be a NULL or an
     * unchanged value, which only the source can tell. Every array counts, to not depend on that list.
     */
    static boolean nullMayBeUnchanged(FieldType type) {
        return type.kind() == FieldKind.BYTES || type.kind() == FieldKind.ARRAY;
    }

    static Object convert(JsonNode value, FieldType type) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (type.kind()) {
            case STRING -> value.isTextual() ? value.asText() : value.toString();
            case BOOLEAN -> bool(value, type);
            case INT16, INT32 -> Math.toIntExact(integral(value, type));
            case INT64 -> integral(value, type);
            case FLOAT32, FLOAT64 -> value.isTextual() ? Double.valueOf(value.asText()) : value.asDouble();
            case DECIMAL -> DebeziumSpecials.decimal(value.asText()).<Object>map(v -> v)
                    .orElseGet(() -> new BigDecimal(value.asText()));
            case DATE -> {
                long days = integral(value, type);
                yield DebeziumSpecials.date(days).<Object>map(v -> v).orElseGet(() -> LocalDate.ofEpochDay(days));
            }
            case TIME -> LocalTime.ofNanoOfDay(Math.multiplyExact(integral(value, type), 1_000));
            case TIMESTAMP -> localDateTime(integral(value, type), type.precision());
            case TIMESTAMP_TZ -> DebeziumSpecials.timestampTz(value.asText()).<Object>map(v -> v)
                    .orElseGet(() -> instant(value.asText()));
            case UUID -> UUID.fromString(value.asText());
            case JSON -> json(value);
            case BYTES -> Base64.getDecoder().decode(value.asText());
            case ARRAY -> {
                List<Object> list = new ArrayList<>(value.size());
                value.forEach(element -> list.add(convert(element, type.element())));
                yield list;
            }
            case OBJECT -> throw new IllegalArgumentException("a source column is never an object");
        };
    }

    /**
     * Debezium sends integers, dates, times and timestamps as JSON integers. Jackson would read any
     * other node as 0 and so write a wrong value to every sink: refuse it (the record is dead-lettered).
     */
    private static long integral(JsonNode value, FieldType type) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("a " + type.sourceType() + " column value is not an integer but a "
                    + value.getNodeType());
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode value, FieldType type) {
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("a " + type.sourceType() + " column value is not a boolean but a "
                    + value.getNodeType());
        }
        return value.booleanValue();
    }

    /**
     * timestamp(0..3) arrives as epoch milliseconds (Debezium's Timestamp), timestamp(4..6) and
     * plain timestamp as epoch microseconds (MicroTimestamp); precision holds the fraction digits.
     */
    private static Object localDateTime(long epoch, int precision) {
        long perSecond = precision <= 3 ? 1_000 : 1_000_000;
        Optional<SpecialValue> special = DebeziumSpecials.timestamp(epoch, perSecond);
        if (special.isPresent()) {
            return special.get();
        }
        long nanosPerUnit = 1_000_000_000 / perSecond;
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epoch, perSecond),
                (int) (Math.floorMod(epoch, perSecond) * nanosPerUnit), ZoneOffset.UTC);
    }

    /** Debezium's ZonedTimestamp: ISO-8601 with an offset (Z for UTC) and 0–9 fraction digits. */
    private static Instant instant(String text) {
        return IsoInstants.parse(text, other -> OffsetDateTime.parse(other).toInstant());
    }

    /** json/jsonb arrive as JSON text; documents carry them as JSON values. */
    private static Object json(JsonNode value) {
        if (!value.isTextual()) {
            return JSON.convertValue(value, Object.class);
        }
        try {
            return JSON.readValue(value.asText(), Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("json column value is not valid JSON", e);
        }
    }
}
