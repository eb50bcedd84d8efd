package io.syncline.processors;

import static io.syncline.processors.ShopFixture.CUSTOMERS;
import static io.syncline.processors.ShopFixture.ITEMS;
import static io.syncline.processors.ShopFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.InvalidPipelineException;
import io.syncline.config.SourceRef;
import io.syncline.config.TableName;
import io.syncline.config.TruncatePolicy;
import io.syncline.config.ViewSpec;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.plan.ViewPlanner;
import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A TRUNCATE through the real topology, by each view's onTruncate: direct and joined views, replays after it. */
class TruncateTopologyTest {
    private ViewTopologyDriver driver;
    private final ViewMetrics metrics = new ViewMetrics();

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    /** The view's topology with the view stage's dead-letter handlers, as the daemon runs it. */
    private void start(ViewSpec view) throws InvalidPipelineException {
        ViewPlan plan = ViewPlanner.plan(List.of(view), ShopFixture.TABLES, "shop").get(0);
        driver = ViewTopologyDriver.of(plan).metrics(metrics).deadLetters().uncached().start();
    }

    private static ViewSpec ordersTable(TruncatePolicy policy) {
        return new ViewSpec("orders", ORDERS, List.of(), List.of(), List.of(), SourceRef.UNKNOWN, policy);
    }

    private static ViewSpec joinedOrders(TruncatePolicy policy) {
        ViewSpec joined = ShopFixture.ordersView(List.of(), false);
        return new ViewSpec(joined.name(), joined.table(), joined.key(), joined.joins(), joined.transforms(), joined.where(),
                policy);
    }

    @Test
    void propagateDeletesEveryLiveRowWithAVersionAboveItsLastAndStaysDeletedAgainstReplays() throws Exception {
        start(ordersTable(TruncatePolicy.PROPAGATE));
        order(1, null, 1000);
        order(2, null, 1010);
        delete(ORDERS, "{\"id\":2}", "{\"id\":2}", 1020);
        // Read by a snapshot just below the truncate, then changed twice by a transaction that committed
        // after the snapshot point: versions 1999, 2000, 2001, above the truncate's LSN.
        change(ORDERS, "{\"id\":3}", "r", "null", "{\"id\":3,\"customer_id\":null,\"status\":\"paid\",\"total\":\"1.00\","
                + "\"placed_at\":\"2026-11-21T10:00:00.123456Z\"}", 1999, "true");
        order(3, null, 1030);
        order(3, null, 1040);
        driver.drain();

        truncate(ORDERS, 2000);

        List<ViewRecord> deletes = driver.drain();
        assertThat(deletes).extracting(ViewRecord::id).containsExactlyInAnyOrder("1", "3");
        assertThat(deletes).allSatisfy(d -> assertThat(d.op()).isEqualTo(Op.DELETE));
        assertThat(deletes).filteredOn(d -> d.id().equals("1")).extracting(ViewRecord::version).containsExactly(2000L);
        assertThat(deletes).filteredOn(d -> d.id().equals("3")).extracting(ViewRecord::version).containsExactly(2002L);
        assertThat(metrics.truncates()).isEqualTo(1);
        assertThat(metrics.deletes()).as("the delete of 2, then the truncate's two").isEqualTo(3);

        order(1, null, 2100); // inserted again after the truncate, same key
        order(4, null, 1500); // replayed from before the truncate, for a row the store never had
        order(3, null, 1900); // replayed from before the truncate
        truncate(ORDERS, 2000); // the truncate delivered again

        List<ViewRecord> after = driver.drain();
        assertThat(after).extracting(ViewRecord::id, ViewRecord::op).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", Op.CREATE));
        assertThat(after.get(0).version()).isEqualTo(2100L);
        assertThat(metrics.stale()).isEqualTo(3);
    }

    @Test
    void ignoreDeletesNothingAndCountsIt() throws Exception {
        start(ordersTable(TruncatePolicy.IGNORE));
        order(1, null, 1000);
        driver.drain();

        truncate(ORDERS, 2000);
        order(2, null, 2100);

        assertThat(driver.drain()).extracting(ViewRecord::id, ViewRecord::op).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2", Op.CREATE));
        assertThat(metrics.truncatesIgnored()).isEqualTo(1);
        assertThat(metrics.truncates()).isZero();
    }

    @Test
    void failStopsTheViewStageWithWhatToDoAndIsNeverDeadLettered() throws Exception {
        start(joinedOrders(TruncatePolicy.FAIL));
        order(1, null, 1000);
        driver.drain();

        assertThatThrownBy(() -> truncate(ITEMS, 2000))
                .rootCause()
                .hasMessageContaining("TRUNCATE of public.order_items at generation 0, streamed, LSN 0/7D0 reached view(s) orders,"
                        + " whose onTruncate is fail")
                .hasMessageContaining("set onTruncate of these views to propagate");
        assertThat(driver.deadLetters().isEmpty()).isTrue();
        assertThat(metrics.deadLettered()).isZero();
        assertThat(driver.view().isEmpty()).isTrue();
    }

