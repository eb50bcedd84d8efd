package io.syncline.processors;

import static io.syncline.processors.ShopFixture.CUSTOMERS;
import static io.syncline.processors.ShopFixture.ITEMS;
import static io.syncline.processors.ShopFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.TableName;
import io.syncline.processors.errors.ViewDeadLetters;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.plan.ViewPlanner;
import io.syncline.view.DeadLetterHeaders;
import io.syncline.view.RecordSizes;
import io.syncline.view.ViewRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A record a view processor cannot handle goes to the view stage's dead-letter topic; every other record flows on. */
class ViewDeadLetterTest {
    private ViewTopologyDriver driver;
    private final ViewMetrics metrics = new ViewMetrics();
    private final FakeSourceRows source = new FakeSourceRows();
    private long lsn = 1000;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(ViewSpecKind kind) throws Exception {
        ViewPlan plan = ViewPlanner.plan(List.of(kind == ViewSpecKind.JOINED ? ShopFixture.ordersView(List.of(), false)
                : new io.syncline.config.ViewSpec("orders", ORDERS, List.of(), List.of(), List.of(),
                io.syncline.config.SourceRef.UNKNOWN)), ShopFixture.TABLES, "shop").get(0);
        driver = ViewTopologyDriver.of(plan).metrics(metrics).sourceRows(source).deadLetters().start();
    }

    private enum ViewSpecKind { DIRECT, JOINED }

    private void raw(TableName table, String key, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("origin", "test".getBytes(StandardCharsets.UTF_8));
        driver.changes(table).pipeInput(new TestRecord<>(key, value, headers));
    }

    private String envelope(String after) {
        lsn += 10;
        return "{\"op\":\"c\",\"before\":null,\"after\":" + after + ",\"source\":{\"lsn\":" + lsn + ",\"ts_ms\":1700000000000}}";
    }

    private String order(long id, String total) {
        return envelope("{\"id\":" + id + ",\"customer_id\":null,\"status\":\"new\",\"total\":" + total
                + ",\"placed_at\":\"2026-11-21T10:00:00.123456Z\"}");
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aPoisonedRecordIsDeadLetteredWithItsCoordinatesAndTheSameAndOtherKeysFlowOn() throws Exception {
        start(ViewSpecKind.DIRECT);
        raw(ORDERS, "{\"id\":1}", order(1, "\"1.00\""));
        raw(ORDERS, "{\"id\":1}", "not json");                          // offset 1
        raw(ORDERS, "{\"id\":2}", order(2, "\"NaN\""));                 // offset 2: numeric NaN
        raw(ORDERS, "{\"id\":3}", order(3, "\"3.00\"").replace("\"status\":\"new\"", "\"status\":\"new\"")
                .replace("\"customer_id\":null", "\"customer_id\":\"abc\"")); // offset 3: text in an int8 column
        raw(ORDERS, "{\"id\":1}", order(1, "\"1.50\""));
        raw(ORDERS, "{\"id\":2}", order(2, "\"2.00\""));

        List<ViewRecord> documents = driver.drain();
        assertThat(documents).extracting(ViewRecord::id).containsExactly("1", "1", "2");
        assertThat(documents.get(1).document().get("total")).hasToString("1.50");

        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(3);
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.OFFSET)).containsExactly("1", "2", "3");
        TestRecord<byte[], byte[]> notJson = dead.get(0);
        assertThat(text(notJson.key())).isEqualTo("{\"id\":1}");
        assertThat(text(notJson.value())).isEqualTo("not json");
        assertThat(header(notJson, "origin")).isEqualTo("test");
        assertThat(header(notJson, DeadLetterHeaders.TOPIC)).isEqualTo("shop.public.orders");
        assertThat(header(notJson, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(notJson, DeadLetterHeaders.EXCEPTION)).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(header(notJson, DeadLetterHeaders.CAUSE)).isEqualTo("change event is not JSON");
        assertThat(header(notJson, DeadLetterHeaders.PROCESSOR)).isEqualTo("view-orders-state-process");
        assertThat(header(notJson, DeadLetterHeaders.VIEW)).isEqualTo("orders");
        assertThat(header(notJson, DeadLetterHeaders.KEY)).isEqualTo("{\"id\":1}");
        assertThat(header(notJson, DeadLetterHeaders.TIMESTAMP)).isNotNull();
        assertThat(header(notJson, DeadLetterHeaders.SINK)).isNull();
        assertThat(header(dead.get(1), DeadLetterHeaders.EXCEPTION)).isEqualTo(NumberFormatException.class.getName());
        assertThat(text(dead.get(1).value())).contains("\"NaN\"");
        assertThat(header(dead.get(2), DeadLetterHeaders.CAUSE)).contains("int64").contains("not an integer");

        assertThat(metrics.deadLettered()).isEqualTo(3);
        assertThat(metrics.deadLetteredByProcessor()).containsEntry("view-orders-state-process", 3L);
        assertThat(metrics.view("orders").deadLettered()).isEqualTo(3);
        assertThat(metrics.view("orders").recordsIn()).isEqualTo(metrics.changesIn());
    }

