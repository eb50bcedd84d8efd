package io.syncline.daemon;

import io.syncline.testkit.PostgresEndpoint;
import io.syncline.view.ViewSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The shop example's joined views ({@code connectors-config/examples/shop.yaml}): the pipeline's
 * views and routes, the shop schema and sample data of the examples, and each view's documents
 * built straight from the source tables by SQL, the test's own statement of what a document must be.
 */
final class ShopViews {
    static final String ORDERS = "orders";
    static final String ORDER_ITEMS = "order_items";
    static final List<String> TABLES = List.of("customers", "products", "orders", "order_items");
    static final String SALT_VARIABLE = "SYNCLINE_HASH_SALT";

    /** The shop example's orders view: an order with its customer (e-mail hashed) and its items with their products. */
    static final String ORDERS_VIEW_YAML = """
            - name: orders
              table: public.orders
              joins:
                - {name: customer, table: public.customers, kind: one, on: {customer_id: id}, fields: [id, name, email]}
                - name: items
                  table: public.order_items
                  kind: many
                  on: {id: order_id}
                  orderBy: [line_no]
                  fields: [line_no, product_id, quantity, unit_price]
                  joins:
                    - {name: product, table: public.products, kind: one, on: {product_id: id}, fields: [sku, name]}
              transforms:
                - hash: {fields: [customer.email], salt: "${SYNCLINE_HASH_SALT:-shop-demo-salt}"}
            """;

    /** Exactly the views of the shop example. */
    static final String VIEWS_YAML = ORDERS_VIEW_YAML + """
            - name: order_items
              table: public.order_items
              joins:
                - {name: order, table: public.orders, kind: one, on: {order_id: id}, fields: [customer_id, status, placed_at]}
                - {name: product, table: public.products, kind: one, on: {product_id: id}, fields: [sku, name]}
              transforms:
                - flatten: [order, product]
                - compute: {line_total: "quantity * unit_price"}
            """;

    /** An order: every column of the row, its customer (e-mail hashed) or null, its items in line order with their products. */
    private static final String ORDERS_SQL = """
            SELECT o.*,
                   CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object('id', c.id, 'name', c.name,
                       'email', encode(sha256(convert_to(? || c.email, 'UTF8')), 'hex')) END AS customer,
                   COALESCE((SELECT jsonb_agg(jsonb_build_object('line_no', i.line_no, 'product_id', i.product_id,
                                 'quantity', i.quantity, 'unit_price', i.unit_price,
                                 'product', CASE WHEN p.id IS NULL THEN NULL
                                                 ELSE jsonb_build_object('sku', p.sku, 'name', p.name) END)
                                 ORDER BY i.line_no)
                             FROM order_items i LEFT JOIN products p ON p.id = i.product_id
                             WHERE i.order_id = o.id), '[]'::jsonb) AS items
            FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
            """;

    /** An item fact: the item's columns, its order's and product's columns (null without one), the line total. */
    private static final String ORDER_ITEMS_SQL = """
            SELECT i.order_id, i.line_no, i.product_id, i.quantity, i.unit_price,
                   o.customer_id AS order_customer_id, o.status AS order_status, o.placed_at AS order_placed_at,
                   p.sku AS product_sku, p.name AS product_name, i.quantity * i.unit_price AS line_total
            FROM order_items i LEFT JOIN orders o ON o.id = i.order_id LEFT JOIN products p ON p.id = i.product_id
            """;

    private ShopViews() {
    }

    /** The shop views, Elasticsearch and MongoDB taking orders and ClickHouse order_items, hashing with {@code salt}. */
    static TestPipeline.Views views(String salt) {
        return new TestPipeline.Views(VIEWS_YAML, Map.of(TestPipeline.SEARCH, List.of(ORDERS),
                TestPipeline.DOCUMENTS, List.of(ORDERS), TestPipeline.ANALYTICS, List.of(ORDER_ITEMS)),
                Map.of(SALT_VARIABLE, salt));
    }

    /** The shop schema of the examples, then its sample data at the given sizes (as psql would run them). */
    static void create(PostgresEndpoint db, int customers, int products, int orders) throws IOException, SQLException {
        String data = Files.readString(example("shop-data.sql"))
                .replaceAll("(?<!:):customers\\b", String.valueOf(customers))
                .replaceAll("(?<!:):products\\b", String.valueOf(products))
                .replaceAll("(?<!:):orders\\b", String.valueOf(orders));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(Files.readString(example("shop-schema.sql")));
            s.execute(data);
        }
    }

    /** Every order document as the source says it must be, by id. */
    static Map<String, Map<String, String>> orders(PostgresEndpoint db, ViewSchema schema, String salt) throws SQLException {
        return StoreContents.postgresQuery(db, ORDERS_SQL, schema, salt);
    }

    /** Every order item fact as the source says it must be, by id ({@code ["order_id","line_no"]}). */
    static Map<String, Map<String, String>> orderItems(PostgresEndpoint db, ViewSchema schema) throws SQLException {
        return StoreContents.postgresQuery(db, ORDER_ITEMS_SQL, schema);
    }

    /**
     * What differs between the source and the sinks of a pipeline with these views: the orders in
     * Elasticsearch and MongoDB, the order item facts in ClickHouse (current state), each against
     * the SQL-built ones. Empty when every sink equals the source.
     */
    static List<String> differences(TestPipeline pipeline, PostgresEndpoint db, Map<String, ViewSchema> schemas, String salt)
            throws Exception {
        ViewSchema orders = schemas.get(ORDERS);
        ViewSchema items = schemas.get(ORDER_ITEMS);
        var expectedOrders = orders(db, orders, salt);
        var expectedItems = orderItems(db, items);
        List<String> differences = new ArrayList<>();
        StoreContents.differences(expectedOrders, StoreContents.elasticsearch(pipeline.es(), pipeline.target(ORDERS), orders), 5)
                .forEach(d -> differences.add("Elasticsearch orders " + d));
        StoreContents.differences(expectedOrders, StoreContents.mongodb(pipeline.mongo(), pipeline.name(), ORDERS, orders), 5)
                .forEach(d -> differences.add("MongoDB orders " + d));
        StoreContents.differences(expectedItems, StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(ORDER_ITEMS), items), 5)
                .forEach(d -> differences.add("ClickHouse order_items " + d));
        return differences;
    }

    /** The hash transform's output, computed here apart from the SQL: lowercase hex SHA-256 of salt + text. */
    static String sha256(String salt, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file of {@code connectors-config/examples}, found from the module directory (or the repository's). */
    private static Path example(String file) {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        for (Path root : new Path[] {module.getParent(), module}) {
            if (root == null) {
                continue;
            }
            Path candidate = root.resolve("connectors-config").resolve("examples").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("connectors-config/examples/" + file + " not found from " + module);
    }
}
