package io.syncline.processors;

import static io.syncline.processors.ShopFixture.CUSTOMERS;
import static io.syncline.processors.ShopFixture.ITEMS;
import static io.syncline.processors.ShopFixture.ORDERS;
import static io.syncline.processors.ShopFixture.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.InvalidPipelineException;
import io.syncline.config.JoinKind;
import io.syncline.config.JoinSpec;
import io.syncline.config.Secret;
import io.syncline.config.SourceRef;
import io.syncline.config.TableName;
import io.syncline.config.TransformSpec;
import io.syncline.config.ViewSpec;
import io.syncline.config.expr.Expr;
import io.syncline.config.expr.Function;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.plan.ViewPlanner;
import io.syncline.view.FieldKind;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Joined views end to end through the real topology: every join kind, out-of-order arrival, deletes, filters, versions. */
class JoinTopologyTest {
    private static final String P1 = "6f1c2b1e-8d3a-4f59-9a8e-0b1c2d3e4f50";
    private static final String P2 = "0b1c2d3e-8d3a-4f59-9a8e-6f1c2b1e4f50";

    private ViewTopologyDriver driver;
    private final ViewMetrics metrics = new ViewMetrics();
    private long lsn = 1000;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(ViewPlan plan) {
        driver = ViewTopologyDriver.of(plan).metrics(metrics).uncached().start();
    }

    private static ViewPlan plan(List<TransformSpec> transforms, boolean customerRequired) throws InvalidPipelineException {
        return ViewPlanner.plan(List.of(ShopFixture.ordersView(transforms, customerRequired)), ShopFixture.TABLES, "shop").get(0);
    }

    // --- source changes -------------------------------------------------------------------------

    private long change(TableName table, String op, String key, String before, String after) {
        lsn += 10;
        driver.changes(table).pipeInput(key, "{\"op\":\"" + op + "\",\"before\":" + before + ",\"after\":" + after
                + ",\"source\":{\"lsn\":" + lsn + ",\"ts_ms\":" + (1_700_000_000_000L + lsn) + "}}");
        return lsn;
    }

    private long customer(long id, String email, String name) {
        return change(CUSTOMERS, "c", "{\"id\":" + id + "}", "null",
                "{\"id\":" + id + ",\"email\":\"" + email + "\",\"name\":\"" + name + "\"}");
    }

    private long product(String id, String sku, String name) {
        return change(PRODUCTS, "c", "{\"id\":\"" + id + "\"}", "null",
                "{\"id\":\"" + id + "\",\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"price\":\"9.99\"}");
    }

    private long order(long id, Long customer, String status) {
        return change(ORDERS, "c", "{\"id\":" + id + "}", "null", "{\"id\":" + id + ",\"customer_id\":" + customer
                + ",\"status\":\"" + status + "\",\"total\":\"12.30\",\"placed_at\":\"2026-11-21T10:00:00.123456Z\"}");
    }

    private long item(long order, int line, String product, int quantity) {
        return change(ITEMS, "c", "{\"order_id\":" + order + ",\"line_no\":" + line + "}", "null",
                "{\"order_id\":" + order + ",\"line_no\":" + line + ",\"product_id\":" + (product == null ? "null" : "\"" + product + "\"")
                        + ",\"quantity\":" + quantity + ",\"unit_price\":\"2.50\"}");
    }

    private long delete(TableName table, String key, String before) {
        return change(table, "d", key, before, "null");
    }

    // --- what the view topic holds --------------------------------------------------------------

