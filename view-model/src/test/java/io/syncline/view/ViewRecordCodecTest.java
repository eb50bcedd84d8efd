package io.syncline.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ViewRecordCodecTest {
    private static final ViewSchema SCHEMA = new ViewSchema("all", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("name", FieldType.of(FieldKind.STRING, true, "text")),
            new ViewField("active", FieldType.of(FieldKind.BOOLEAN, true, "bool")),
            new ViewField("qty", FieldType.of(FieldKind.INT32, true, "int4")),
            new ViewField("ratio", FieldType.of(FieldKind.FLOAT64, true, "float8")),
            new ViewField("price", FieldType.decimal(10, 2, true, "numeric")),
            new ViewField("day", FieldType.of(FieldKind.DATE, true, "date")),
            new ViewField("at", FieldType.of(FieldKind.TIME, true, "time")),
            new ViewField("local", FieldType.of(FieldKind.TIMESTAMP, true, "timestamp")),
            new ViewField("ts", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz")),
            new ViewField("uid", FieldType.of(FieldKind.UUID, true, "uuid")),
            new ViewField("meta", FieldType.of(FieldKind.JSON, true, "jsonb")),
            new ViewField("blob", FieldType.of(FieldKind.BYTES, true, "bytea")),
            new ViewField("tags", FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text"))),
            List.of("id"));
    private final ViewRecordCodec codec = new ViewRecordCodec(SCHEMA);

    @Test
    void everyKindSurvivesTheWireExactly() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", 42L);
        doc.put("name", "Zoë \"quoted\"");
        doc.put("active", true);
        doc.put("qty", 3);
        doc.put("ratio", 0.25);
        doc.put("price", new BigDecimal("12345678.90"));
        doc.put("day", LocalDate.of(2026, 11, 21));
        doc.put("at", LocalTime.of(23, 59, 59, 999_999_000));
        doc.put("local", LocalDateTime.of(2026, 11, 21, 10, 0, 0, 1_000));
        doc.put("ts", Instant.parse("2026-11-21T10:15:30.123456Z"));
        doc.put("uid", UUID.fromString("6f1c2b1e-8d3a-4f59-9a8e-0b1c2d3e4f50"));
        doc.put("meta", Map.of("a", List.of(1L, 2L), "b", new BigDecimal("0.10")));
        doc.put("blob", new byte[] {0, 1, (byte) 255});
        doc.put("tags", Arrays.asList("x", null, "z"));
        ViewRecord record = new ViewRecord("42", 123456789L, Op.UPDATE, 1795256130123L, doc);

        byte[] value = codec.encodeValue(record);
        ViewRecord back = codec.decode(ViewRecordCodec.encodeKey("42"), value, headersOf(record)::get);

        assertThat(back.version()).isEqualTo(123456789L);
        assertThat(back.op()).isEqualTo(Op.UPDATE);
        assertThat(back.document()).usingRecursiveComparison().ignoringFields("blob", "meta", "qty", "id")
                .isEqualTo(doc);
        assertThat((byte[]) back.document().get("blob")).containsExactly(0, 1, 255);
        assertThat(back.document().get("price")).isEqualTo(new BigDecimal("12345678.90"));
        assertThat(new String(value, StandardCharsets.UTF_8))
                .contains("\"price\":\"12345678.90\"")
                .contains("\"ts\":\"2026-11-21T10:15:30.123456Z\"")
                .contains("\"meta\":{");
    }

    @Test
    void nestedObjectsAndArraysOfObjectsKeepTheirFieldTypes() {
        FieldType customer = FieldType.object(List.of(
                new ViewField("name", FieldType.of(FieldKind.STRING, true, "text")),
                new ViewField("since", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz"))), true, "join");
        FieldType item = FieldType.object(List.of(
                new ViewField("price", FieldType.decimal(10, 2, false, "numeric")),
                new ViewField("product", FieldType.object(List.of(
                        new ViewField("sku", FieldType.of(FieldKind.UUID, false, "uuid"))), true, "join"))), false, "join");
        ViewSchema schema = new ViewSchema("orders", List.of(
                new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
                new ViewField("customer", customer),
                new ViewField("items", FieldType.array(item, false, "join"))), List.of("id"));
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("sku", UUID.fromString("6f1c2b1e-8d3a-4f59-9a8e-0b1c2d3e4f50"));
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("price", new BigDecimal("10.50"));
        first.put("product", product);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("price", new BigDecimal("0.01"));
        second.put("product", null);
        Map<String, Object> buyer = new LinkedHashMap<>();
        buyer.put("name", "Ada");
        buyer.put("since", Instant.parse("2026-01-02T03:04:05.000006Z"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", 7L);
        doc.put("customer", buyer);
        doc.put("items", List.of(first, second));
        ViewRecord record = new ViewRecord("7", 9L, Op.UPDATE, 0L, doc);
        ViewRecordCodec nested = new ViewRecordCodec(schema);

        ViewRecord back = nested.decode(ViewRecordCodec.encodeKey("7"), nested.encodeValue(record), headersOf(record)::get);

        assertThat(back.document()).isEqualTo(doc);
        assertThat(new String(codec.encodeValue(new ViewRecord("1", 1L, Op.CREATE, 0L,
                Map.of("id", 1L, "meta", Map.of("p", new BigDecimal("2.50"))))), StandardCharsets.UTF_8))
                .as("json values keep their decimals as written").contains("{\"p\":2.50}");
        assertThat(new String(nested.encodeValue(record), StandardCharsets.UTF_8))
                .contains("\"customer\":{\"name\":\"Ada\",\"since\":\"2026-01-02T03:04:05.000006Z\"}")
                .contains("{\"price\":\"10.50\",\"product\":{\"sku\":\"6f1c2b1e-8d3a-4f59-9a8e-0b1c2d3e4f50\"}}");
    }

    @Test
    void aFieldTheSchemaDoesNotKnowTravelsAsPlainJsonAndUnknownTopLevelFieldsAreSkipped() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", 7L);
        doc.put("added_later", Map.of("k", List.of("v")));
        byte[] value = codec.encodeValue(new ViewRecord("7", 3L, Op.CREATE, 9L, doc));

        assertThat(new String(value, StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":3,\"op\":\"c\",\"source_ts_ms\":9,\"doc\":{\"id\":7,\"added_later\":{\"k\":[\"v\"]}}}");
        ViewRecord back = codec.decode(ViewRecordCodec.encodeKey("7"),
                "{\"future\":{\"a\":[1]},\"doc\":{\"id\":7,\"added_later\":{\"k\":[\"v\"]}},\"op\":\"c\",\"version\":3}"
                        .getBytes(StandardCharsets.UTF_8), n -> null);
        assertThat(back).isEqualTo(new ViewRecord("7", 3L, Op.CREATE, 0L, doc));
    }

    @Test
    void aDeleteIsATombstoneWhoseVersionTravelsInHeaders() {
        ViewRecord delete = new ViewRecord("42", 99L, Op.DELETE, 5L, null);

        assertThat(codec.encodeValue(delete)).isNull();
        ViewRecord back = codec.decode(ViewRecordCodec.encodeKey("42"), null, headersOf(delete)::get);
        assertThat(back).isEqualTo(delete);
    }

    @Test
    void invalidRecordsAreRejectedWithAReason() {
        assertThatThrownBy(() -> codec.decode(ViewRecordCodec.encodeKey("1"), "nope".getBytes(), n -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON view record");
        assertThatThrownBy(() -> codec.decode(ViewRecordCodec.encodeKey("1"), null, n -> null))
                .hasMessageContaining(ViewRecordCodec.VERSION_HEADER);
        assertThatThrownBy(() -> codec.decode(null, new byte[0], n -> null)).hasMessageContaining("key");
        assertThatThrownBy(() -> codec.decode(ViewRecordCodec.encodeKey("1"), "[1]".getBytes(), n -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs version, op and doc");
        assertThatThrownBy(() -> codec.decode(ViewRecordCodec.encodeKey("1"),
                "{\"version\":1,\"op\":\"c\",\"doc\":[]}".getBytes(), n -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs version, op and doc");
        assertThatThrownBy(() -> codec.decode(ViewRecordCodec.encodeKey("1"),
                "{\"op\":\"c\",\"doc\":{}}".getBytes(), n -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs version, op and doc");
    }

    private static Map<String, byte[]> headersOf(ViewRecord record) {
        return new HashMap<>(ViewRecordCodec.headers(record));
    }
}
