package io.syncline.processors;

import static io.syncline.processors.ShopFixture.CUSTOMERS;
import static io.syncline.processors.ShopFixture.ITEMS;
import static io.syncline.processors.ShopFixture.ORDERS;
import static io.syncline.processors.ShopFixture.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.SourceRef;
import io.syncline.config.TableName;
import io.syncline.config.TransformSpec;
import io.syncline.config.ViewSpec;
import io.syncline.config.expr.Expr;
import io.syncline.processors.plan.ViewPlanner;
import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code syncline backfill}: an incremental snapshot reads rows again at the stream's current
 * position. Every document such a read reaches is sent again, unchanged or not, at a higher version
 * (a backfill repairs sinks that lost or altered documents); ordinary changes that leave a joined or
 * transformed document as it was still send nothing, before and after a backfill.
 */
class BackfillRereadTopologyTest {
    private static final String P1 = "6f1c2b1e-8d3a-4f59-9a8e-0b1c2d3e4f50";
    private static final String INITIAL = "true";
    private static final String STREAMED = "false";
    private static final String BACKFILL = "incremental";

    private ViewTopologyDriver driver;
    private final ViewMetrics metrics = new ViewMetrics();
    private long lsn = 1000;
    /** The last version each document was sent with. */
    private final Map<String, Long> versions = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(ViewSpec view) throws Exception {
        driver = ViewTopologyDriver.of(ViewPlanner.plan(List.of(view), ShopFixture.TABLES, "shop").get(0))
                .metrics(metrics).uncached().start();
    }

    @Test
    void aPlainViewSendsABackfillReadOfAnUnchangedRowAgainAtAHigherVersion() throws Exception {
        start(new ViewSpec("orders", ORDERS, List.of(), List.of(), List.of(), SourceRef.UNKNOWN));
        order(1, 7L, "12.30", INITIAL);
        order(2, 7L, "12.30", INITIAL);
        order(1, 7L, "12.30", STREAMED);
        sent();

        long read = order(1, 7L, "12.30", BACKFILL);

        List<TestRecord<String, byte[]>> raw = driver.view().readRecordsToList();
        assertThat(raw).hasSize(1);
        ViewRecord record = driver.decode(raw.get(0));
        assertThat(record.id()).isEqualTo("1");
        assertThat(record.op()).isEqualTo(Op.READ);
        assertThat(record.version()).isEqualTo(read).isGreaterThan(versions.get("1"));
        assertThat(record.document()).containsEntry("status", "paid");
        assertThat(new String(raw.get(0).value(), StandardCharsets.UTF_8)).doesNotContain(Records.REREAD);
    }

    @Test
    void aTransformedViewSendsABackfillReadOfAnUnchangedRowAgainButNotAnOrdinaryUnchangedChange() throws Exception {
        start(new ViewSpec("orders", ORDERS, List.of(), List.of(),
                List.of(new TransformSpec.Exclude(List.of("total"), SourceRef.UNKNOWN)), SourceRef.UNKNOWN));
        order(1, 7L, "12.30", INITIAL);
        order(2, 7L, "12.30", INITIAL);
        sent();

        order(1, 7L, "99.00", STREAMED); // only the excluded column changed
        order(2, 7L, "12.30", INITIAL); // a snapshot taken again (not a backfill) reads it as it was
        assertThat(sent()).isEmpty();

        long read = order(1, 7L, "99.00", BACKFILL);
        List<TestRecord<String, byte[]>> raw = driver.view().readRecordsToList();
        assertThat(raw).hasSize(1);
        assertThat(new String(raw.get(0).value(), StandardCharsets.UTF_8)).doesNotContain(Records.REREAD);
        ViewRecord record = driver.decode(raw.get(0));
        assertThat(record.id()).isEqualTo("1");
        assertThat(record.op()).isEqualTo(Op.UPDATE);
        assertThat(record.version()).isGreaterThanOrEqualTo(read).isGreaterThan(versions.get("1"));
        assertThat(record.document()).containsEntry("status", "paid").doesNotContainKey("total");
        assertThat(metrics.backfillResent()).isEqualTo(1);

        order(1, 7L, "98.00", STREAMED);
        order(2, 7L, "98.00", STREAMED);
        assertThat(sent()).isEmpty();
    }