    private static ViewRecord last(List<ViewRecord> records, String id) {
        return records.stream().filter(r -> r.id().equals(id)).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no record for document " + id + " in " + records));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(ViewRecord record) {
        return (List<Map<String, Object>>) record.document().get("items");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void childrenOrderedByANumericHoldingNanAndInfinitiesSortAsInPostgres() throws Exception {
        for (boolean descending : new boolean[] {false, true}) {
            JoinSpec items = ShopFixture.itemsJoin();
            JoinSpec byPrice = new JoinSpec(items.name(), items.kind(), items.table(), items.on(), items.fields(),
                    List.of(new JoinSpec.SortKey("unit_price", descending)), items.required(), items.joins(), items.where());
            ViewSpec view = new ViewSpec("orders", ORDERS, List.of(), List.of(ShopFixture.customerJoin(false), byPrice), List.of(),
                    SourceRef.UNKNOWN);
            stop();
            start(ViewPlanner.plan(List.of(view), ShopFixture.TABLES, "shop").get(0));
            order(1, null, "paid");
            String[] prices = {"NAN", "2.50", "POSITIVE_INFINITY", "-1.00", "NEGATIVE_INFINITY"};
            for (int line = 1; line <= prices.length; line++) {
                change(ITEMS, "c", "{\"order_id\":1,\"line_no\":" + line + "}", "null", "{\"order_id\":1,\"line_no\":" + line
                        + ",\"product_id\":null,\"quantity\":1,\"unit_price\":\"" + prices[line - 1] + "\"}");
            }

            List<Object> lines = items(last(driver.drain(), "1")).stream().map(i -> i.get("line_no")).toList();

            // ASC: -Infinity, -1.00, 2.50, Infinity, NaN (NaN above everything); DESC the reverse.
            assertThat(lines).as(descending ? "desc" : "asc").containsExactlyElementsOf(
                    descending ? List.of(1, 3, 2, 4, 5) : List.of(5, 4, 2, 3, 1));
        }
    }

    @Test
    void anOrderEmbedsItsCustomerAndItsItemsWithTheirProductsInDeclaredOrder() throws Exception {
        start(plan(List.of(), false));
        customer(7, "ada@example.com", "Ada");
        product(P1, "SKU-1", "Lamp");
        product(P2, "SKU-2", "Desk");
        long orderLsn = order(42, 7L, "paid");
        item(42, 2, P2, 1);
        long lastItem = item(42, 1, P1, 3);

        ViewRecord doc = last(driver.drain(), "42");

        assertThat(doc.document()).containsEntry("status", "paid").containsEntry("total", new BigDecimal("12.30"));
        assertThat(object(doc.document().get("customer")).keySet()).containsExactly("id", "name", "email");
        assertThat(object(doc.document().get("customer"))).containsEntry("id", 7L).containsEntry("name", "Ada")
                .containsEntry("email", "ada@example.com");
        assertThat(items(doc)).extracting(i -> i.get("line_no")).containsExactly(1, 2);
        assertThat(items(doc).get(0)).containsEntry("quantity", 3).containsEntry("unit_price", new BigDecimal("2.50"));
        assertThat(object(items(doc).get(0).get("product"))).containsEntry("sku", "SKU-1").containsEntry("name", "Lamp");
        assertThat(object(items(doc).get(1).get("product"))).containsEntry("name", "Desk");
        assertThat(doc.version()).as("the newest row in it").isEqualTo(lastItem).isGreaterThan(orderLsn);
    }

    @Test
    void aCustomerChangeRewritesEveryOrderOfThatCustomerAndNoOther() throws Exception {
        start(plan(List.of(), false));
        customer(7, "ada@example.com", "Ada");
        customer(8, "bob@example.com", "Bob");
        order(1, 7L, "paid");
        order(2, 7L, "paid");
        order(3, 8L, "paid");
        driver.drain();

        long changed = change(CUSTOMERS, "u", "{\"id\":7}", "null", "{\"id\":7,\"email\":\"ada@new.example\",\"name\":\"Ada\"}");

        List<ViewRecord> records = driver.drain();
        assertThat(records).extracting(ViewRecord::id).containsExactlyInAnyOrder("1", "2");
        assertThat(records).allSatisfy(r -> {
            assertThat(object(r.document().get("customer"))).containsEntry("email", "ada@new.example");
            assertThat(r.version()).isEqualTo(changed);
        });
    }

    @Test
    void aProductRenameReachesTheItemsOfEveryOrderThatContainsIt() throws Exception {
        start(plan(List.of(), false));
        product(P1, "SKU-1", "Lamp");
        product(P2, "SKU-2", "Desk");
        order(1, null, "paid");
        order(2, null, "paid");
        item(1, 1, P1, 1);
        item(2, 1, P2, 1);
        item(2, 2, P1, 1);
        driver.drain();

        change(PRODUCTS, "u", "{\"id\":\"" + P1 + "\"}", "null",
                "{\"id\":\"" + P1 + "\",\"sku\":\"SKU-1\",\"name\":\"Reading lamp\",\"price\":\"9.99\"}");

        List<ViewRecord> records = driver.drain();
        assertThat(records).extracting(ViewRecord::id).containsOnly("1", "2");
        assertThat(object(items(last(records, "1")).get(0).get("product"))).containsEntry("name", "Reading lamp");
        assertThat(items(last(records, "2"))).extracting(i -> object(i.get("product")).get("name"))
                .containsExactly("Desk", "Reading lamp");
    }

    @Test
    void insertingAndDeletingItemsChangesTheArrayAndDeletingTheOrderDeletesTheDocument() throws Exception {
        start(plan(List.of(), false));
        order(1, null, "paid");
        item(1, 1, null, 1);
        assertThat(items(last(driver.drain(), "1"))).hasSize(1);

        item(1, 2, null, 5);
        assertThat(items(last(driver.drain(), "1"))).extracting(i -> i.get("quantity")).containsExactly(1, 5);

        delete(ITEMS, "{\"order_id\":1,\"line_no\":1}", "{\"order_id\":1,\"line_no\":1}");
        ViewRecord afterDelete = last(driver.drain(), "1");
        assertThat(items(afterDelete)).extracting(i -> i.get("line_no")).containsExactly(2);

        delete(ITEMS, "{\"order_id\":1,\"line_no\":2}", "{\"order_id\":1,\"line_no\":2}");
        ViewRecord empty = last(driver.drain(), "1");
        assertThat(items(empty)).isEmpty();
        assertThat(empty.version()).isGreaterThan(afterDelete.version());

        delete(ORDERS, "{\"id\":1}", "{\"id\":1}");
        ViewRecord tombstone = last(driver.drain(), "1");
        assertThat(tombstone.op()).isEqualTo(Op.DELETE);
        assertThat(tombstone.document()).isNull();
        assertThat(tombstone.version()).isGreaterThan(empty.version());
    }

    @Test
    void childrenAndParentsThatArriveFirstWaitForTheRowTheyPointTo() throws Exception {
        start(plan(List.of(), false));
        item(5, 1, P1, 2);          // item before its order, pointing to a product not there yet
        assertThat(driver.drain()).as("no order yet: no document").isEmpty();

        order(5, 9L, "paid");       // order before its customer
        ViewRecord first = last(driver.drain(), "5");
        assertThat(first.document().get("customer")).isNull();
        assertThat(items(first)).hasSize(1);
        assertThat(items(first).get(0).get("product")).isNull();

        customer(9, "late@example.com", "Late");
        product(P1, "SKU-1", "Lamp");
        ViewRecord complete = last(driver.drain(), "5");
        assertThat(object(complete.document().get("customer"))).containsEntry("name", "Late");
        assertThat(object(items(complete).get(0).get("product"))).containsEntry("name", "Lamp");
    }

    @Test
    void aRequiredParentKeepsTheDocumentOutUntilItExistsAndRemovesItWhenDeleted() throws Exception {
        start(plan(List.of(), true));
        order(5, 9L, "paid");
        assertThat(driver.drain()).isEmpty();

        customer(9, "c@example.com", "C");
        assertThat(last(driver.drain(), "5").op()).isEqualTo(Op.CREATE);

        delete(CUSTOMERS, "{\"id\":9}", "{\"id\":9}");
        assertThat(last(driver.drain(), "5").op()).isEqualTo(Op.DELETE);
    }

    @Test
    void aDocumentLeavesAndReentersTheViewAsTheFilterChanges() throws Exception {
        start(plan(List.of(new TransformSpec.Filter(new Expr.Binary(Expr.BinaryOp.NE, field("status"), new Expr.Literal("cancelled")),
                "status != 'cancelled'", SourceRef.UNKNOWN)), false));
        order(1, null, "cancelled");
        assertThat(driver.drain()).as("never matched: nothing to delete either").isEmpty();

        change(ORDERS, "u", "{\"id\":1}", "null", "{\"id\":1,\"customer_id\":null,\"status\":\"paid\",\"total\":\"1.00\","
                + "\"placed_at\":\"2026-11-21T10:00:00Z\"}");
        ViewRecord appeared = last(driver.drain(), "1");
        assertThat(appeared.op()).isEqualTo(Op.CREATE);

        change(ORDERS, "u", "{\"id\":1}", "null", "{\"id\":1,\"customer_id\":null,\"status\":\"cancelled\",\"total\":\"1.00\","
                + "\"placed_at\":\"2026-11-21T10:00:00Z\"}");
        ViewRecord left = last(driver.drain(), "1");
        assertThat(left.op()).isEqualTo(Op.DELETE);
        assertThat(left.version()).isGreaterThan(appeared.version());

        delete(ORDERS, "{\"id\":1}", "{\"id\":1}");
        assertThat(driver.drain()).as("already gone from the sinks").isEmpty();
    }

    @Test
    void versionsGrowEvenWhenAnOlderChangeOfAnotherTableIsJoinedLater() throws Exception {
        start(plan(List.of(), false));
        long customerInserted = customer(7, "a@example.com", "A");
        order(1, 7L, "paid");
        ViewRecord first = last(driver.drain(), "1");
        // A customer change committed before the order's latest change, processed after it.
        lsn = customerInserted - 5; // the next change gets customerInserted + 5: after the insert, before the order
        change(CUSTOMERS, "u", "{\"id\":7}", "null", "{\"id\":7,\"email\":\"b@example.com\",\"name\":\"A\"}");

        ViewRecord second = last(driver.drain(), "1");
        assertThat(object(second.document().get("customer"))).containsEntry("email", "b@example.com");
        assertThat(second.version()).isGreaterThan(first.version());
    }

    @Test
    void replayedChangesAndChangesToColumnsTheViewDoesNotShowSendNothing() throws Exception {
        start(plan(List.of(new TransformSpec.Exclude(List.of("total"), SourceRef.UNKNOWN)), false));
        customer(7, "a@example.com", "A");
        order(1, 7L, "paid");
        driver.drain();
        String event = "{\"op\":\"c\",\"before\":null,\"after\":{\"id\":7,\"email\":\"a@example.com\",\"name\":\"A\"},"
                + "\"source\":{\"lsn\":1,\"ts_ms\":1}}";
        driver.changes(CUSTOMERS).pipeInput("{\"id\":7}", event); // an old event delivered again
        change(ORDERS, "u", "{\"id\":1}", "null", "{\"id\":1,\"customer_id\":7,\"status\":\"paid\",\"total\":\"99.00\","
                + "\"placed_at\":\"2026-11-21T10:00:00.123456Z\"}"); // only the excluded column changed

        assertThat(driver.drain()).isEmpty();
        assertThat(metrics.stale()).isEqualTo(1);
        assertThat(metrics.unchanged()).isEqualTo(1);
        ViewCounters orders = metrics.view("orders");
        assertThat(orders.recordsIn()).as("the view's changes of both its tables").isEqualTo(4);
        assertThat(orders.stale()).isEqualTo(1);
        assertThat(orders.unchanged()).isEqualTo(1);
        assertThat(orders.documents()).isEqualTo(metrics.documents()).isPositive();
        assertThat(metrics.views()).containsOnlyKeys("orders");
    }

    @Test
    void transformsShapeTheJoinedDocument() throws Exception {
        start(plan(List.of(
                new TransformSpec.Hash(List.of("customer.email"), new Secret("salt"), SourceRef.UNKNOWN),
                new TransformSpec.Rename(Map.of("placed_at", "ordered_at"), SourceRef.UNKNOWN),
                new TransformSpec.Compute(List.of(new TransformSpec.ComputedField("label",
                        new Expr.Binary(Expr.BinaryOp.CONCAT, new Expr.Binary(Expr.BinaryOp.CONCAT,
                                new Expr.Call(Function.UPPER, List.of(field("status"))), new Expr.Literal(" ")),
                                field("customer", "name")), "…", SourceRef.UNKNOWN)),
                        SourceRef.UNKNOWN),
                new TransformSpec.Exclude(List.of("items.unit_price"), SourceRef.UNKNOWN)), false));
        customer(7, "ada@example.com", "Ada");
        order(1, 7L, "paid");
        item(1, 1, null, 2);

        ViewRecord doc = last(driver.drain(), "1");
        assertThat(object(doc.document().get("customer")).get("email")).isEqualTo(sha256("salt" + "ada@example.com"));
        assertThat(doc.document()).containsKey("ordered_at").doesNotContainKey("placed_at").containsEntry("label", "PAID Ada");
        assertThat(items(doc).get(0)).doesNotContainKey("unit_price").containsEntry("quantity", 2);
    }

    @Test
    void flatFactsCarryTheirParentsFieldsAndComputedValues() throws Exception {
        ViewSpec facts = new ViewSpec("order_items", ITEMS, List.of(), List.of(
                new JoinSpec("order", JoinKind.ONE, ORDERS, List.of(new JoinSpec.JoinColumn("order_id", "id")),
                        List.of("customer_id", "status"), List.of(), false, List.of(ShopFixture.customerJoin(false)),
                        SourceRef.UNKNOWN),
                ShopFixture.productJoin()), List.of(
                new TransformSpec.Flatten(List.of("order", "product"), SourceRef.UNKNOWN),
                new TransformSpec.Compute(List.of(new TransformSpec.ComputedField("line_total",
                        new Expr.Binary(Expr.BinaryOp.MULTIPLY, field("quantity"), field("unit_price")), "…",
                        SourceRef.UNKNOWN)), SourceRef.UNKNOWN),
                new TransformSpec.Mask(List.of("order_customer"), "****", SourceRef.UNKNOWN),
                new TransformSpec.Include(List.of("line_no", "order_status", "order_customer", "product_name", "line_total"),
                        SourceRef.UNKNOWN)), SourceRef.UNKNOWN);
        start(ViewPlanner.plan(List.of(facts), ShopFixture.TABLES, "shop").get(0));
        assertThat(driver.schema().fields()).extracting(ViewField::name)
                .containsExactly("order_id", "line_no", "order_status", "order_customer", "product_name", "line_total");
        assertThat(driver.schema().field("line_total").orElseThrow().type().kind()).isEqualTo(FieldKind.DECIMAL);
        assertThat(driver.schema().field("order_customer").orElseThrow().type().kind()).isEqualTo(FieldKind.STRING);

        item(1, 1, P1, 3);
        ViewRecord orphan = last(driver.drain(), "[\"1\",\"1\"]");
        assertThat(orphan.document()).containsEntry("order_status", null).containsEntry("product_name", null)
                .containsEntry("order_customer", null).containsEntry("line_total", new BigDecimal("7.50"));

        customer(7, "a@example.com", "A");
        order(1, 7L, "paid");
        product(P1, "SKU-1", "Lamp");
        ViewRecord fact = last(driver.drain(), "[\"1\",\"1\"]");
        assertThat(fact.document()).containsEntry("order_status", "paid").containsEntry("product_name", "Lamp")
                .containsEntry("order_customer", "****");

        delete(ITEMS, "{\"order_id\":1,\"line_no\":1}", "{\"order_id\":1,\"line_no\":1}");
        assertThat(last(driver.drain(), "[\"1\",\"1\"]").op()).isEqualTo(Op.DELETE);
    }

    @Test
    void onlyJoinResultsThatAnotherJoinReadsAreLoggedToKafka() throws Exception {
        // order_items joined to its order (with the order's customer nested), then to its product: the
        // product join's output goes only to the documents, so its store has no changelog.
        startFacts();
        customer(7, "a@example.com", "A");
        order(1, 7L, "paid");
        product(P1, "SKU-1", "Lamp");
        item(1, 1, P1, 3);
        assertThat(last(driver.drain(), "[\"1\",\"1\"]").document()).containsKey("product");

        String prefix = "view-topology-test-view-order_items-";
        assertThat(driver.producedTopics())
                .contains(prefix + "order-customer-joined-changelog", prefix + "order-joined-changelog",
                        prefix + "product-subscription-store-changelog")
                .doesNotContain(prefix + "product-joined-changelog");
    }

    @Test
    void aDeleteReachesTheDocumentsWhenTheLastJoinsUnloggedStoreLostTheRow() throws Exception {
        startFacts();
        order(1, null, "paid");
        product(P1, "SKU-1", "Lamp");
        item(1, 1, P1, 3);
        assertThat(last(driver.drain(), "[\"1\",\"1\"]").op()).isNotEqualTo(Op.DELETE);
        // What a restart after a crash, or another worker taking the task over, finds: no changelog to restore from.
        driver.store("view-order_items-product-joined").delete("[\"1\",\"1\"]");
        driver.commit();
        driver.drain();

        delete(ITEMS, "{\"order_id\":1,\"line_no\":1}", "{\"order_id\":1,\"line_no\":1}");
        assertThat(last(driver.drain(), "[\"1\",\"1\"]").op()).isEqualTo(Op.DELETE);
    }

    /** order_items joined to its order (and the order's customer), then to its product; caches on, as in the daemon. */
    private void startFacts() throws InvalidPipelineException {
        ViewSpec facts = new ViewSpec("order_items", ITEMS, List.of(), List.of(
                new JoinSpec("order", JoinKind.ONE, ORDERS, List.of(new JoinSpec.JoinColumn("order_id", "id")),
                        List.of("status"), List.of(), false, List.of(ShopFixture.customerJoin(false)), SourceRef.UNKNOWN),
                ShopFixture.productJoin()), List.of(), SourceRef.UNKNOWN);
        driver = ViewTopologyDriver.of(ViewPlanner.plan(List.of(facts), ShopFixture.TABLES, "shop").get(0))
                .metrics(metrics).start();
    }

    @Test
    void joinedTablesKeepOnlyTheColumnsTheirJoinsUse() throws Exception {
        ViewPlan plan = plan(List.of(), false);
        var items = plan.joins().get(1);
        assertThat(plan.root().complete()).isTrue();
        assertThat(items.source().schema().fields()).extracting(ViewField::name)
                .containsExactly("order_id", "line_no", "product_id", "quantity", "unit_price");
        assertThat(items.joins().get(0).source().schema().fields()).extracting(ViewField::name)
                .as("price is in no view").containsExactly("id", "sku", "name");
        assertThat(plan.joins().get(0).source().complete()).isFalse();
    }

    @Test
    void columnsTheSourceDoesNotHaveAreProblemsAtTheirPlaceInTheFile() {
        SourceRef joinAt = new SourceRef("shop.yaml", 12, 9, "views[0].joins[0]");
        SourceRef computeAt = new SourceRef("shop.yaml", 30, 11, "views[0].transforms[0].compute.x");
        ViewSpec view = new ViewSpec("orders", ORDERS, List.of(), List.of(
                new JoinSpec("customer", JoinKind.ONE, CUSTOMERS, List.of(new JoinSpec.JoinColumn("customer", "id")),
                        List.of("nmae"), List.of(), false, List.of(), joinAt)), List.of(
                new TransformSpec.Compute(List.of(new TransformSpec.ComputedField("x",
                        new Expr.Binary(Expr.BinaryOp.ADD, field("totl"), new Expr.Literal(BigDecimal.ONE)), "totl + 1",
                        computeAt)), computeAt)), SourceRef.UNKNOWN);

        assertThatThrownBy(() -> ViewPlanner.plan(List.of(view), ShopFixture.TABLES, "shop"))
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .extracting(Object::toString).containsExactly(
                                "shop.yaml:12:9: views[0].joins[0].on: unknown column 'customer'"
                                        + " (columns: id, customer_id, status, total, placed_at)",
                                "shop.yaml:12:9: views[0].joins[0].fields: unknown column 'nmae' of public.customers"
                                        + " (columns: id, email, name)",
                                "shop.yaml:30:11: views[0].transforms[0].compute.x: unknown field 'totl'"
                                        + " (fields: id, customer_id, status, total, placed_at) in \"totl + 1\""));
    }

    private static Expr field(String... path) {
        return new Expr.Field(List.of(path));
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
