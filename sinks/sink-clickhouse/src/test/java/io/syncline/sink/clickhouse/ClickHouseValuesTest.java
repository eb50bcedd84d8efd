package io.syncline.sink.clickhouse;

import io.syncline.testkit.fixtures.JoinedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.testkit.fixtures.EveryKind;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
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
import org.junit.jupiter.api.Test;

class ClickHouseValuesTest {
    private static final FieldType MONEY = FieldType.decimal(12, 2, true, "numeric");

    @Test
    void naturalKindsPassThrough() {
        assertThat(of("naïve 'x'", FieldKind.STRING)).isEqualTo("naïve 'x'");
        assertThat(of(true, FieldKind.BOOLEAN)).isEqualTo(true);
        assertThat(of(-32768, FieldKind.INT16)).isEqualTo(-32768);
        assertThat(of(Long.MIN_VALUE, FieldKind.INT64)).isEqualTo(Long.MIN_VALUE);
        assertThat(of(0.1, FieldKind.FLOAT64)).isEqualTo(0.1);
        UUID uuid = UUID.randomUUID();
        assertThat(of(uuid, FieldKind.UUID)).isEqualTo(uuid);
        byte[] bytes = {0, (byte) 0xff};
        assertThat(of(bytes, FieldKind.BYTES)).isSameAs(bytes);
        assertThat(of(LocalDate.of(2026, 2, 3), FieldKind.DATE)).isEqualTo(LocalDate.of(2026, 2, 3));
    }

    @Test
    void timestampsAreUtcTextWithMicrosecondsWhateverTheJvmZone() {
        assertThat(of(LocalDateTime.of(2026, 3, 29, 2, 30, 0, 1_000), FieldKind.TIMESTAMP)).isEqualTo("2026-03-29 02:30:00.000001");
        assertThat(of(Instant.parse("2026-11-21T10:15:30.123456Z"), FieldKind.TIMESTAMP_TZ)).isEqualTo("2026-11-21 10:15:30.123456");
        assertThat(of(LocalTime.of(23, 59, 59, 999_999_000), FieldKind.TIME)).isEqualTo("23:59:59.999999");
        assertThat(ClickHouseValues.sourceTimestamp(1_763_720_130_123L)).isEqualTo("2025-11-21 10:15:30.123");
    }

