package io.syncline.sink.elasticsearch;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.SpecialValue;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A view of every kind that can hold a value with no ordinary form, and one document per such value. */
final class Specials {
    static final String VIEW = "specials";
    static final ViewSchema SCHEMA = new ViewSchema(VIEW, List.of(
            new ViewField("id", FieldType.of(FieldKind.STRING, false, "text")),
            new ViewField("n", FieldType.decimal(0, 0, true, "numeric")),
            new ViewField("x", FieldType.of(FieldKind.FLOAT64, true, "float8")),
            new ViewField("r", FieldType.of(FieldKind.FLOAT32, true, "float4")),
            new ViewField("d", FieldType.of(FieldKind.DATE, true, "date")),
            new ViewField("ts", FieldType.of(FieldKind.TIMESTAMP, true, "timestamp")),
            new ViewField("tz", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz"))), List.of("id"));

    private Specials() {
    }

    static Map<String, Map<String, Object>> documents() {
        Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
        docs.put("nan", doc("nan", SpecialValue.NAN, Double.NaN, Double.NaN, SpecialValue.POSITIVE_INFINITY,
                SpecialValue.POSITIVE_INFINITY, SpecialValue.POSITIVE_INFINITY));
        docs.put("inf", doc("inf", SpecialValue.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                SpecialValue.NEGATIVE_INFINITY, SpecialValue.NEGATIVE_INFINITY, SpecialValue.NEGATIVE_INFINITY));
        docs.put("minus", doc("minus", SpecialValue.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                SpecialValue.POSITIVE_INFINITY, SpecialValue.NEGATIVE_INFINITY, SpecialValue.POSITIVE_INFINITY));
        docs.put("zero", doc("zero", new BigDecimal("-0.00"), -0.0, -0.0, LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 23, 59, 59, 654_321_000), Instant.parse("2024-02-29T22:59:59.000001Z")));
        // 35 digits (more than Decimal128) and beyond double's range
        docs.put("wide", doc("wide", new BigDecimal("1234567890123456789012345678901234.5"), Double.MAX_VALUE, Double.MIN_VALUE,
                null, null, null));
        docs.put("far", doc("far", new BigDecimal("1E+400"), null, null, LocalDate.of(5874897, 12, 31),
                LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000), Instant.parse("+294276-12-31T23:59:59.999999Z")));
        docs.put("early", doc("early", null, null, null, LocalDate.of(-4713, 11, 24),
                LocalDateTime.of(-4712, 1, 1, 0, 0), Instant.parse("-4712-01-01T00:00:00Z")));
        return docs;
    }

    static Map<String, String> expectedSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("nan", "{\"id\":\"nan\",\"n\":\"NaN\",\"x\":\"NaN\",\"r\":\"NaN\",\"d\":\"infinity\",\"ts\":\"infinity\",\"tz\":\"infinity\"}");
        sources.put("inf", "{\"id\":\"inf\",\"n\":\"Infinity\",\"x\":\"Infinity\",\"r\":\"Infinity\",\"d\":\"-infinity\","
                + "\"ts\":\"-infinity\",\"tz\":\"-infinity\"}");
        sources.put("minus", "{\"id\":\"minus\",\"n\":\"-Infinity\",\"x\":\"-Infinity\",\"r\":\"-Infinity\",\"d\":\"infinity\","
                + "\"ts\":\"-infinity\",\"tz\":\"infinity\"}");
        sources.put("zero", "{\"id\":\"zero\",\"n\":\"0.00\",\"x\":\"-0.0\",\"r\":\"-0.0\",\"d\":\"2024-02-29\","
                + "\"ts\":\"2024-02-29T23:59:59.654321\",\"tz\":\"2024-02-29T22:59:59.000001Z\"}");
        sources.put("wide", "{\"id\":\"wide\",\"n\":\"1234567890123456789012345678901234.5\",\"x\":1.7976931348623157E308,"
                + "\"r\":4.9E-324,\"d\":null,\"ts\":null,\"tz\":null}");
        sources.put("far", "{\"id\":\"far\",\"n\":\"1" + "0".repeat(400) + "\",\"x\":null,\"r\":null,\"d\":\"+5874897-12-31\","
                + "\"ts\":\"+294276-12-31T23:59:59.999999\",\"tz\":\"+294276-12-31T23:59:59.999999Z\"}");
        sources.put("early", "{\"id\":\"early\",\"n\":null,\"x\":null,\"r\":null,\"d\":\"-4713-11-24\","
                + "\"ts\":\"-4712-01-01T00:00:00.000000\",\"tz\":\"-4712-01-01T00:00:00.000000Z\"}");
        return sources;
    }

    private static Map<String, Object> doc(String id, Object n, Object x, Object r, Object d, Object ts, Object tz) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("n", n);
        doc.put("x", x);
        doc.put("r", r);
        doc.put("d", d);
        doc.put("ts", ts);
        doc.put("tz", tz);
        return doc;
    }
}
