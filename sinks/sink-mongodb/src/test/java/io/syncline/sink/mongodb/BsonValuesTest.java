package io.syncline.sink.mongodb;

import io.syncline.testkit.fixtures.JoinedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.testkit.fixtures.EveryKind;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
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
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class BsonValuesTest {

    @Test
    void naturalKindsMapToTheirBsonTypes() {
        assertThat(of("text ç 😀", FieldKind.STRING)).isEqualTo(new BsonString("text ç 😀"));
        assertThat(of(true, FieldKind.BOOLEAN)).isEqualTo(BsonBoolean.TRUE);
        assertThat(of(-32768, FieldKind.INT16)).isEqualTo(new BsonInt32(-32768));
        assertThat(of(Integer.MIN_VALUE, FieldKind.INT32)).isEqualTo(new BsonInt32(Integer.MIN_VALUE));
        assertThat(of(Long.MAX_VALUE, FieldKind.INT64)).isEqualTo(new BsonInt64(Long.MAX_VALUE));
        assertThat(of((double) 0.1f, FieldKind.FLOAT32)).isEqualTo(new BsonDouble(0.1f));
        assertThat(of(0.1, FieldKind.FLOAT64)).isEqualTo(new BsonDouble(0.1));
        assertThat(of(null, FieldKind.STRING)).isEqualTo(BsonNull.VALUE);
    }

    @Test
    void decimalsAreExactDecimal128KeepingTheScale() {
        FieldType money = FieldType.decimal(12, 2, false, "numeric");
        BsonValue price = BsonValues.of(new BigDecimal("12.50"), money);
        assertThat(price).isEqualTo(new BsonDecimal128(Decimal128.parse("12.50")));
        assertThat(price.asDecimal128().getValue().bigDecimalValue()).isEqualTo(new BigDecimal("12.50")).hasScaleOf(2);

        BigDecimal wide = new BigDecimal("-1234567890123456789012.345678901234");
        assertThat(BsonValues.of(wide, FieldType.decimal(0, 0, true, "numeric")).asDecimal128().getValue().bigDecimalValue())
                .isEqualTo(wide);
    }

    @Test
    void aDecimalDecimal128CannotHoldExactlyIsItsExactTextNotRounded() {
        BigDecimal tooWide = new BigDecimal("1234567890123456789012345678901234.5");
        assertThat(BsonValues.of(tooWide, FieldType.decimal(0, 0, true, "numeric")))
                .isEqualTo(new BsonString("1234567890123456789012345678901234.5"));
        assertThat(BsonValues.of(new BigDecimal("1E+7000"), FieldType.decimal(0, 0, true, "numeric")).asString().getValue())
                .hasSize(7001).startsWith("10000");
    }

    @Test
    void aJsonNumberDecimal128CannotHoldExactlyIsRejectedNotRounded() {
        BigDecimal tooWide = new BigDecimal("1234567890123456789012345678901234.5");
        assertThatThrownBy(() -> BsonValues.json(java.util.Map.of("x", tooWide)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("35 digits").hasMessageContaining("Decimal128")
                .hasMessageNotContaining("1234567890");
    }

    @Test
    void specialValuesAreDecimal128sOwnOrPostgresText() {
        FieldType numeric = FieldType.decimal(10, 2, false, "numeric");
        assertThat(BsonValues.of(io.syncline.view.SpecialValue.NAN, numeric)).isEqualTo(new BsonDecimal128(Decimal128.NaN));
        assertThat(BsonValues.of(io.syncline.view.SpecialValue.POSITIVE_INFINITY, numeric))
                .isEqualTo(new BsonDecimal128(Decimal128.POSITIVE_INFINITY));
        assertThat(BsonValues.of(io.syncline.view.SpecialValue.NEGATIVE_INFINITY, numeric))
                .isEqualTo(new BsonDecimal128(Decimal128.NEGATIVE_INFINITY));
        assertThat(of(io.syncline.view.SpecialValue.NEGATIVE_INFINITY, FieldKind.DATE)).isEqualTo(new BsonString("-infinity"));
        assertThat(of(io.syncline.view.SpecialValue.POSITIVE_INFINITY, FieldKind.TIMESTAMP_TZ)).isEqualTo(new BsonString("infinity"));
        assertThat(Double.doubleToRawLongBits(of(-0.0, FieldKind.FLOAT64).asDouble().getValue()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(of(Double.NaN, FieldKind.FLOAT32).asDouble().getValue()).isNaN();
    }

    @Test
    void temporalKindsAreTextThatKeepsMicroseconds() {
        assertThat(of(LocalDate.of(2026, 2, 3), FieldKind.DATE)).isEqualTo(new BsonString("2026-02-03"));
        assertThat(of(LocalTime.of(9, 5, 0, 1_000), FieldKind.TIME)).isEqualTo(new BsonString("09:05:00.000001"));
        assertThat(of(LocalDateTime.of(2026, 2, 3, 4, 5, 6, 7_000), FieldKind.TIMESTAMP))
                .isEqualTo(new BsonString("2026-02-03T04:05:06.000007"));
        assertThat(of(Instant.parse("2026-11-21T10:15:30.123456Z"), FieldKind.TIMESTAMP_TZ))
                .isEqualTo(new BsonString("2026-11-21T10:15:30.123456Z"));
        assertThat(of(Instant.parse("2026-11-21T10:15:30Z"), FieldKind.TIMESTAMP_TZ))
                .isEqualTo(new BsonString("2026-11-21T10:15:30.000000Z"));
    }

    @Test
    void uuidIsCanonicalTextAndBytesAreGenericBinary() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(of(uuid, FieldKind.UUID)).isEqualTo(new BsonString("123e4567-e89b-12d3-a456-426614174000"));
        byte[] bytes = {0, (byte) 0xff, 10};
        BsonValue binary = of(bytes, FieldKind.BYTES);
        assertThat(binary).isEqualTo(new BsonBinary(bytes));
        assertThat(binary.asBinary().getType()).isZero();
    }

    @Test
    void jsonBecomesEmbeddedDocumentsAndArraysWithExactNumbers() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("a", Arrays.asList(1, 9_000_000_000L, new BigDecimal("2.50"), null, "x"));
        json.put("b", Map.of("deep", true));
        json.put("huge", new BigInteger("12345678901234567890"));
        BsonValue value = of(json, FieldKind.JSON);
        BsonDocument expected = new BsonDocument()
                .append("a", new BsonArray(List.of(new BsonInt32(1), new BsonInt64(9_000_000_000L),
                        new BsonDecimal128(Decimal128.parse("2.50")), BsonNull.VALUE, new BsonString("x"))))
                .append("b", new BsonDocument("deep", BsonBoolean.TRUE))
                .append("huge", new BsonDecimal128(Decimal128.parse("12345678901234567890")));
        assertThat(value).isEqualTo(expected);
        assertThat(of(List.of("top", 1), FieldKind.JSON)).isEqualTo(new BsonArray(List.of(new BsonString("top"), new BsonInt32(1))));
        assertThat(of("just text", FieldKind.JSON)).isEqualTo(new BsonString("just text"));
    }

    @Test
    void arraysMapEachElementByTheElementType() {
        FieldType tags = FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text");
        assertThat(BsonValues.of(Arrays.asList("a", null), tags))
                .isEqualTo(new BsonArray(List.of(new BsonString("a"), BsonNull.VALUE)));
        FieldType days = FieldType.array(FieldType.of(FieldKind.DATE, false, "date"), true, "_date");
        assertThat(BsonValues.of(List.of(LocalDate.of(2026, 1, 1)), days))
                .isEqualTo(new BsonArray(List.of(new BsonString("2026-01-01"))));
        FieldType matrix = FieldType.array(FieldType.array(FieldType.of(FieldKind.INT32, false, "int4"), false, "_int4"), true, "_int4");
        assertThat(BsonValues.of(List.of(List.of(1, 2), List.of()), matrix))
                .isEqualTo(new BsonArray(List.of(new BsonArray(List.of(new BsonInt32(1), new BsonInt32(2))), new BsonArray())));
    }

    @Test
    void objectsAreEmbeddedDocumentsInFieldOrderConvertedByTheirFieldTypes() {
        BsonValue customer = BsonValues.of(JoinedOrder.order42().get("customer"), JoinedOrder.CUSTOMER);

        assertThat(customer).isEqualTo(new BsonDocument()
                .append("id", new BsonString(JoinedOrder.CUSTOMER_ID.toString()))
                .append("name", new BsonString("Ada Lovelace"))
                .append("email", new BsonString("ada@example.org"))
                .append("since", new BsonString("2020-02-29T23:59:59.000001Z")));
        assertThat(customer.asDocument().keySet()).containsExactly("id", "name", "email", "since");
        assertThat(BsonValues.of(null, JoinedOrder.CUSTOMER)).isEqualTo(BsonNull.VALUE);
    }

    @Test
    void arraysOfObjectsAreArraysOfDocumentsAtAnyDepth() {
        FieldType items = JoinedOrder.SCHEMA.types().get("items");
        BsonValue value = BsonValues.of(JoinedOrder.order42().get("items"), items);

        BsonDocument first = new BsonDocument()
                .append("line_no", new BsonInt32(1))
                .append("product_id", new BsonString("5eed0000-0000-0000-0000-000000000001"))
                .append("quantity", new BsonInt32(2))
                .append("unit_price", new BsonDecimal128(Decimal128.parse("5.00")))
                .append("product", new BsonDocument("sku", new BsonString("SKU-1")).append("name", new BsonString("Widget \"XL\"")));
        assertThat(value.asArray()).hasSize(2);
        assertThat(value.asArray().get(0)).isEqualTo(first);
        assertThat(value.asArray().get(1).asDocument().get("unit_price")).isEqualTo(new BsonDecimal128(Decimal128.parse("2.30")));
        assertThat(value.asArray().get(1).asDocument().get("product")).isEqualTo(BsonNull.VALUE);
        assertThat(BsonValues.of(List.of(), items)).isEqualTo(new BsonArray());
    }

    @Test
    void everyKindInsideAnObjectFollowsTheTopLevelRules() {
        FieldType every = JoinedOrder.SCHEMA.types().get("every");
        Map<String, Object> document = EveryKind.document("x", 1);

        BsonDocument nested = BsonValues.of(document, every).asDocument();

        for (ViewField field : EveryKind.SCHEMA.fields()) {
            assertThat(nested.get(field.name())).as(field.name())
                    .isEqualTo(BsonValues.of(document.get(field.name()), field.type()));
        }
        assertThat(nested.keySet()).containsExactlyElementsOf(document.keySet());
    }

    @Test
    void nestedFieldsTheTypeDoesNotNameAreKeptAsJson() {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("sku", "S");
        product.put("added_later", new BigDecimal("1.50"));

        assertThat(BsonValues.of(product, JoinedOrder.PRODUCT)).isEqualTo(new BsonDocument("sku", new BsonString("S"))
                .append("added_later", new BsonDecimal128(Decimal128.parse("1.50"))));
    }

    @Test
    void aNestedValueOfTheWrongJavaTypeIsNamedByWhereItIs() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("line_no", 1);
        item.put("unit_price", 2.3d);

        assertThatThrownBy(() -> BsonValues.of(List.of(item), JoinedOrder.SCHEMA.types().get("items")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("element 0: field 'unit_price': a DECIMAL value must be a BigDecimal, not a java.lang.Double");
        assertThatThrownBy(() -> BsonValues.of("Ada", JoinedOrder.CUSTOMER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a OBJECT value must be a Map, not a java.lang.String");
    }

    @Test
    void aValueOfTheWrongJavaTypeIsRejectedWithoutShowingIt() {
        assertThatThrownBy(() -> of("12.50", FieldKind.DECIMAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a DECIMAL value must be a BigDecimal, not a java.lang.String");
        assertThatThrownBy(() -> of(new Object(), FieldKind.JSON))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON value cannot be a java.lang.Object");
    }

    private static BsonValue of(Object value, FieldKind kind) {
        FieldType type = kind == FieldKind.DECIMAL ? FieldType.decimal(10, 2, true, "numeric") : FieldType.of(kind, true, "x");
        return BsonValues.of(value, type);
    }
}
