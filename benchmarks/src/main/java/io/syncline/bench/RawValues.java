package io.syncline.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Values in the forms Syncline's sinks store them, so the raw baselines write the same documents:
 * timestamps as text with six fraction digits, decimals exact, jsonb as a nested document.
 */
final class RawValues {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLICKHOUSE_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLICKHOUSE_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private RawValues() {
    }

    static String isoMicros(Instant instant) {
        return ISO_MICROS.format(instant);
    }

    static String clickhouseMicros(Instant instant) {
        return CLICKHOUSE_MICROS.format(instant);
    }

    static String clickhouseMillis(Instant instant) {
        return CLICKHOUSE_MILLIS.format(instant);
    }

    static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("jsonb from PostgreSQL is not JSON", e);
        }
    }

    /** Consecutive slices of at most {@code size} elements. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        return IntStream.range(0, (items.size() + size - 1) / size)
                .mapToObj(i -> items.subList(i * size, Math.min(items.size(), (i + 1) * size)))
                .toList();
    }
}
