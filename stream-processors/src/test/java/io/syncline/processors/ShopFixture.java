package io.syncline.processors;

import io.syncline.config.JoinKind;
import io.syncline.config.JoinSpec;
import io.syncline.config.SourceRef;
import io.syncline.config.TableName;
import io.syncline.config.TransformSpec;
import io.syncline.config.ViewSpec;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shop tables as the source catalog types them, and join specs over them, for topology tests. */
final class ShopFixture {
    static final TableName CUSTOMERS = new TableName("public", "customers");
    static final TableName PRODUCTS = new TableName("public", "products");
    static final TableName ORDERS = new TableName("public", "orders");
    static final TableName ITEMS = new TableName("public", "order_items");

    static final Map<TableName, ViewSchema> TABLES = tables();

    private ShopFixture() {
    }

    private static Map<TableName, ViewSchema> tables() {
        Map<TableName, ViewSchema> tables = new LinkedHashMap<>();
        tables.put(CUSTOMERS, new ViewSchema("customers", List.of(
                field("id", FieldKind.INT64, false), field("email", FieldKind.STRING, false),
                field("name", FieldKind.STRING, false)), List.of("id")));
        tables.put(PRODUCTS, new ViewSchema("products", List.of(
                field("id", FieldKind.UUID, false), field("sku", FieldKind.STRING, false),
                field("name", FieldKind.STRING, false), new ViewField("price", FieldType.decimal(10, 2, false, "numeric"))),
                List.of("id")));
        tables.put(ORDERS, new ViewSchema("orders", List.of(
                field("id", FieldKind.INT64, false), field("customer_id", FieldKind.INT64, true),
                field("status", FieldKind.STRING, false), new ViewField("total", FieldType.decimal(10, 2, false, "numeric")),
                field("placed_at", FieldKind.TIMESTAMP_TZ, false)), List.of("id")));
        tables.put(ITEMS, new ViewSchema("order_items", List.of(
                field("order_id", FieldKind.INT64, false), field("line_no", FieldKind.INT32, false),
                field("product_id", FieldKind.UUID, true), field("quantity", FieldKind.INT32, false),
                new ViewField("unit_price", FieldType.decimal(10, 2, false, "numeric"))), List.of("order_id", "line_no")));
        return tables;
    }

    private static ViewField field(String name, FieldKind kind, boolean nullable) {
        return new ViewField(name, FieldType.of(kind, nullable, kind.name().toLowerCase()));
    }

    static JoinSpec customerJoin(boolean required) {
        return new JoinSpec("customer", JoinKind.ONE, CUSTOMERS, List.of(new JoinSpec.JoinColumn("customer_id", "id")),
                List.of("id", "name", "email"), List.of(), required, List.of(), SourceRef.UNKNOWN);
    }

    static JoinSpec productJoin() {
        return new JoinSpec("product", JoinKind.ONE, PRODUCTS, List.of(new JoinSpec.JoinColumn("product_id", "id")),
                List.of("sku", "name"), List.of(), false, List.of(), SourceRef.UNKNOWN);
    }

    static JoinSpec itemsJoin() {
        return new JoinSpec("items", JoinKind.MANY, ITEMS, List.of(new JoinSpec.JoinColumn("id", "order_id")),
                List.of("line_no", "product_id", "quantity", "unit_price"), List.of(new JoinSpec.SortKey("line_no", false)),
                false, List.of(productJoin()), SourceRef.UNKNOWN);
    }

    static ViewSpec ordersView(List<TransformSpec> transforms, boolean customerRequired) {
        return new ViewSpec("orders", ORDERS, List.of(), List.of(customerJoin(customerRequired), itemsJoin()), transforms,
                SourceRef.UNKNOWN);
    }
}
