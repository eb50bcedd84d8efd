package io.syncline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.SpecialValue;
import io.syncline.view.ViewField;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A view record's value and each form a store hands the same value back in give one canonical text. */
class CanonicalValuesTest {
    private static final Set<FieldKind> COVERED = EnumSet.noneOf(FieldKind.class);

    private static FieldType type(FieldKind kind) {
        return FieldType.of(kind, true, kind.name().toLowerCase());
    }

    /** Every form gives the same text as the view's value, and that text is {@code expected}. */
    private static void same(FieldType type, String expected, Object viewValue, Object... storeForms) {
        COVERED.add(type.kind());
        assertThat(CanonicalValues.of(viewValue, type)).as("view value %s", viewValue).isEqualTo(expected);
        for (Object form : storeForms) {
            assertThat(CanonicalValues.of(form, type)).as("%s form %s", type.kind(), form).isEqualTo(expected);
        }
    }

    @Test
    void everyKindReadsTheSameFromTheViewAndFromEachStoreForm() {
        same(type(FieldKind.STRING), "héllo", "héllo", "héllo");
        same(type(FieldKind.BOOLEAN), "true", true, 1, "true", (byte) 1);
        same(type(FieldKind.INT16), "-7", -7, (short) -7, -7L, "-7");
        same(type(FieldKind.INT32), "42", 42, 42L, new BigDecimal("42"), "42");
        same(type(FieldKind.INT64), "9007199254740993", 9007199254740993L, "9007199254740993", new BigDecimal("9007199254740993"));

        FieldType float64 = type(FieldKind.FLOAT64);
        same(float64, "0.1", 0.1, new BigDecimal("0.1"), "0.1", new BigDecimal("1.0E-1"));
        same(float64, "1.0E20", 1e20, new BigDecimal("100000000000000000000"), "1e20");
        same(float64, "NaN", Double.NaN, "NaN");
        same(float64, "Infinity", Double.POSITIVE_INFINITY, "Infinity");
        same(float64, "-Infinity", Double.NEGATIVE_INFINITY, "-Infinity");
        same(float64, "-0.0", -0.0, "-0.0", -0.0f);
        FieldType float32 = type(FieldKind.FLOAT32);
        // A real widened to a double, the float a store returns, and its text.
        same(float32, "1.1", (double) 1.1f, 1.1f, "1.1", new BigDecimal("1.1"), 1.1);
        same(float32, "NaN", Double.NaN, Float.NaN, "NaN");
        same(float32, "-0.0", -0.0, -0.0f, "-0.0");

        FieldType numeric = FieldType.decimal(10, 2, true, "numeric");
        same(numeric, "12.50", new BigDecimal("12.50"), "12.50");
        same(numeric, "NaN", SpecialValue.NAN, "NaN", Double.NaN);
        same(numeric, "Infinity", SpecialValue.POSITIVE_INFINITY, "Infinity", Double.POSITIVE_INFINITY);
        same(numeric, "-Infinity", SpecialValue.NEGATIVE_INFINITY, "-Infinity", Double.NEGATIVE_INFINITY);
        FieldType unconstrained = FieldType.decimal(0, 0, true, "numeric");
        same(unconstrained, "2.5", new BigDecimal("2.5"), new BigDecimal("2.50000000000000000000000000000000000000"), "2.50");

        FieldType date = type(FieldKind.DATE);
        same(date, "2026-11-21", LocalDate.of(2026, 11, 21), "2026-11-21", java.sql.Date.valueOf("2026-11-21"),
                "2026-11-21T00:00:00Z");
        same(date, "infinity", SpecialValue.POSITIVE_INFINITY, "infinity");
        same(date, "-infinity", SpecialValue.NEGATIVE_INFINITY, "-infinity");
        same(date, "+5874897-12-31", LocalDate.of(5874897, 12, 31), "+5874897-12-31");

        same(type(FieldKind.TIME), "10:15:30.123456", LocalTime.of(10, 15, 30, 123_456_000), "10:15:30.123456", "10:15:30.123456000");
        same(type(FieldKind.TIME), "00:00:00.000000", LocalTime.MIDNIGHT, "00:00");

        FieldType timestamp = type(FieldKind.TIMESTAMP);
        LocalDateTime local = LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_456_000);
        same(timestamp, "2026-11-21T10:15:30.123456", local, "2026-11-21T10:15:30.123456", "2026-11-21 10:15:30.123456",
                OffsetDateTime.of(local, ZoneOffset.UTC), Timestamp.valueOf(local), local.toInstant(ZoneOffset.UTC));
        same(timestamp, "-infinity", SpecialValue.NEGATIVE_INFINITY, "-infinity");

