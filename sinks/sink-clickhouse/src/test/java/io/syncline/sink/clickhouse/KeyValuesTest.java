package io.syncline.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyValuesTest {

    @Test
    void aSingleKeyIsTheWholeId() {
        assertThat(KeyValues.fromId("order-7", key(FieldKind.STRING))).isEqualTo(Map.of("k", "order-7"));
        assertThat(KeyValues.fromId("[\"not\", \"split\"]", key(FieldKind.STRING))).isEqualTo(Map.of("k", "[\"not\", \"split\"]"));
        assertThat(KeyValues.fromId("-42", key(FieldKind.INT64))).isEqualTo(Map.of("k", -42L));
        assertThat(KeyValues.fromId("42", key(FieldKind.INT32))).isEqualTo(Map.of("k", 42));
        assertThat(KeyValues.fromId("12.50", key(FieldKind.DECIMAL))).isEqualTo(Map.of("k", new BigDecimal("12.50")));
        UUID uuid = UUID.randomUUID();
        assertThat(KeyValues.fromId(uuid.toString(), key(FieldKind.UUID))).isEqualTo(Map.of("k", uuid));
    }

    @Test
    void temporalKeysAreReadAsTheChangeEventsCountsOrAsIsoText() {
        assertThat(KeyValues.fromId("20454", key(FieldKind.DATE))).isEqualTo(Map.of("k", LocalDate.of(2026, 1, 1)));
        assertThat(KeyValues.fromId("2026-01-01", key(FieldKind.DATE))).isEqualTo(Map.of("k", LocalDate.of(2026, 1, 1)));
        assertThat(KeyValues.fromId("3600000001", key(FieldKind.TIME))).isEqualTo(Map.of("k", LocalTime.of(1, 0, 0, 1_000)));
        assertThat(KeyValues.fromId("1767225600000001", key(FieldKind.TIMESTAMP)))
                .isEqualTo(Map.of("k", LocalDateTime.of(2026, 1, 1, 0, 0, 0, 1_000)));
        assertThat(KeyValues.fromId("2026-01-01T01:00:00.5+01:00", key(FieldKind.TIMESTAMP_TZ)))
                .isEqualTo(Map.of("k", Instant.parse("2026-01-01T00:00:00.5Z")));
    }

    @Test
    void anIdMadeFromStoredKeyValuesReadsBackToThem() {
        ViewSchema schema = new ViewSchema("v", List.of(new ViewField("day", FieldType.of(FieldKind.DATE, false, "date")),
                new ViewField("at", FieldType.of(FieldKind.TIMESTAMP_TZ, false, "timestamptz")),
                new ViewField("amount", FieldType.of(FieldKind.DECIMAL, false, "numeric")),
                new ViewField("raw", FieldType.of(FieldKind.BYTES, false, "bytea"))), List.of("day", "at", "amount", "raw"));
        Map<String, Object> stored = Map.of("day", LocalDate.of(2026, 1, 1), "at", Instant.parse("2026-01-01T00:00:00.5Z"),
                "amount", new BigDecimal("1E+3"), "raw", new byte[] {0, 1});
        String id = KeyValues.toId(stored, schema);
        assertThat(id).isEqualTo("[\"2026-01-01\",\"2026-01-01T00:00:00.500Z\",\"1000\",\"AAE=\"]");
        Map<String, Object> back = KeyValues.fromId(id, schema);
        assertThat(back).containsEntry("day", LocalDate.of(2026, 1, 1)).containsEntry("at", Instant.parse("2026-01-01T00:00:00.5Z"))
                .containsEntry("amount", new BigDecimal("1000"));
        assertThat((byte[]) back.get("raw")).containsExactly(0, 1);
        assertThat(KeyValues.toId(Map.of("k", 42L), key(FieldKind.INT64))).isEqualTo("42");
    }

    @Test
    void aCompositeKeyIsAJsonArrayOfTheKeyTexts() {
        ViewSchema schema = new ViewSchema("items", List.of(
                new ViewField("order_id", FieldType.of(FieldKind.INT64, false, "int8")),
                new ViewField("sku", FieldType.of(FieldKind.STRING, false, "text")),
                new ViewField("qty", FieldType.of(FieldKind.INT32, true, "int4"))), List.of("order_id", "sku"));
        assertThat(KeyValues.fromId("[\"42\",\"A-\\\"1\\\"\"]", schema)).containsExactly(
                Map.entry("order_id", 42L), Map.entry("sku", "A-\"1\""));
        assertThatThrownBy(() -> KeyValues.fromId("[\"42\"]", schema))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON array of 2 values");
        assertThatThrownBy(() -> KeyValues.fromId("[\"x\",\"y\"]", schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the id does not hold a INT64 for key field order_id");
    }

    private static ViewSchema key(FieldKind kind) {
        FieldType type = kind == FieldKind.DECIMAL ? FieldType.decimal(10, 2, false, "numeric") : FieldType.of(kind, false, "x");
        return new ViewSchema("v", List.of(new ViewField("k", type)), List.of("k"));
    }
}
