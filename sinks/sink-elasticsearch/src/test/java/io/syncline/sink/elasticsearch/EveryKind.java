package io.syncline.sink.elasticsearch;

import io.syncline.sink.RecordCoordinates;
import io.syncline.sink.SinkRecord;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A view with a field of every kind, and documents for it. */
final class EveryKind {
    static final String VIEW = "orders";
    static final ViewSchema SCHEMA = new ViewSchema(VIEW, List.of(
            field("id", FieldType.of(FieldKind.STRING, false, "text")),
            field("customer_name", FieldType.of(FieldKind.STRING, true, "text")),
            field("paid", FieldType.of(FieldKind.BOOLEAN, true, "bool")),
            field("priority", FieldType.of(FieldKind.INT16, true, "int2")),
            field("line_count", FieldType.of(FieldKind.INT32, true, "int4")),
            field("customer_id", FieldType.of(FieldKind.INT64, true, "int8")),
            field("weight", FieldType.of(FieldKind.FLOAT32, true, "float4")),
            field("score", FieldType.of(FieldKind.FLOAT64, true, "float8")),
            field("total", FieldType.decimal(10, 2, true, "numeric")),
            field("order_date", FieldType.of(FieldKind.DATE, true, "date")),
            field("pickup_time", FieldType.of(FieldKind.TIME, true, "time")),
            field("placed_local", FieldType.of(FieldKind.TIMESTAMP, true, "timestamp")),
            field("placed_at", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz")),
            field("tracking_id", FieldType.of(FieldKind.UUID, true, "uuid")),
            field("metadata", FieldType.of(FieldKind.JSON, true, "jsonb")),
            field("signature", FieldType.of(FieldKind.BYTES, true, "bytea")),
            field("tags", FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text"))),
            List.of("id"));

    private EveryKind() {
    }

    private static ViewField field(String name, FieldType type) {
        return new ViewField(name, type);
    }

    /** A document with every field set. */
    static Map<String, Object> fullDocument(String id) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("customer_name", "Ada Lovelace");
        doc.put("paid", true);
        doc.put("priority", 3);
        doc.put("line_count", 42);
        doc.put("customer_id", 9_007_199_254_740_993L); // above 2^53: exact only as a long
        doc.put("weight", 1.5d);
        doc.put("score", 0.1d);
        doc.put("total", new BigDecimal("12345678.90"));
        doc.put("order_date", LocalDate.of(2024, 2, 29));
        doc.put("pickup_time", LocalTime.of(13, 45, 30, 123_456_000));
        doc.put("placed_local", LocalDateTime.of(2024, 2, 29, 23, 59, 59, 654_321_000));
        doc.put("placed_at", Instant.parse("2024-02-29T22:59:59.000001Z"));
        doc.put("tracking_id", UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("channel", "web");
        metadata.put("gift", true);
        metadata.put("address", Map.of("city", "Zürich"));
        doc.put("metadata", metadata);
        doc.put("signature", new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff});
        doc.put("tags", List.of("express", "fragile"));
        return doc;
    }

    /** A document whose nullable fields are all null (the key is never null). */
    static Map<String, Object> nullDocument(String id) {
        Map<String, Object> doc = new LinkedHashMap<>();
        SCHEMA.fields().forEach(f -> doc.put(f.name(), null));
        doc.put("id", id);
        return doc;
    }

    static SinkRecord upsert(String id, long version, Map<String, Object> document) {
        return record(new ViewRecord(id, version, Op.UPDATE, 1_700_000_000_000L, document));
    }

    static SinkRecord delete(String id, long version) {
        return record(new ViewRecord(id, version, Op.DELETE, 1_700_000_000_000L, null));
    }

    private static final AtomicLong OFFSETS = new AtomicLong();

    private static SinkRecord record(ViewRecord record) {
        return new SinkRecord(VIEW, record, new RecordCoordinates("test.view." + VIEW, 0, OFFSETS.getAndIncrement()));
    }
}
