package io.syncline.processors;

import static io.syncline.processors.ShopFixture.CUSTOMERS;
import static io.syncline.processors.ShopFixture.ITEMS;
import static io.syncline.processors.ShopFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.syncline.config.SourceRef;
import io.syncline.config.TableName;
import io.syncline.config.TruncatePolicy;
import io.syncline.config.ViewSpec;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.plan.ViewPlanner;
import io.syncline.view.Op;
import io.syncline.view.SnapshotSweeps;
import io.syncline.view.ViewRecord;
import io.syncline.view.Versions;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Capture's sweep marker through the real topology: after a new generation's snapshot, rows of
 * older generations the snapshot did not read are deleted, in direct and joined views.
 */
class SnapshotSweepTopologyTest {
    private ViewTopologyDriver driver;
    private final ViewMetrics metrics = new ViewMetrics();

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(ViewSpec view) throws Exception {
        ViewPlan plan = ViewPlanner.plan(List.of(view), ShopFixture.TABLES, "shop").get(0);
        driver = ViewTopologyDriver.of(plan).metrics(metrics).deadLetters().uncached().start();
    }

    @Test
    void deletesTheRowsOfOlderGenerationsTheNewSnapshotDidNotReadOnceAndDropsOlderChangesAfterIt() throws Exception {
        start(new ViewSpec("orders", ORDERS, List.of(), List.of(), List.of(), SourceRef.UNKNOWN, TruncatePolicy.PROPAGATE));
        order(0, 1, 1000, false);
        order(0, 2, 1010, false);
        order(0, 3, 1020, false);
        Map<String, ViewRecord> before = latest(driver.drain());

        // The slot was lost; rows 2 and 3 were deleted meanwhile. Generation 1's snapshot reads row 1 at a
        // lower LSN (the source was rebuilt) and a new row 4; then the marker, then a streamed insert.
        order(1, 1, 500, true);
        order(1, 4, 500, true);
        sweep(1, 600);
        order(1, 5, 700, false);

        List<ViewRecord> records = driver.drain();
        assertThat(records).extracting(ViewRecord::id, ViewRecord::op).containsExactly(
                tuple("1", Op.READ), tuple("4", Op.READ), tuple("2", Op.DELETE), tuple("3", Op.DELETE),
                tuple("5", Op.CREATE));
        assertThat(records.get(2).version()).isEqualTo(Versions.of(1, 600)).isGreaterThan(before.get("2").version());
        assertThat(metrics.swept()).isEqualTo(2);

        sweep(1, 600); // every capture start sends it again until done
        order(0, 2, 1030, false); // a change of the old generation, replayed after the sweep
        order(0, 6, 1040, false); // ... for a row the store never had
        assertThat(driver.drain()).isEmpty();
        assertThat(metrics.swept()).isEqualTo(2);
        assertThat(metrics.stale()).isEqualTo(3);
    }

    @Test
    void inAJoinedViewAChildRowGoneLeavesItsParentsListAndAParentRowGoneDeletesItsDocument() throws Exception {
        ViewSpec joined = ShopFixture.ordersView(List.of(), false);
        start(joined);
        order(0, 1, 1000, false);
        order(0, 2, 1010, false);
        item(0, 1, 1, 1020, false);
        item(0, 1, 2, 1030, false);
        driver.drain();

        // Generation 1's snapshot: order 2 and item (1, 2) are gone.
        order(1, 1, 500, true);
        item(1, 1, 1, 500, true);
        for (TableName table : List.of(CUSTOMERS, ORDERS, ITEMS)) {
            sweep(table, 1, 600);
        }

        Map<String, ViewRecord> orders = latest(driver.drain());
        assertThat(orders.get("2").op()).isEqualTo(Op.DELETE);
        assertThat(orders.get("1").op()).isNotEqualTo(Op.DELETE);
        assertThat((List<?>) orders.get("1").document().get("items")).hasSize(1);
    }

    // --- source changes -------------------------------------------------------------------------

    private void change(TableName table, int generation, String key, String op, String after, long lsn, boolean snapshot) {
        String value = "{\"op\":\"" + op + "\",\"before\":null,\"after\":" + after + ",\"source\":{\"lsn\":" + lsn
                + ",\"snapshot\":\"" + snapshot + "\",\"ts_ms\":1700000000000}}";
        pipe(table, generation, key, value);
    }

    private void pipe(TableName table, int generation, String key, String value) {
        Headers headers = new RecordHeaders().add(Versions.GENERATION_HEADER, Versions.generationHeader(generation));
        driver.changes(table).pipeInput(new TestRecord<>(key, value, headers));
    }

    private void sweep(int generation, long lsn) {
        sweep(ORDERS, generation, lsn);
    }

    private void sweep(TableName table, int generation, long lsn) {
        pipe(table, generation, null, new String(SnapshotSweeps.marker(lsn, 1700000000000L), StandardCharsets.UTF_8));
    }

    private void order(int generation, long id, long lsn, boolean snapshot) {
        change(ORDERS, generation, "{\"id\":" + id + "}", snapshot ? "r" : "c", "{\"id\":" + id + ",\"customer_id\":null"
                + ",\"status\":\"paid\",\"total\":\"12.30\",\"placed_at\":\"2026-11-21T10:00:00.123456Z\"}", lsn, snapshot);
    }

    private void item(int generation, long order, int line, long lsn, boolean snapshot) {
        change(ITEMS, generation, "{\"order_id\":" + order + ",\"line_no\":" + line + "}", snapshot ? "r" : "c",
                "{\"order_id\":" + order + ",\"line_no\":" + line + ",\"product_id\":null,\"quantity\":1,"
                        + "\"unit_price\":\"2.50\"}", lsn, snapshot);
    }

    // --- what the view topic holds --------------------------------------------------------------

    private static Map<String, ViewRecord> latest(List<ViewRecord> records) {
        Map<String, ViewRecord> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.id(), record));
        return latest;
    }
}
