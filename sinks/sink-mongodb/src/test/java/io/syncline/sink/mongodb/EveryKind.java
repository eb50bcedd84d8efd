package io.syncline.sink.mongodb;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A view with a field of every kind, and documents whose values probe each kind's edges. */
final class EveryKind {
    static final ViewSchema SCHEMA = new ViewSchema("every_kind", List.of(
            field("id", FieldType.of(FieldKind.STRING, false, "text")),
            field("name", FieldType.of(FieldKind.STRING, true, "text")),
            field("active", FieldType.of(FieldKind.BOOLEAN, true, "bool")),
            field("small", FieldType.of(FieldKind.INT16, true, "int2")),
            field("count", FieldType.of(FieldKind.INT32, true, "int4")),
            field("big", FieldType.of(FieldKind.INT64, true, "int8")),
            field("ratio", FieldType.of(FieldKind.FLOAT32, true, "float4")),
            field("score", FieldType.of(FieldKind.FLOAT64, true, "float8")),
            field("price", FieldType.decimal(12, 2, true, "numeric")),
            field("amount", FieldType.decimal(0, 0, true, "numeric")),
            field("day", FieldType.of(FieldKind.DATE, true, "date")),
            field("at", FieldType.of(FieldKind.TIME, true, "time")),
            field("local", FieldType.of(FieldKind.TIMESTAMP, true, "timestamp")),
            field("instant", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz")),
            field("uuid", FieldType.of(FieldKind.UUID, true, "uuid")),
            field("meta", FieldType.of(FieldKind.JSON, true, "jsonb")),
            field("blob", FieldType.of(FieldKind.BYTES, true, "bytea")),
            field("tags", FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text")),
            field("prices", FieldType.array(FieldType.decimal(10, 2, false, "numeric"), true, "_numeric"))),
            List.of("id"));

    private EveryKind() {
    }

    /** A document with a distinct, edge-probing value in every field. */
    static Map<String, Object> document(String id, int n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("street", "Rue de l'Église " + n);
        json.put("lines", Arrays.asList(1, new BigDecimal("2.50"), "x", null, Map.of("ok", true)));
        json.put("huge", new BigInteger("12345678901234567890"));
        json.put("long", 9_000_000_000L);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", id);
        document.put("name", "naïve \"quoted\" 'name' \\ with\nnewline, tab\t, NUL\0 and emoji 😀 #" + n);
        document.put("active", n % 2 == 0);
        document.put("small", -32768 + n);
        document.put("count", Integer.MAX_VALUE - n);
        document.put("big", Long.MIN_VALUE + n);
        document.put("ratio", (double) 0.1f);
        document.put("score", 0.1 + n);
        document.put("price", new BigDecimal("1234567890.50"));
        document.put("amount", new BigDecimal("-12345678901234567890.123456789012"));
        document.put("day", LocalDate.of(1999, 12, 31).plusDays(n));
        document.put("at", LocalTime.of(23, 59, 59, 999_999_000));
        document.put("local", LocalDateTime.of(2026, 3, 29, 2, 30, 0, 1_000).plusSeconds(n));
        document.put("instant", Instant.parse("2026-11-21T10:15:30.123456Z").plusNanos(n * 1_000L));
        document.put("uuid", new UUID(0x1234_5678_9abc_def0L, n));
        document.put("meta", json);
        document.put("blob", new byte[] {0, (byte) 0xff, '\n', '\'', (byte) n});
        document.put("tags", Arrays.asList("a'b", null, "ç"));
        document.put("prices", List.of(new BigDecimal("0.01"), new BigDecimal("99999999.99")));
        return document;
    }

    /** A document with every optional field null. */
    static Map<String, Object> nulls(String id) {
        Map<String, Object> document = new LinkedHashMap<>();
        SCHEMA.fields().forEach(f -> document.put(f.name(), null));
        document.put("id", id);
        return document;
    }

    private static ViewField field(String name, FieldType type) {
        return new ViewField(name, type);
    }
}
