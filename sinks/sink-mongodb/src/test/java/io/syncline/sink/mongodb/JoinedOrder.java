package io.syncline.sink.mongodb;

import io.syncline.testkit.fixtures.EveryKind;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A joined view: an order with its customer (a nullable object) and its items (an array of
 * objects, each with its product, a nullable object), plus an object holding every kind. Documents:
 * order 42 in two versions (the second changes a nested value and drops an item) and order 43
 * with no customer, no items and no every-kind object.
 */
final class JoinedOrder {
    static final String VIEW = "orders_joined";
    static final UUID CUSTOMER_ID = UUID.fromString("0b7e6a52-3c1d-4f0e-9a51-2d8c4e6f7a10");
    static final FieldType PRODUCT = FieldType.object(List.of(
            field("sku", FieldType.of(FieldKind.STRING, false, "text")),
            field("name", FieldType.of(FieldKind.STRING, true, "text"))), true, "join");
    static final FieldType ITEM = FieldType.object(List.of(
            field("line_no", FieldType.of(FieldKind.INT32, false, "int4")),
            field("product_id", FieldType.of(FieldKind.UUID, false, "uuid")),
            field("quantity", FieldType.of(FieldKind.INT32, false, "int4")),
            field("unit_price", FieldType.decimal(10, 2, false, "numeric")),
            field("product", PRODUCT)), false, "join");
    static final FieldType CUSTOMER = FieldType.object(List.of(
            field("id", FieldType.of(FieldKind.UUID, false, "uuid")),
            field("name", FieldType.of(FieldKind.STRING, true, "text")),
            field("email", FieldType.of(FieldKind.STRING, true, "text")),
            field("since", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz"))), true, "join");
    static final ViewSchema SCHEMA = new ViewSchema(VIEW, List.of(
            field("id", FieldType.of(FieldKind.INT64, false, "int8")),
            field("customer_id", FieldType.of(FieldKind.UUID, true, "uuid")),
            field("status", FieldType.of(FieldKind.STRING, true, "text")),
            field("total", FieldType.decimal(12, 2, true, "numeric")),
            field("placed_at", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz")),
            field("customer", CUSTOMER),
            field("items", FieldType.array(ITEM, false, "join")),
            field("every", FieldType.object(EveryKind.SCHEMA.fields(), true, "join"))),
            List.of("id"));

    private JoinedOrder() {
    }

    /** Order 42, first version: a customer, two items (the second without its product), every kind. */
    static Map<String, Object> order42() {
        Map<String, Object> doc = order(42, "paid", "12.30");
        doc.put("customer", customer("ada@example.org"));
        doc.put("items", List.of(item(1, 2, "5.00", product("SKU-1", "Widget \"XL\"")), item(2, 1, "2.30", null)));
        doc.put("every", EveryKind.document("nested", 5));
        return doc;
    }

    /** Order 42, second version: the customer's email and the first item's price changed, the second item gone. */
    static Map<String, Object> order42Updated() {
        Map<String, Object> doc = order(42, "shipped", "10.01");
        doc.put("customer", customer("ada@lovelace.example"));
        doc.put("items", List.of(item(1, 3, "4.99", product("SKU-1", "Widget \"XL\""))));
        doc.put("every", null);
        return doc;
    }

    /** Order 43: no customer, no items. */
    static Map<String, Object> order43() {
        Map<String, Object> doc = order(43, "open", "0.00");
        doc.put("customer", null);
        doc.put("items", List.of());
        doc.put("every", null);
        return doc;
    }

    private static Map<String, Object> order(long id, String status, String total) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("customer_id", CUSTOMER_ID);
        doc.put("status", status);
        doc.put("total", new BigDecimal(total));
        doc.put("placed_at", Instant.parse("2026-11-21T10:15:30.123456Z"));
        return doc;
    }

    private static Map<String, Object> customer(String email) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", CUSTOMER_ID);
        customer.put("name", "Ada Lovelace");
        customer.put("email", email);
        customer.put("since", Instant.parse("2020-02-29T23:59:59.000001Z"));
        return customer;
    }

    private static Map<String, Object> item(int lineNo, int quantity, String unitPrice, Map<String, Object> product) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("line_no", lineNo);
        item.put("product_id", new UUID(0x5eed_0000_0000_0000L, lineNo));
        item.put("quantity", quantity);
        item.put("unit_price", new BigDecimal(unitPrice));
        item.put("product", product);
        return item;
    }

    private static Map<String, Object> product(String sku, String name) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("sku", sku);
        product.put("name", name);
        return product;
    }

    private static ViewField field(String name, FieldType type) {
        return new ViewField(name, type);
    }
}
