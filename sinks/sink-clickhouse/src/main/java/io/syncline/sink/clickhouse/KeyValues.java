package io.syncline.sink.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.view.FieldType;
import io.syncline.view.ViewSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The key field values of a delete, which carries only its document id: a ReplacingMergeTree
 * replaces by sorting key, so the delete row must repeat the key of the rows it supersedes.
 * <p>
 * A document id is the key value's text for a single key field, and a JSON array of the key
 * values' texts for several (the processors' {@code DocumentIds}). That text is the change
 * event's: numbers and text as themselves, uuid canonical, numeric as its digits, bytea base64,
 * timestamptz ISO-8601 with an offset; date, time and timestamp as a count (days since the
 * epoch, microseconds of the day, microseconds since the epoch). The ISO forms of date, time
 * and timestamp are read too.
 */
final class KeyValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COUNT = Pattern.compile("-?\\d+");

    private KeyValues() {
    }

    /**
     * @throws IllegalArgumentException when the id does not hold the schema's key, naming the
     *                                  key field but not the value
     */
    static Map<String, Object> fromId(String id, ViewSchema schema) {
        List<String> key = schema.key();
        List<String> texts = key.size() == 1 ? List.of(id) : compositeTexts(id, key.size());
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < key.size(); i++) {
            String field = key.get(i);
            FieldType type = schema.field(field).orElseThrow().type();
            try {
                values.put(field, parse(texts.get(i), type));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the id does not hold a " + type.kind() + " for key field " + field, e);
            }
        }
        return values;
    }

    /**
     * An id for a stored row, from its key field values: one {@link #fromId} reads back (the ISO
     * forms of dates and times, not the change events' counts), so a delete of the row takes it.
     */
    static String toId(Map<String, Object> fields, ViewSchema schema) {
        List<String> texts = schema.key().stream().map(field -> text(fields.get(field))).toList();
        if (texts.size() == 1) {
            return texts.get(0);
        }
        return JSON.valueToTree(texts).toString();
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }

    private static List<String> compositeTexts(String id, int size) {
        JsonNode array;
        try {
            array = JSON.readTree(id);
        } catch (IOException e) {
            throw new IllegalArgumentException("the id of a document with a " + size + "-field key is not a JSON array", e);
        }
        if (array == null || !array.isArray() || array.size() != size) {
            throw new IllegalArgumentException("the id of a document with a " + size + "-field key is not a JSON array of "
                    + size + " values");
        }
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(value -> value.isTextual() ? value.asText() : value.toString()).toList();
    }

    private static Object parse(String text, FieldType type) {
        boolean count = COUNT.matcher(text).matches();
        return switch (type.kind()) {
            case STRING -> text;
            case BOOLEAN -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("not a boolean");
                }
                yield Boolean.valueOf(text);
            }
            case INT16, INT32 -> Integer.valueOf(text);
            case INT64 -> Long.valueOf(text);
            case FLOAT32, FLOAT64 -> Double.valueOf(text);
            case DECIMAL -> new BigDecimal(text);
            case DATE -> count ? LocalDate.ofEpochDay(Long.parseLong(text)) : LocalDate.parse(text);
            case TIME -> count ? LocalTime.ofNanoOfDay(Long.parseLong(text) * 1_000) : LocalTime.parse(text);
            case TIMESTAMP -> count ? epochMicros(Long.parseLong(text)) : LocalDateTime.parse(text);
            case TIMESTAMP_TZ -> instant(text);
            case UUID -> UUID.fromString(text);
            case BYTES -> Base64.getDecoder().decode(text);
            case JSON, ARRAY, OBJECT -> throw new IllegalArgumentException("not a key kind");
        };
    }

    private static LocalDateTime epochMicros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000,
                ZoneOffset.UTC);
    }

    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
