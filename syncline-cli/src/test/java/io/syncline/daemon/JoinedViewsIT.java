package io.syncline.daemon;

import static io.syncline.daemon.ShopViews.ORDERS;
import static io.syncline.daemon.ShopViews.ORDER_ITEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.FieldKind;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shop example's joined views against real servers: every order document (order + customer
 * with its e-mail hashed + items with their products) in Elasticsearch and MongoDB and every
 * order item fact (flattened, with a computed line total) in ClickHouse equals the one built from
 * the source tables by SQL, after the snapshot and after each kind of change to any joined table;
 * a change reaches exactly the documents that show the changed row; replaying every sink from
 * its view topics changes nothing.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JoinedViewsIT {
    private static final String SALT = "joined-views-it-salt";
    private static final String CUSTOMER_7 = "md5('customer7')::uuid";
    private static final String PRODUCT_3 = "md5('product3')::uuid";

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("joined_views_it");
        ShopViews.create(db, 50, 20, 200);
        pipeline = TestPipeline.create("joined_it", db, kafka, es, mongo, clickhouse, ShopViews.TABLES, ShopViews.views(SALT));
        runtime = TestPipeline.startStreaming(pipeline.spec());
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    @Order(1)
    void theSnapshotGivesEveryJoinedDocumentAndFact() throws Exception {
        // The documents' shape is part of the contract: asserted here, since the comparisons below use these schemas.
        assertThat(names(schema(ORDERS).fields())).containsExactly("id", "customer_id", "status", "total", "placed_at",
                "shipping_address", "notes", "customer", "items");
        assertThat(names(schema(ORDERS).field("customer").orElseThrow().type().fields())).containsExactly("id", "name", "email");
        ViewField items = schema(ORDERS).field("items").orElseThrow();
        assertThat(items.type().kind()).isEqualTo(FieldKind.ARRAY);
        assertThat(names(items.type().element().fields())).containsExactly("line_no", "product_id", "quantity", "unit_price", "product");
        assertThat(names(items.type().element().field("product").orElseThrow().type().fields())).containsExactly("sku", "name");
        assertThat(names(schema(ORDER_ITEMS).fields())).containsExactly("order_id", "line_no", "product_id", "quantity",
                "unit_price", "order_customer_id", "order_status", "order_placed_at", "product_sku", "product_name", "line_total");
        assertThat(schema(ORDER_ITEMS).key()).containsExactly("order_id", "line_no");

        awaitEverySinkEqualsTheSource("snapshot");
        assertThat(ShopViews.orders(db, schema(ORDERS), SALT)).hasSize(200);
        assertThat(ShopViews.orderItems(db, schema(ORDER_ITEMS))).hasSize(600);
        // One document and one fact spelled out from the sample data's formulas: the canonical form holds real values.
        String customer8 = "3079e399-1f94-d1b3-b21b-894f329d369d";
        Map<String, String> order7 = new LinkedHashMap<>();
        order7.put("id", "7");
        order7.put("customer_id", customer8);
        order7.put("status", "shipped");
        order7.put("total", "35.60");
        order7.put("placed_at", "2026-01-01T00:11:19.000861Z");
        order7.put("shipping_address", "{\"city\":\"Oslo\"}");
        order7.put("notes", "leave at the door");
        order7.put("customer", "{id=" + customer8 + ", name=Customer 8, email=" + ShopViews.sha256(SALT, "customer8@example.com") + "}");
        order7.put("items", "[{line_no=1, product_id=6bd2d465-684b-e9eb-62ab-73993dc8c243, quantity=1, unit_price=5.44, "
                + "product={sku=SKU-000013, name=Product 13}}, "
                + "{line_no=2, product_id=f3bff95e-49ab-72d7-6d54-5de0886b1327, quantity=2, unit_price=5.81, "
                + "product={sku=SKU-000014, name=Product 14}}, "
                + "{line_no=3, product_id=bc2ec870-3490-98a8-980c-14bac15c1386, quantity=3, unit_price=6.18, "
                + "product={sku=SKU-000015, name=Product 15}}]");
        assertThat(elasticsearchOrders().get("7")).isEqualTo(order7);
        assertThat(mongodbOrders().get("7")).isEqualTo(order7);
        assertThat(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(ORDER_ITEMS), schema(ORDER_ITEMS))
                .get("[\"7\",\"2\"]")).containsExactly(entry("order_id", "7"), entry("line_no", "2"),
                entry("product_id", "f3bff95e-49ab-72d7-6d54-5de0886b1327"), entry("quantity", "2"), entry("unit_price", "5.81"),
                entry("order_customer_id", customer8), entry("order_status", "shipped"),
                entry("order_placed_at", "2026-01-01T00:11:19.000861Z"), entry("product_sku", "SKU-000014"),
                entry("product_name", "Product 14"), entry("line_total", "11.62"));
    }

    @Test
    @Order(2)
    void aCustomerEmailChangeReachesExactlyThatCustomersOrders() throws Exception {
        Map<String, Long> esBefore = StoreContents.elasticsearchVersions(pipeline.es(), pipeline.target(ORDERS));
        Map<String, Long> mongoBefore = StoreContents.mongodbVersions(pipeline.mongo(), pipeline.name(), ORDERS);
        Set<String> customerOrders = ids("SELECT id FROM orders WHERE customer_id = " + CUSTOMER_7);
        assertThat(customerOrders).hasSizeGreaterThan(1);

        sql("UPDATE customers SET email = 'Changed.Seven@example.org' WHERE id = " + CUSTOMER_7);

        awaitEverySinkEqualsTheSource("customer e-mail change");
        String hashed = ShopViews.sha256(SALT, "Changed.Seven@example.org");
        Map<String, Map<String, String>> orders = elasticsearchOrders();
        customerOrders.forEach(id -> assertThat(orders.get(id).get("customer")).contains("email=" + hashed));
        assertThat(changed(esBefore, StoreContents.elasticsearchVersions(pipeline.es(), pipeline.target(ORDERS))))
                .as("orders whose Elasticsearch version changed").isEqualTo(customerOrders);
        assertThat(changed(mongoBefore, StoreContents.mongodbVersions(pipeline.mongo(), pipeline.name(), ORDERS)))
                .as("orders whose MongoDB version changed").isEqualTo(customerOrders);
    }

    @Test
    @Order(3)
    void aProductRenameReachesEveryOrderAndFactThatShowsIt() throws Exception {
        Map<String, Long> esBefore = StoreContents.elasticsearchVersions(pipeline.es(), pipeline.target(ORDERS));
        Set<String> ordersWithProduct = ids("SELECT DISTINCT order_id FROM order_items WHERE product_id = " + PRODUCT_3);
        assertThat(ordersWithProduct).hasSizeGreaterThan(1);

        sql("UPDATE products SET name = 'Renamed product three' WHERE id = " + PRODUCT_3);

        awaitEverySinkEqualsTheSource("product rename");
        Map<String, Map<String, String>> orders = mongodbOrders();
        ordersWithProduct.forEach(id -> assertThat(orders.get(id).get("items")).contains("name=Renamed product three"));
        var facts = StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(ORDER_ITEMS), schema(ORDER_ITEMS));
        assertThat(facts.values().stream().filter(f -> "SKU-000003".equals(f.get("product_sku"))))
                .isNotEmpty().allSatisfy(f -> assertThat(f).containsEntry("product_name", "Renamed product three"));
        assertThat(changed(esBefore, StoreContents.elasticsearchVersions(pipeline.es(), pipeline.target(ORDERS))))
                .as("orders whose Elasticsearch version changed").isEqualTo(ordersWithProduct);
    }

    @Test
    @Order(4)
    void deletedAndInsertedItemsLeaveAndJoinTheArraysAndFacts() throws Exception {
        // Order 4 has five items, order 10 one; order 201 is new and never gets any.
        sql("DELETE FROM order_items WHERE order_id = 4 AND line_no = 2",
                "INSERT INTO order_items VALUES (4, 7, md5('product5')::uuid, 3, 4.25)",
                "DELETE FROM order_items WHERE order_id = 10",
                "INSERT INTO orders VALUES (201, " + CUSTOMER_7 + ", 'pending', 0, '2026-11-21 10:15:30.123456+00', NULL, NULL)",
                "INSERT INTO order_items VALUES (5, 2, md5('product4')::uuid, 1, 0.01)");

        awaitEverySinkEqualsTheSource("item deletes and inserts");
        Map<String, Map<String, String>> orders = elasticsearchOrders();
        assertThat(orders.get("4").get("items")).contains("line_no=7").doesNotContain("line_no=2,");
        assertThat(orders.get("10").get("items")).isEqualTo("[]");
        assertThat(orders.get("201").get("items")).isEqualTo("[]");
        assertThat(mongodbOrders().get("10").get("items")).isEqualTo("[]");
        var facts = StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(ORDER_ITEMS), schema(ORDER_ITEMS));
        assertThat(facts).containsKeys("[\"4\",\"7\"]", "[\"5\",\"2\"]").doesNotContainKeys("[\"4\",\"2\"]", "[\"10\",\"1\"]");
        assertThat(facts.get("[\"5\",\"2\"]")).containsEntry("line_total", "0.01");
    }

    @Test
    @Order(5)
    void aDeletedOrderLeavesEverySinkWithItsItems() throws Exception {
        sql("DELETE FROM orders WHERE id = 4");

        awaitEverySinkEqualsTheSource("order delete");
        assertThat(elasticsearchOrders()).doesNotContainKey("4");
        assertThat(mongodbOrders()).doesNotContainKey("4");
        assertThat(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(ORDER_ITEMS), schema(ORDER_ITEMS)).keySet())
                .noneMatch(id -> id.startsWith("[\"4\","));
    }

    @Test
    @Order(6)
    void replayingEverySinkFromTheStartOfItsViewTopicsChangesNothing() throws Exception {
        Map<String, Long> esVersions = StoreContents.elasticsearchVersions(pipeline.es(), pipeline.target(ORDERS));
        Map<String, Long> mongoVersions = StoreContents.mongodbVersions(pipeline.mongo(), pipeline.name(), ORDERS);
        var esBefore = elasticsearchOrders();
        var mongoBefore = mongodbOrders();
        var clickhouseBefore = StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(ORDER_ITEMS), schema(ORDER_ITEMS));
        runtime.close();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers()))) {
            admin.deleteConsumerGroups(TestPipeline.SINKS.stream().map(pipeline::sinkGroup).toList()).all().get();
        }
        runtime = PipelineRuntime.start(pipeline.spec());
        // Done when every sink has consumed its view topics to the end again.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> runtime.sinks().values().forEach(sink -> {
            assertThat(sink.metrics().recordsWritten() + sink.metrics().recordsStale()).isPositive();
            assertThat(sink.metrics().lag()).isNotEmpty().allSatisfy((partition, lag) -> assertThat(lag).isZero());
        }));

        assertThat(StoreContents.elasticsearchVersions(pipeline.es(), pipeline.target(ORDERS))).isEqualTo(esVersions);
        assertThat(StoreContents.mongodbVersions(pipeline.mongo(), pipeline.name(), ORDERS)).isEqualTo(mongoVersions);
        assertThat(elasticsearchOrders()).isEqualTo(esBefore);
        assertThat(mongodbOrders()).isEqualTo(mongoBefore);
        assertThat(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(ORDER_ITEMS), schema(ORDER_ITEMS)))
                .isEqualTo(clickhouseBefore);
        awaitEverySinkEqualsTheSource("replay");
        // Elasticsearch and MongoDB saw the replay as stale versions: nothing was rewritten.
        assertThat(runtime.sinks().get(TestPipeline.SEARCH).metrics().recordsStale()).isPositive();
        assertThat(runtime.sinks().get(TestPipeline.DOCUMENTS).metrics().recordsStale()).isPositive();
    }

    private void awaitEverySinkEqualsTheSource(String step) {
        long started = System.nanoTime();
        // Reads may fail while a target is still being created: keep polling until the timeout.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).isEmpty();
            assertThat(ShopViews.differences(pipeline, db, runtime.schemas(), SALT)).as("differences after %s", step).isEmpty();
        });
        System.out.printf("[joined-views-it] %s: every sink equal to the source after %d ms%n", step,
                (System.nanoTime() - started) / 1_000_000);
    }

    private Map<String, Map<String, String>> elasticsearchOrders() throws Exception {
        return StoreContents.elasticsearch(pipeline.es(), pipeline.target(ORDERS), schema(ORDERS));
    }

    private Map<String, Map<String, String>> mongodbOrders() {
        return StoreContents.mongodb(pipeline.mongo(), pipeline.name(), ORDERS, schema(ORDERS));
    }

    private ViewSchema schema(String view) {
        return runtime.schemas().get(view);
    }

    private static List<String> names(List<ViewField> fields) {
        return fields.stream().map(ViewField::name).toList();
    }

    /** Ids whose version differs (or that appeared or left). */
    private static Set<String> changed(Map<String, Long> before, Map<String, Long> after) {
        Set<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        ids.removeIf(id -> before.get(id) != null && before.get(id).equals(after.get(id)));
        return ids;
    }

    private Set<String> ids(String query) throws Exception {
        Set<String> ids = new TreeSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