    @Test
    void aBackfillReadOfARowTheFilterLeavesOutDeletesItsDocumentEvenIfThisStageNeverSentIt() throws Exception {
        // As after reset --view: the filter is new, and the sinks may still hold the document from the old definition.
        start(new ViewSpec("orders", ORDERS, List.of(), List.of(), List.of(new TransformSpec.Filter(
                new Expr.Binary(Expr.BinaryOp.NE, new Expr.Field(List.of("status")), new Expr.Literal("cancelled")),
                "status != 'cancelled'", SourceRef.UNKNOWN)), SourceRef.UNKNOWN));
        order(1, 7L, "12.30", "cancelled", INITIAL);
        order(2, 7L, "12.30", INITIAL);
        assertThat(sent()).containsOnlyKeys("2");
        order(1, 7L, "13.30", "cancelled", STREAMED);
        assertThat(sent()).as("an ordinary change of a document never sent: nothing to delete").isEmpty();

        long read = order(1, 7L, "13.30", "cancelled", BACKFILL);
        Map<String, ViewRecord> deleted = sent();
        assertThat(deleted).containsOnlyKeys("1");
        assertThat(deleted.get("1").op()).isEqualTo(Op.DELETE);
        assertThat(deleted.get("1").version()).isGreaterThanOrEqualTo(read);

        order(1, 7L, "14.30", "cancelled", STREAMED);
        assertThat(sent()).as("deleted once; later changes leave it deleted").isEmpty();
    }

    @Test
    void aBackfilledCustomerRewritesItsOrdersOnceAndLaterChangesDoNotSendThemAgain() throws Exception {
        start(ShopFixture.ordersView(List.of(), false));
        snapshotOfTheShop();

        customer(7, "ada@example.com", "Ada", STREAMED); // a change to nothing the view shows (here: nothing at all)
        assertThat(sent()).isEmpty();

        Map<String, Long> before = Map.copyOf(versions);
        long read = customer(7, "ada@example.com", "Ada", BACKFILL);
        Map<String, ViewRecord> resent = sent();
        assertThat(resent).containsOnlyKeys("1", "2");
        resent.forEach((id, record) -> {
            assertThat(record.op()).isEqualTo(Op.UPDATE);
            assertThat(record.version()).as(id).isGreaterThanOrEqualTo(read).isGreaterThan(before.get(id));
            assertThat(((Map<?, ?>) record.document().get("customer")).get("name")).isEqualTo("Ada");
        });

        // The customer's KTable row still carries the read: joined again, it sends nothing.
        order(1, 7L, "12.30", STREAMED);
        order(3, 8L, "12.30", STREAMED);
        customer(8, "bob@example.com", "Bob", STREAMED);
        assertThat(sent()).isEmpty();
        // A change that shows still goes out, once.
        order(2, 7L, "13.00", STREAMED);
        assertThat(sent()).containsOnlyKeys("2");
    }

    @Test
    void aBackfilledOrderItemOrProductRewritesTheOrdersThatHoldThemAndABackfilledOrderItself() throws Exception {
        start(ShopFixture.ordersView(List.of(), false));
        snapshotOfTheShop();

        long read = item(1, 1, P1, 2, BACKFILL);
        Map<String, ViewRecord> resent = sent();
        assertThat(resent).containsOnlyKeys("1");
        assertThat(resent.get("1").version()).isGreaterThanOrEqualTo(read);

        read = product(P1, "SKU-1", "Lamp", BACKFILL); // in items of orders 1 and 3
        resent = sent();
        assertThat(resent).containsOnlyKeys("1", "3");
        long productRead = read;
        assertThat(resent.values()).allSatisfy(r -> assertThat(r.version()).isGreaterThanOrEqualTo(productRead));

        read = order(2, 7L, "12.30", BACKFILL);
        resent = sent();
        assertThat(resent).containsOnlyKeys("2");
        assertThat(resent.get("2").version()).isGreaterThanOrEqualTo(read);

        // Joined again with the reads still in the stores, nothing is sent again.
        order(1, 7L, "12.30", STREAMED);
        order(3, 8L, "12.30", STREAMED);
        customer(7, "ada@example.com", "Ada", STREAMED);
        assertThat(sent()).isEmpty();
        assertThat(metrics.backfillResent()).isEqualTo(4);
    }