        FieldType timestamptz = type(FieldKind.TIMESTAMP_TZ);
        Instant instant = Instant.parse("2026-11-21T10:15:30.123456Z");
        same(timestamptz, "2026-11-21T10:15:30.123456Z", instant, "2026-11-21T10:15:30.123456Z",
                OffsetDateTime.parse("2026-11-21T12:15:30.123456+02:00"), instant.atZone(ZoneOffset.UTC),
                LocalDateTime.ofInstant(instant, ZoneOffset.UTC), "2026-11-21 10:15:30.123456");
        same(timestamptz, "2026-11-21T10:15:30.000000Z", instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                java.util.Date.from(Instant.parse("2026-11-21T10:15:30Z")));
        same(timestamptz, "infinity", SpecialValue.POSITIVE_INFINITY, "infinity");

        UUID uuid = UUID.fromString("0b8f4e3a-9d4c-4b1e-8a7f-2c3d4e5f6a7b");
        same(type(FieldKind.UUID), uuid.toString(), uuid, uuid.toString(), uuid.toString().toUpperCase());

        byte[] bytes = {0, 1, 2, (byte) 0xff, 'x'};
        String base64 = Base64.getEncoder().encodeToString(bytes);
        same(type(FieldKind.BYTES), base64, bytes, base64, bytes.clone());

        FieldType json = type(FieldKind.JSON);
        Map<String, Object> parsed = new LinkedHashMap<>();
        parsed.put("z", List.of(1, new BigDecimal("2.50"), true));
        parsed.put("a", null);
        parsed.put("m", Map.of("k", "v"));
        same(json, "{\"a\":null,\"m\":{\"k\":\"v\"},\"z\":[1,2.5,true]}", parsed,
                "{\"z\": [1, 2.50, true], \"a\": null, \"m\": {\"k\": \"v\"}}", new TreeMap<>(parsed));
        same(json, "\"text\"", "text", "\"text\"");
        same(json, "5", 5, 5L, "5", new BigDecimal("5"));
        same(json, "[1,\"x\"]", List.of(1, "x"), "[1, \"x\"]");
        // A big integer as a store may keep it (Decimal128 with an exponent).
        same(json, "{\"huge\":12345678901234567890}", Map.of("huge", new java.math.BigInteger("12345678901234567890")),
                Map.of("huge", new BigDecimal("1.234567890123456789E+19")), "{\"huge\": 12345678901234567890}");

        FieldType texts = FieldType.array(type(FieldKind.STRING), true, "_text");
        same(texts, "[a, null, c]", Arrays.asList("a", null, "c"), new Object[] {"a", null, "c"}, new String[] {"a", null, "c"});
        // A null array is an empty one (ClickHouse stores it so).
        same(texts, "[]", null, List.of(), new String[0]);
        same(FieldType.array(type(FieldKind.INT32), true, "_int4"), "[1, 2]", List.of(1, 2), new int[] {1, 2}, new long[] {1, 2},
                List.of("1", "2"));
        same(FieldType.array(type(FieldKind.FLOAT64), true, "_float8"), "[0.1, NaN]", List.of(0.1, Double.NaN),
                List.of(new BigDecimal("0.1"), "NaN"));