    @Test
    void aTruncatedChildTableEmptiesItsParentsListsAndATruncatedParentTableEmptiesTheJoinedObjects() throws Exception {
        start(joinedOrders(TruncatePolicy.PROPAGATE));
        customer(7, 1000);
        order(1, 7L, 1010);
        order(2, 7L, 1020);
        item(1, 1, 1030);
        item(1, 2, 1040);
        item(2, 1, 1050);
        Map<String, ViewRecord> before = latest(driver.drain());

        truncate(ITEMS, 2000);

        Map<String, ViewRecord> orders = latest(driver.drain());
        assertThat(orders.keySet()).containsExactlyInAnyOrder("1", "2");
        assertThat(orders.values()).allSatisfy(order -> {
            assertThat(order.document().get("items")).isEqualTo(List.of());
            assertThat(order.version()).isGreaterThan(before.get(order.id()).version());
        });

        truncate(CUSTOMERS, 2100);

        assertThat(latest(driver.drain()).values()).hasSize(2).allSatisfy(order -> assertThat(order.document().get("customer")).isNull());
    }

    @Test
    void aTruncatedRootTableDeletesTheJoinedDocuments() throws Exception {
        start(joinedOrders(TruncatePolicy.PROPAGATE));
        order(1, null, 1000);
        order(2, null, 1010);
        item(1, 1, 1020);
        driver.drain();

        truncate(ORDERS, 2000);

        Map<String, ViewRecord> orders = latest(driver.drain());
        assertThat(orders.keySet()).containsExactlyInAnyOrder("1", "2");
        assertThat(orders.values()).allSatisfy(order -> assertThat(order.op()).isEqualTo(Op.DELETE));

        item(1, 2, 2050); // the items table was not truncated: order 1 comes back with both items once it exists again
        order(1, null, 2100);
        ViewRecord back = latest(driver.drain()).get("1");
        assertThat(back.op()).isEqualTo(Op.CREATE);
        assertThat((List<?>) back.document().get("items")).hasSize(2);
    }

    @Test
    void viewsThatShareATablesRowsMustAgreeOnOnTruncate() {
        ViewSpec facts = new ViewSpec("facts", ITEMS, List.of(), List.of(ShopFixture.productJoin()), List.of(),
                SourceRef.UNKNOWN, TruncatePolicy.IGNORE);

        assertThatThrownBy(() -> ViewPlanner.plan(List.of(joinedOrders(TruncatePolicy.PROPAGATE), facts),
                ShopFixture.TABLES, "shop"))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("onTruncate ignore differs from view orders's (propagate), and both read the rows of"
                        + " public.order_items (one shared table of rows, keyed by order_id, line_no): give them the same onTruncate");
        // A direct view keeps its own rows: any policy goes with any other.
        ViewSpec direct = new ViewSpec("items", ITEMS, List.of(), List.of(), List.of(), SourceRef.UNKNOWN, TruncatePolicy.FAIL);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ViewPlanner.plan(
                List.of(joinedOrders(TruncatePolicy.PROPAGATE), direct), ShopFixture.TABLES, "shop"))).isNull();
    }

    // --- source changes -------------------------------------------------------------------------

    private void change(TableName table, String key, String op, String before, String after, long lsn) {
        change(table, key, op, before, after, lsn, "false");
    }

    private void change(TableName table, String key, String op, String before, String after, long lsn, String snapshot) {
        driver.changes(table).pipeInput(key, "{\"op\":\"" + op + "\",\"before\":" + before + ",\"after\":" + after
                + ",\"source\":{\"lsn\":" + lsn + ",\"snapshot\":\"" + snapshot + "\",\"ts_ms\":1700000000000}}");
    }

    private void truncate(TableName table, long lsn) {
        change(table, null, "t", "null", "null", lsn);
    }

    private void delete(TableName table, String key, String before, long lsn) {
        change(table, key, "d", before, "null", lsn);
    }

    private void customer(long id, long lsn) {
        change(CUSTOMERS, "{\"id\":" + id + "}", "c", "null", "{\"id\":" + id + ",\"email\":\"c" + id
                + "@example.com\",\"name\":\"C" + id + "\"}", lsn);
    }

    private void order(long id, Long customer, long lsn) {
        change(ORDERS, "{\"id\":" + id + "}", "c", "null", "{\"id\":" + id + ",\"customer_id\":" + customer
                + ",\"status\":\"paid\",\"total\":\"12.30\",\"placed_at\":\"2026-11-21T10:00:00.123456Z\"}", lsn);
    }

    private void item(long order, int line, long lsn) {
        change(ITEMS, "{\"order_id\":" + order + ",\"line_no\":" + line + "}", "c", "null", "{\"order_id\":" + order
                + ",\"line_no\":" + line + ",\"product_id\":null,\"quantity\":1,\"unit_price\":\"2.50\"}", lsn);
    }

    // --- what the view topic holds --------------------------------------------------------------

    private static Map<String, ViewRecord> latest(List<ViewRecord> records) {
        Map<String, ViewRecord> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.id(), record));
        return latest;
    }
}
