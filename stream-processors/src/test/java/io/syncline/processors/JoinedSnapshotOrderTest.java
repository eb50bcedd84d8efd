package io.syncline.processors;

import static io.syncline.processors.ShopFixture.CUSTOMERS;
import static io.syncline.processors.ShopFixture.ITEMS;
import static io.syncline.processors.ShopFixture.ORDERS;
import static io.syncline.processors.ShopFixture.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.TableName;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.plan.ViewPlanner;
import io.syncline.view.ViewRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot's rows of four tables in random order through the shop's orders view, with the record
 * caches off, small enough to evict, and as the daemon sizes them: every order ends with its customer
 * and all its items, each with its product. The other join tests run uncached. TopologyTestDriver
 * commits after every input record, so the caches here never hold entries across records; the lost
 * child that cached stores caused across commits is checked on real servers by benchmark J4.
 */
class JoinedSnapshotOrderTest {
    private static final int CUSTOMERS_COUNT = 40;
    private static final int PRODUCTS_COUNT = 20;
    private static final int ORDERS_COUNT = 400;

    private long lsn = 1000;

    @ParameterizedTest
    @ValueSource(longs = {0, 16_384, 10L * 1024 * 1024})
    void everyOrderEndsCompleteWhateverTheArrivalOrderAndCacheSize(long cacheBytes) throws Exception {
        ViewPlan plan = ViewPlanner.plan(List.of(ShopFixture.ordersView(List.of(), false)), ShopFixture.TABLES, "shop").get(0);
        Random random = new Random(cacheBytes + 7);
        List<String> products = new ArrayList<>();
        List<Runnable> rows = new ArrayList<>();
        Map<String, TreeSet<Integer>> expectedLines = new TreeMap<>();
        try (ViewTopologyDriver driver = ViewTopologyDriver.of(plan).cacheBytes(cacheBytes).start()) {
            for (int c = 1; c <= CUSTOMERS_COUNT; c++) {
                long id = c;
                rows.add(() -> change(driver, CUSTOMERS, "{\"id\":" + id + "}",
                        "{\"id\":" + id + ",\"email\":\"c" + id + "@example.com\",\"name\":\"C" + id + "\"}"));
            }
            for (int p = 1; p <= PRODUCTS_COUNT; p++) {
                String id = new UUID(p, p).toString();
                products.add(id);
                rows.add(() -> change(driver, PRODUCTS, "{\"id\":\"" + id + "\"}",
                        "{\"id\":\"" + id + "\",\"sku\":\"SKU-" + id + "\",\"name\":\"P\",\"price\":\"9.99\"}"));
            }
            for (int o = 1; o <= ORDERS_COUNT; o++) {
                long id = o;
                long customer = 1 + random.nextInt(CUSTOMERS_COUNT);
                rows.add(() -> change(driver, ORDERS, "{\"id\":" + id + "}", "{\"id\":" + id + ",\"customer_id\":" + customer
                        + ",\"status\":\"paid\",\"total\":\"12.30\",\"placed_at\":\"2026-11-21T10:00:00Z\"}"));
                int lines = 1 + random.nextInt(5);
                for (int line = 1; line <= lines; line++) {
                    int lineNo = line;
                    String product = products.get(random.nextInt(PRODUCTS_COUNT));
                    expectedLines.computeIfAbsent(Long.toString(id), k -> new TreeSet<>()).add(lineNo);
                    rows.add(() -> change(driver, ITEMS, "{\"order_id\":" + id + ",\"line_no\":" + lineNo + "}",
                            "{\"order_id\":" + id + ",\"line_no\":" + lineNo + ",\"product_id\":\"" + product
                                    + "\",\"quantity\":1,\"unit_price\":\"2.50\"}"));
                }
            }
            Collections.shuffle(rows, random);
            Map<String, ViewRecord> documents = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).run();
                if (i % 50 == 49) {
                    driver.commit();
                }
            }
            driver.commit();
            driver.drain().forEach(record -> documents.put(record.id(), record));

            Map<String, TreeSet<Integer>> actualLines = new TreeMap<>();
            List<String> incomplete = new ArrayList<>();
            documents.forEach((id, record) -> {
                TreeSet<Integer> lines = new TreeSet<>();
                for (Map<String, Object> item : items(record)) {
                    lines.add(((Number) item.get("line_no")).intValue());
                    if (item.get("product") == null) {
                        incomplete.add(id + " item " + item.get("line_no") + " without its product");
                    }
                }
                if (record.document().get("customer") == null) {
                    incomplete.add(id + " without its customer");
                }
                actualLines.put(id, lines);
            });
            assertThat(actualLines).as("line numbers of each order's items").isEqualTo(expectedLines);
            assertThat(incomplete).isEmpty();
        }
    }

    private void change(ViewTopologyDriver driver, TableName table, String key, String after) {
        lsn += 10;
        driver.changes(table).pipeInput(key, "{\"op\":\"r\",\"before\":null,\"after\":" + after
                + ",\"source\":{\"lsn\":" + lsn + ",\"ts_ms\":" + (1_700_000_000_000L + lsn) + "}}");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(ViewRecord record) {
        return (List<Map<String, Object>>) record.document().get("items");
    }
}