    @Test
    void aPoisonedRowOfAJoinedTableIsDeadLetteredAndTheJoinedDocumentsStillComplete() throws Exception {
        start(ViewSpecKind.JOINED);
        raw(CUSTOMERS, "{\"id\":5}", "{\"op\":");
        raw(CUSTOMERS, "{\"id\":5}", envelope("{\"id\":5,\"email\":\"a@example.com\",\"name\":\"Ann\"}"));
        raw(ORDERS, "{\"id\":1}", order(1, "\"1.00\"").replace("\"customer_id\":null", "\"customer_id\":5"));
        raw(ITEMS, "{\"order_id\":1,\"line_no\":1}", envelope(
                "{\"order_id\":1,\"line_no\":1,\"product_id\":null,\"quantity\":2,\"unit_price\":\"NaN\"}"));
        raw(ITEMS, "{\"order_id\":1,\"line_no\":2}", envelope(
                "{\"order_id\":1,\"line_no\":2,\"product_id\":null,\"quantity\":3,\"unit_price\":\"2.50\"}"));

        ViewRecord last = driver.drain().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.id()).isEqualTo("1");
        assertThat(((Map<?, ?>) last.document().get("customer")).get("name")).isEqualTo("Ann");
        assertThat((List<?>) last.document().get("items")).hasSize(1);

        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters().readRecordsToList();
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.TOPIC))
                .containsExactly("shop.public.customers", "shop.public.order_items");
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.PROCESSOR))
                .containsExactly("rows-public.customers-by-id-state-process",
                        "rows-public.order_items-by-order_id-line_no-state-process");
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.VIEW)).containsOnly("orders");
    }

    @Test
    void aChangeWhoseLeftOutValueTheSourceCannotGiveIsDeadLetteredWithTheCauseAndTheNextFlows() throws Exception {
        start(ViewSpecKind.DIRECT);
        source.failWith(new IllegalStateException("re-reading 1 TOASTed column(s) of public.orders from the source"
                + " failed after 3 attempt(s): Connection refused"));
        raw(ORDERS, "{\"id\":1}", order(1, "\"1.00\"").replace("\"op\":\"c\"", "\"op\":\"u\"")
                .replace("\"status\":\"new\"", "\"status\":\"" + DebeziumValues.UNAVAILABLE + "\""));
        raw(ORDERS, "{\"id\":2}", order(2, "\"2.00\""));

        assertThat(driver.drain()).extracting(ViewRecord::id).containsExactly("2");
        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetterHeaders.CAUSE)).contains("from the source failed").contains("Connection refused");
        assertThat(header(dead.get(0), DeadLetterHeaders.KEY)).isEqualTo("{\"id\":1}");
    }

    @Test
    void aRowBeyondTheMaximumRecordSizeIsDeadLetteredWithItsSizeAndTheNextChangeFlows() throws Exception {
        start(ViewSpecKind.DIRECT);
        String huge = "x".repeat(RecordSizes.MAX_RECORD_BYTES);
        raw(ORDERS, "{\"id\":1}", order(1, "\"1.00\"").replace("\"status\":\"new\"", "\"status\":\"" + huge + "\""));
        raw(ORDERS, "{\"id\":1}", order(1, "\"2.00\""));

        assertThat(driver.drain()).extracting(r -> r.document().get("total").toString()).containsExactly("2.00");
        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetterHeaders.CAUSE)).startsWith("row 1 (view-orders) is ")
                .contains("beyond the view stage's limit of " + RecordSizes.MAX_VIEW_VALUE_BYTES + " bytes");
        assertThat(header(dead.get(0), DeadLetterHeaders.OFFSET)).isEqualTo("0");
        // The change event as read would not fit in a dead letter either: left out, and the cause says so.
        assertThat(dead.get(0).value()).isNull();
        assertThat(header(dead.get(0), DeadLetterHeaders.CAUSE)).endsWith("bytes, is left out of this dead letter)");
        assertThat(text(dead.get(0).key())).isEqualTo("{\"id\":1}");
    }

    @Test
    void aJoinedDocumentBeyondTheMaximumIsDeadLetteredThoughEachRowFits() throws Exception {
        start(ViewSpecKind.JOINED);
        String half = "y".repeat(RecordSizes.MAX_RECORD_BYTES / 2 + 1024);
        raw(CUSTOMERS, "{\"id\":5}", envelope("{\"id\":5,\"email\":\"a@example.com\",\"name\":\"" + half + "\"}"));
        raw(ORDERS, "{\"id\":1}", order(1, "\"1.00\"").replace("\"customer_id\":null", "\"customer_id\":5")
                .replace("\"status\":\"new\"", "\"status\":\"" + half + "\""));
        raw(CUSTOMERS, "{\"id\":5}", envelope("{\"id\":5,\"email\":\"a@example.com\",\"name\":\"Ann\"}"));

        ViewRecord last = driver.drain().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(((Map<?, ?>) last.document().get("customer")).get("name")).isEqualTo("Ann");
        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters().readRecordsToList();
        assertThat(dead).isNotEmpty();
        assertThat(dead).allSatisfy(r -> assertThat(header(r, DeadLetterHeaders.CAUSE))
                .contains("a joined record is ").contains("beyond the view stage's limit"));
        assertThat(dead).allSatisfy(r -> assertThat(header(r, DeadLetterHeaders.VIEW)).isEqualTo("orders"));
    }

    @Test
    void theHandlerAlsoCoversGlobalTablesSoKafkaStreamsDoesNotWarnAboutItAtEveryStart() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letters");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        new ViewDeadLetters("shop.dlq.views", new ViewMetrics(), new ProcessorViews()).configure(props);
        StreamsConfig config = new StreamsConfig(props);

        assertThat(config.getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isTrue();
        // The partition assignor builds its own StreamsConfig from the main consumer's configuration.
        assertThat(new StreamsConfig(config.getMainConsumerConfigs("group", "client", 0))
                .getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isTrue();
    }
}
