package io.syncline.cdc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Map;
import org.postgresql.util.HStoreConverter;

/**
 * The JSON a streamed change event carries for a column, from the column's text output (what
 * pgoutput sends): Debezium 3.6's PostgreSQL value conversion with this pipeline's settings
 * ({@link DebeziumProperties}: decimal.handling.mode=string, binary.handling.mode=base64,
 * adaptive_time_microseconds, hstore as JSON), for the types a value can be TOASTed in (text and
 * its kin, json/jsonb, xml, bytea, numeric, hstore, tsvector, bit strings, arrays) and the element
 * types of arrays. {@code SourceRowReaderIT} proves each against what Debezium streams.
 */
final class StreamedValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final JsonFactory JSON = new JsonFactory();
    /** PostgreSQL's timestamptz output with DateStyle ISO: {@code 2024-05-02 10:15:30.5+02}, offsets to the second. */
    private static final DateTimeFormatter PG_TIMESTAMPTZ = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendOffset("+HH:mm:ss", "+00").toFormatter();

    private StreamedValues() {
    }

    /** {@code text}: the column's text output, null for SQL NULL. */
    static JsonNode of(String text, FieldType type) {
        if (text == null) {
            return NODES.nullNode();
        }
        if (type.kind() == FieldKind.ARRAY) {
            ArrayNode array = NODES.arrayNode();
            ArrayLiteral.elements(text).forEach(element -> array.add(of(element, type.element())));
            return array;
        }
        return switch (type.sourceType()) {
            case "bytea" -> NODES.textNode(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(text, 2, text.length())));
            case "numeric" -> NODES.textNode(numeric(text));
            case "hstore" -> NODES.textNode(hstore(text));
            case "bit", "varbit" -> type.kind() == FieldKind.BOOLEAN ? NODES.booleanNode(Integer.parseInt(text, 2) != 0)
                    : NODES.textNode(Base64.getEncoder().encodeToString(bits(text)));
            default -> byKind(text, type);
        };
    }

    private static JsonNode byKind(String text, FieldType type) {
        return switch (type.kind()) {
            case BOOLEAN -> NODES.booleanNode("t".equals(text));
            case INT16, INT32 -> NODES.numberNode(Integer.parseInt(text));
            case INT64 -> NODES.numberNode(Long.parseLong(text));
            case FLOAT32 -> {
                float value = Float.parseFloat(text);
                yield Float.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(Float.toString(value));
            }
            case FLOAT64 -> {
                double value = Double.parseDouble(text);
                yield Double.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(Double.toString(value));
            }
            case DATE -> NODES.numberNode((int) LocalDate.parse(text).toEpochDay());
            case TIME -> NODES.numberNode(LocalTime.parse(text).toNanoOfDay() / 1_000);
            case TIMESTAMP -> {
                LocalDateTime value = LocalDateTime.parse(text.replace(' ', 'T'));
                long micros = Math.addExact(Math.multiplyExact(value.toEpochSecond(ZoneOffset.UTC), 1_000_000L),
                        value.getNano() / 1_000);
                yield NODES.numberNode(type.precision() <= 3 ? Math.floorDiv(micros, 1_000) : micros);
            }
            case TIMESTAMP_TZ -> NODES.textNode(timestampTz(text, type.precision()));
            default -> NODES.textNode(text);
        };
    }

    /** Debezium's special-value names; otherwise PostgreSQL's plain digits, which already have the column's scale. */
    private static String numeric(String text) {
        return switch (text) {
            case "NaN" -> "NAN";
            case "Infinity" -> "POSITIVE_INFINITY";
            case "-Infinity" -> "NEGATIVE_INFINITY";
            default -> text;
        };
    }

    /** As Debezium: PgJDBC's parser into a HashMap, written in that map's order. */
    private static String hstore(String text) {
        Map<String, String> map = HStoreConverter.fromString(text);
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, String> entry : map.entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** As Debezium: the last character is bit 0, bytes little-endian, as many as the highest set bit needs. */
    private static byte[] bits(String text) {
        BitSet bits = new BitSet(text.length());
        for (int i = text.length() - 1; i >= 0; i--) {
            if (text.charAt(i) == '1') {
                bits.set(text.length() - i - 1);
            }
        }
        return bits.toByteArray();
    }

    /** ISO-8601 in UTC with the column's fraction digits, as Debezium's ZonedTimestamp. */
    private static String timestampTz(String text, int digits) {
        if (text.equals("infinity") || text.equals("-infinity")) {
            return text;
        }
        OffsetDateTime value = OffsetDateTime.parse(text, PG_TIMESTAMPTZ).withOffsetSameInstant(ZoneOffset.UTC);
        return value.format(new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
                .appendPattern("HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true)
                .appendOffsetId().toFormatter());
    }
}
