package io.syncline.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values JSON has no form for, and dates beyond four-digit years, through a view topic and back. */
class SpecialValuesTest {
    private static final FieldType DECIMAL = FieldType.decimal(0, 0, true, "numeric");
    private static final FieldType FLOAT = FieldType.of(FieldKind.FLOAT64, true, "float8");
    private static final FieldType DATE = FieldType.of(FieldKind.DATE, true, "date");
    private static final FieldType TIMESTAMP = FieldType.of(FieldKind.TIMESTAMP, true, "timestamp");
    private static final FieldType TIMESTAMP_TZ = FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz");
    private static final ViewSchema SCHEMA = new ViewSchema("s", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("n", DECIMAL), new ViewField("f", FLOAT), new ViewField("d", DATE),
            new ViewField("ts", TIMESTAMP), new ViewField("tz", TIMESTAMP_TZ)), List.of("id"));

    @Test
    void specialsTravelAsPostgresTextAndComeBackAsTheSameValue() {
        assertThat(roundTrip(SpecialValue.NAN, SpecialValue.NEGATIVE_INFINITY, SpecialValue.POSITIVE_INFINITY))
                .isEqualTo("{\"id\":1,\"n\":\"NaN\",\"f\":\"NaN\",\"d\":\"-infinity\",\"ts\":\"infinity\",\"tz\":\"infinity\"}");
        assertThat(FieldValues.toJson(SpecialValue.POSITIVE_INFINITY, DECIMAL).asText()).isEqualTo("Infinity");
        assertThat(FieldValues.toJson(SpecialValue.NEGATIVE_INFINITY, DECIMAL).asText()).isEqualTo("-Infinity");
    }

    @Test
    void floatSpecialsAndNegativeZeroSurviveReadersThatParseNumbersAsDecimals() {
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 1.5}) {
            Object back = FieldValues.fromJson(parse(FieldValues.toJson(value, FLOAT).toString()), FLOAT);
            assertThat(Double.doubleToRawLongBits((Double) back)).as("%s", value)
                    .isEqualTo(Double.doubleToRawLongBits(value));
        }
        assertThat(FieldValues.toJson(-0.0, FLOAT).asText()).isEqualTo("-0.0");
        assertThat(FieldValues.toJson(1.5, FLOAT).isNumber()).isTrue();
    }

    @Test
    void yearsBeyondFourDigitsAndBeforeChristKeepTheirSign() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", 2L);
        doc.put("d", LocalDate.of(5874897, 12, 31));
        doc.put("ts", LocalDateTime.of(-4712, 1, 1, 0, 0));
        doc.put("tz", Instant.parse("+294276-12-31T23:59:59.999999Z"));
        ViewRecordCodec codec = new ViewRecordCodec(SCHEMA);
        ViewRecord record = new ViewRecord("2", 7, Op.CREATE, 0, doc);
        byte[] bytes = codec.encodeValue(record);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"d\":\"+5874897-12-31\"",
                "\"ts\":\"-4712-01-01T00:00:00.000000\"", "\"tz\":\"+294276-12-31T23:59:59.999999Z\"");
        assertThat(codec.decode("2".getBytes(StandardCharsets.UTF_8), bytes, h -> null).document()).isEqualTo(doc);
    }

    @Test
    void ordinaryTextIsNotSpecial() {
        assertThat(FieldValues.fromJson(parse("\"12.50\""), DECIMAL)).isEqualTo(new BigDecimal("12.50"));
        assertThat(SpecialValue.parse("NaN", FieldKind.DATE)).isEmpty();
        assertThat(SpecialValue.parse("infinity", FieldKind.DECIMAL)).isEmpty();
        assertThat(SpecialValue.parse("NaN", FieldKind.STRING)).isEmpty();
        assertThat(FieldValues.fromJson(parse("\"NaN\""), FieldType.of(FieldKind.STRING, true, "text"))).isEqualTo("NaN");
    }

    private static String roundTrip(SpecialValue decimal, SpecialValue date, SpecialValue timestamp) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", 1L);
        doc.put("n", decimal);
        doc.put("f", Double.NaN);
        doc.put("d", date);
        doc.put("ts", timestamp);
        doc.put("tz", timestamp);
        ViewRecordCodec codec = new ViewRecordCodec(SCHEMA);
        byte[] bytes = codec.encodeValue(new ViewRecord("1", 7, Op.CREATE, 0, doc));
        Map<String, Object> back = codec.decode("1".getBytes(StandardCharsets.UTF_8), bytes, h -> null).document();
        assertThat(back.keySet()).isEqualTo(doc.keySet());
        doc.forEach((k, v) -> assertThat(back.get(k)).as(k).isEqualTo(v));
        return parse(new String(bytes, StandardCharsets.UTF_8)).get("doc").toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return FieldValues.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