        FieldType customer = FieldType.object(List.of(new ViewField("id", type(FieldKind.INT64)),
                new ViewField("price", FieldType.decimal(10, 2, true, "numeric")),
                new ViewField("seen", type(FieldKind.TIMESTAMP_TZ)),
                new ViewField("photo", type(FieldKind.BYTES)),
                new ViewField("tags", FieldType.array(type(FieldKind.STRING), true, "_text")),
                new ViewField("extra", type(FieldKind.JSON))), true, "join");
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", 7L);
        object.put("price", SpecialValue.NAN);
        object.put("seen", instant);
        object.put("photo", bytes);
        object.put("tags", null);
        object.put("extra", Map.of("b", 1.5));
        Map<String, Object> stored = new HashMap<>(object);
        stored.put("id", 7);
        stored.put("price", "NaN");
        stored.put("seen", "2026-11-21T10:15:30.123456Z");
        stored.put("photo", base64);
        stored.put("tags", List.of());
        String text = "{\"id\":7,\"price\":\"NaN\",\"seen\":\"2026-11-21T10:15:30.123456Z\",\"photo\":\"" + base64
                + "\",\"tags\":null,\"extra\":{\"b\":1.5}}";
        String canonicalObject = "{id=7, price=NaN, seen=2026-11-21T10:15:30.123456Z, photo=" + base64
                + ", tags=[], extra={\"b\":1.5}}";
        same(customer, canonicalObject, object, stored, text);
        Map<String, Object> lacking = new LinkedHashMap<>(object);
        lacking.remove("photo");
        lacking.put("added", "x");
        assertThat(CanonicalValues.of(lacking, customer)).isEqualTo("{id=7, price=NaN, seen=2026-11-21T10:15:30.123456Z, photo="
                + CanonicalValues.MISSING + ", tags=[], extra={\"b\":1.5}, +added=\"x\"}");

        FieldType items = FieldType.array(customer, true, "join");
        same(items, "[" + canonicalObject + ", null]", Arrays.asList(object, null), Arrays.asList(stored, null),
                "[" + text + ", null]", new String[] {text, null});

        assertThat(COVERED).containsExactlyInAnyOrder(FieldKind.values());
    }

    @Test
    void fieldsAreTheSchemaFieldsInOrderWithMissingAndNullApart() {
        List<ViewField> fields = List.of(new ViewField("id", type(FieldKind.INT32)), new ViewField("name", type(FieldKind.STRING)),
                new ViewField("gone", type(FieldKind.STRING)), new ViewField("tags", FieldType.array(type(FieldKind.STRING), true, "_text")));
        Map<String, Object> document = new HashMap<>();
        document.put("_id", "1");
        document.put("_version", 3L);
        document.put("id", 1);
        document.put("name", null);
        document.put("tags", null);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("id", "1");
        expected.put("name", null);
        expected.put("gone", CanonicalValues.MISSING);
        expected.put("tags", "[]");
        assertThat(CanonicalValues.fields(document, fields)).containsExactlyEntriesOf(expected);
    }

    @Test
    void aDoubleAndItsTextAgreeAtTheEdgesOfPrecision() {
        for (double d : new double[] {Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3, 123456789.123456789, 5e-324, 0.0}) {
            FieldType float64 = type(FieldKind.FLOAT64);
            assertThat(CanonicalValues.of(new BigDecimal(Double.toString(d)), float64)).isEqualTo(CanonicalValues.of(d, float64));
            assertThat(CanonicalValues.of(new BigDecimal(d), float64)).isEqualTo(CanonicalValues.of(d, float64));
        }
        assertThat(CanonicalValues.of("x".getBytes(StandardCharsets.UTF_8), type(FieldKind.BYTES))).isEqualTo("eA==");
    }
}