    @Test
    void decimalsMustFitTheColumnExactly() {
        assertThat(ClickHouseValues.of(new BigDecimal("1E+3"), MONEY)).isEqualTo(new BigDecimal("1000.00"));
        assertThat(ClickHouseValues.of(new BigDecimal("9999999999.99"), MONEY)).isEqualTo(new BigDecimal("9999999999.99"));
        assertThat(ClickHouseValues.of(new BigDecimal("0.100"), MONEY)).isEqualTo(new BigDecimal("0.10"));
        assertThatThrownBy(() -> ClickHouseValues.of(new BigDecimal("0.015"), MONEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("has more than 2 fraction digits, over Decimal(12, 2)");
        assertThatThrownBy(() -> ClickHouseValues.of(new BigDecimal("12345678901.5"), MONEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("has more than 10 integer digits, over Decimal(12, 2)");
        FieldType unconstrained = FieldType.decimal(0, 0, true, "numeric");
        BigDecimal wide = new BigDecimal("-12345678901234567890123456789012345678.12345678901234567890123456789012345678");
        assertThat((BigDecimal) ClickHouseValues.of(wide, unconstrained)).isEqualByComparingTo(wide);
    }

    @Test
    void valuesClickHouseWouldBendQuietlyAreRefused() {
        assertThatThrownBy(() -> of(40_000, FieldKind.INT16)).hasMessage("is outside Int16");
        assertThatThrownBy(() -> of(LocalDate.of(1899, 12, 31), FieldKind.DATE)).hasMessageContaining("outside ClickHouse's date range");
        assertThatThrownBy(() -> of(LocalDateTime.of(2300, 1, 1, 0, 0), FieldKind.TIMESTAMP)).hasMessageContaining("date range");
        assertThatThrownBy(() -> ClickHouseValues.column(null, FieldType.of(FieldKind.INT32, false, "int4"), false))
                .hasMessage("is null, but its column is not nullable");
        assertThatThrownBy(() -> ClickHouseValues.column(null, FieldType.of(FieldKind.INT32, true, "int4"), true))
                .hasMessage("is null, but its column is not nullable");
        FieldType strictElements = FieldType.array(FieldType.of(FieldKind.INT32, false, "int4"), true, "_int4");
        assertThatThrownBy(() -> ClickHouseValues.of(Arrays.asList(1, null), strictElements))
                .hasMessage("has a null element, but its elements are not nullable");
        assertThatThrownBy(() -> of("12", FieldKind.INT32))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("is a java.lang.String; INT32 fields hold Integer values");
    }

    @Test
    void nullsAndArrays() {
        assertThat(ClickHouseValues.column(null, FieldType.of(FieldKind.STRING, true, "text"), false)).isNull();
        FieldType tags = FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text");
        assertThat(ClickHouseValues.column(null, tags, false)).isEqualTo(List.of());
        assertThat(ClickHouseValues.of(Arrays.asList("a", null), tags)).isEqualTo(Arrays.asList("a", null));
        FieldType stamps = FieldType.array(FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz"), true, "_timestamptz");
        assertThat(ClickHouseValues.of(List.of(Instant.parse("2026-01-01T00:00:00Z")), stamps))
                .isEqualTo(List.of("2026-01-01 00:00:00.000000"));
    }

    @Test
    void jsonIsTextKeepingEveryNumberAsItCame() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("price", new BigDecimal("2.50"));
        json.put("big", new BigInteger("12345678901234567890"));
        json.put("tiny", new BigDecimal("1E-7"));
        json.put("list", Arrays.asList(1, null, "x", true));
        assertThat(of(json, FieldKind.JSON))
                .isEqualTo("{\"price\":2.50,\"big\":12345678901234567890,\"tiny\":0.0000001,\"list\":[1,null,\"x\",true]}");
        assertThat(ClickHouseValues.untyped("plain text")).isEqualTo("plain text");
        assertThat(ClickHouseValues.untyped(42L)).isEqualTo("42");
        assertThat(ClickHouseValues.untyped(null)).isNull();
    }

    @Test
    void objectsAreTheViewTopicsJsonTextKeepingEveryValueExactly() {
        assertThat(ClickHouseValues.of(JoinedOrder.order42().get("customer"), JoinedOrder.CUSTOMER))
                .isEqualTo("{\"id\":\"0b7e6a52-3c1d-4f0e-9a51-2d8c4e6f7a10\",\"name\":\"Ada Lovelace\","
                        + "\"email\":\"ada@example.org\",\"since\":\"2020-02-29T23:59:59.000001Z\"}");
        assertThat(ClickHouseValues.column(null, JoinedOrder.CUSTOMER, false)).isNull();
        assertThatThrownBy(() -> ClickHouseValues.column(null, JoinedOrder.CUSTOMER.withNullable(false), false))
                .hasMessage("is null, but its column is not nullable");
    }

    @Test
    void anArrayOfObjectsIsOneJsonTextPerElementWithNestedObjectsInside() {
        FieldType items = JoinedOrder.SCHEMA.types().get("items");
        assertThat(ClickHouseValues.of(JoinedOrder.order42().get("items"), items)).isEqualTo(List.of(
                "{\"line_no\":1,\"product_id\":\"5eed0000-0000-0000-0000-000000000001\",\"quantity\":2,\"unit_price\":\"5.00\","
                        + "\"product\":{\"sku\":\"SKU-1\",\"name\":\"Widget \\\"XL\\\"\"}}",
                "{\"line_no\":2,\"product_id\":\"5eed0000-0000-0000-0000-000000000002\",\"quantity\":1,\"unit_price\":\"2.30\","
                        + "\"product\":null}"));
        assertThat(ClickHouseValues.column(null, items, false)).isEqualTo(List.of());
        assertThat(ClickHouseValues.of(List.of(), items)).isEqualTo(List.of());
    }

    @Test
    void everyKindInsideAnObjectReadsBackExactlyThroughTheViewTypes() throws Exception {
        FieldType every = JoinedOrder.SCHEMA.types().get("every");
        Map<String, Object> document = EveryKind.document("x", 4);

        String text = (String) ClickHouseValues.of(document, every);

        Object back = FieldValues.fromJson(new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(text), every);
        // Reading json back through Jackson trees drops trailing zeros (2.50 -> 2.5): checked as text instead.
        assertThat(back).usingRecursiveComparison().ignoringFields("meta").isEqualTo(document);
        assertThat(text).contains("\"price\":\"1234567890.50\"", "\"instant\":\"2026-11-21T10:15:30.123460Z\"",
                "\"blob\":\"AP8KJwQ=\"", "\"meta\":{\"street\":\"Rue de l'Église 4\",\"lines\":[1,2.50,\"x\",null,{\"ok\":true}],"
                        + "\"huge\":12345678901234567890,\"long\":9000000000}");
    }

    @Test
    void aNestedValueOfTheWrongTypeIsNamedByWhereItIs() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("line_no", 1);
        item.put("unit_price", 2.3d);
        assertThatThrownBy(() -> ClickHouseValues.of(List.of(item), JoinedOrder.SCHEMA.types().get("items")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("element 0: field 'unit_price' is a java.lang.Double, not a DECIMAL value");
        assertThatThrownBy(() -> ClickHouseValues.of("Ada", JoinedOrder.CUSTOMER))
                .hasMessage("is a java.lang.String; OBJECT fields hold Map values");
    }

    @Test
    void deleteRowPlaceholdersAreWhatClickHouseWouldFillIn() {
        assertThat(ClickHouseValues.placeholder(FieldType.of(FieldKind.STRING, true, "text"))).isNull();
        assertThat(ClickHouseValues.placeholder(FieldType.of(FieldKind.STRING, false, "text"))).isEqualTo("");
        assertThat(ClickHouseValues.placeholder(FieldType.decimal(10, 2, false, "numeric"))).isEqualTo(BigDecimal.ZERO);
        assertThat(ClickHouseValues.placeholder(FieldType.of(FieldKind.TIMESTAMP_TZ, false, "timestamptz")))
                .isEqualTo("1970-01-01 00:00:00.000000");
        assertThat(ClickHouseValues.placeholder(FieldType.array(FieldType.of(FieldKind.INT32, true, "int4"), true, "_int4")))
                .isEqualTo(List.of());
        assertThat(ClickHouseValues.placeholder(JoinedOrder.CUSTOMER)).isNull();
        assertThat(ClickHouseValues.placeholder(JoinedOrder.CUSTOMER.withNullable(false))).isEqualTo("");
        assertThat(ClickHouseValues.placeholder(JoinedOrder.SCHEMA.types().get("items"))).isEqualTo(List.of());
    }

    private static Object of(Object value, FieldKind kind) {
        return ClickHouseValues.of(value, FieldType.of(kind, true, "x"));
    }
}