    /** Customers 7 and 8, product P1; orders 1 and 2 of customer 7 and 3 of 8; items of P1 in orders 1 and 3. */
    private void snapshotOfTheShop() {
        customer(7, "ada@example.com", "Ada", INITIAL);
        customer(8, "bob@example.com", "Bob", INITIAL);
        product(P1, "SKU-1", "Lamp", INITIAL);
        order(1, 7L, "12.30", INITIAL);
        order(2, 7L, "12.30", INITIAL);
        order(3, 8L, "12.30", INITIAL);
        item(1, 1, P1, 2, INITIAL);
        item(3, 1, P1, 1, INITIAL);
        assertThat(sent()).containsOnlyKeys("1", "2", "3");
        // A streamed change and the same row read by a snapshot taken again: documents as they were.
        order(1, 7L, "12.30", STREAMED);
        customer(8, "bob@example.com", "Bob", INITIAL);
        assertThat(sent()).isEmpty();
    }

    // --- source changes -------------------------------------------------------------------------

    /** {@code snapshot}: Debezium's source.snapshot; a read unless streamed. */
    private long change(TableName table, String key, String after, String snapshot) {
        lsn += 10;
        String op = snapshot.equals(STREAMED) ? "u" : "r";
        driver.changes(table).pipeInput(key, "{\"op\":\"" + op + "\",\"before\":null,\"after\":" + after
                + ",\"source\":{\"lsn\":" + lsn + ",\"snapshot\":\"" + snapshot + "\",\"ts_ms\":"
                + (1_700_000_000_000L + lsn) + "}}");
        return lsn;
    }

    private long customer(long id, String email, String name, String snapshot) {
        return change(CUSTOMERS, "{\"id\":" + id + "}",
                "{\"id\":" + id + ",\"email\":\"" + email + "\",\"name\":\"" + name + "\"}", snapshot);
    }

    private long product(String id, String sku, String name, String snapshot) {
        return change(PRODUCTS, "{\"id\":\"" + id + "\"}",
                "{\"id\":\"" + id + "\",\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"price\":\"9.99\"}", snapshot);
    }

    private long order(long id, Long customer, String total, String snapshot) {
        return order(id, customer, total, "paid", snapshot);
    }

    private long order(long id, Long customer, String total, String status, String snapshot) {
        return change(ORDERS, "{\"id\":" + id + "}", "{\"id\":" + id + ",\"customer_id\":" + customer
                + ",\"status\":\"" + status + "\",\"total\":\"" + total + "\",\"placed_at\":\"2026-11-21T10:00:00.123456Z\"}", snapshot);
    }

    private long item(long order, int line, String product, int quantity, String snapshot) {
        return change(ITEMS, "{\"order_id\":" + order + ",\"line_no\":" + line + "}", "{\"order_id\":" + order
                + ",\"line_no\":" + line + ",\"product_id\":\"" + product + "\",\"quantity\":" + quantity
                + ",\"unit_price\":\"2.50\"}", snapshot);
    }

    // --- what the view topic holds --------------------------------------------------------------

    /** The documents sent since the last call, the last record of each; versions only grow. */
    private Map<String, ViewRecord> sent() {
        Map<String, ViewRecord> latest = new LinkedHashMap<>();
        for (ViewRecord record : driver.drain()) {
            Long earlier = versions.get(record.id());
            if (earlier != null) {
                assertThat(record.version()).as("version of " + record.id()).isGreaterThan(earlier);
            }
            versions.put(record.id(), record.version());
            latest.put(record.id(), record);
        }
        return latest;
    }
}
