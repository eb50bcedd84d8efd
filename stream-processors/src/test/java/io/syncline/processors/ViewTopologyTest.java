package io.syncline.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.TableName;
import io.syncline.config.TruncatePolicy;
import io.syncline.processors.plan.RowSource;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.transform.DocumentTransforms;
import io.syncline.view.ChangeHeaders;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ViewTopologyTest {
    private static final String CHANGES = "shop.public.products";
    private static final String VIEW = "shop.view.products";
    private static final ViewSchema SCHEMA = new ViewSchema("products", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("sku", FieldType.of(FieldKind.UUID, false, "uuid")),
            new ViewField("price", FieldType.decimal(10, 2, false, "numeric")),
            new ViewField("updated_at", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz")),
            new ViewField("created", new FieldType(FieldKind.TIMESTAMP, 6, 0, null, true, "timestamp")),
            new ViewField("created_ms", new FieldType(FieldKind.TIMESTAMP, 3, 0, null, true, "timestamp")),
            new ViewField("released", FieldType.of(FieldKind.DATE, true, "date")),
            new ViewField("metadata", FieldType.of(FieldKind.JSON, true, "jsonb")),
            new ViewField("tags", FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text")),
            new ViewField("description", FieldType.of(FieldKind.STRING, true, "text"))), List.of("id"));
    private static final String SKU = "6f1c2b1e-8d3a-4f59-9a8e-0b1c2d3e4f50";

    private static final TableName PRODUCTS = new TableName("public", "products");
    private static final String OTHER_SKU = "00000000-0000-0000-0000-000000000002";

    private ViewTopologyDriver driver;
    private TestInputTopic<String, String> changes;
    private TestOutputTopic<String, byte[]> views;
    private final ViewMetrics metrics = new ViewMetrics();
    private final FakeSourceRows source = new FakeSourceRows();

    @BeforeEach
    void start() {
        start(SCHEMA);
    }

    /** The products view with {@code schema}'s key (the primary key id, or a declared one). */
    private void start(ViewSchema schema) {
        if (driver != null) {
            driver.close();
        }
        ViewPlan plan = new ViewPlan("products", VIEW, new RowSource(PRODUCTS, CHANGES, schema, true),
                List.of(), schema, DocumentTransforms.none(schema.fields()), schema, TruncatePolicy.PROPAGATE);
        driver = ViewTopologyDriver.of(plan).metrics(metrics).sourceRows(source).start();
        changes = driver.changes(PRODUCTS);
        views = driver.view();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void insertBecomesATypedDocumentVersionedByLsn() {
        changes.pipeInput("{\"id\":7}", envelope("c", null, row(7, "12.50", "long text"), 1000));

        TestRecord<String, byte[]> out = views.readRecord();
        ViewRecord record = driver.decode(out);
        assertThat(out.key()).isEqualTo("7");
        assertThat(record.version()).isEqualTo(1000);
        assertThat(record.op()).isEqualTo(Op.CREATE);
        Map<String, Object> doc = record.document();
        assertThat(doc.get("price")).isEqualTo(new BigDecimal("12.50"));
        assertThat(doc.get("sku")).isEqualTo(UUID.fromString(SKU));
        assertThat(doc.get("updated_at")).isEqualTo(Instant.parse("2026-11-21T10:15:30.123456Z"));
        assertThat(doc.get("created")).isEqualTo(LocalDateTime.parse("2026-11-21T10:15:30.000001"));
        assertThat(doc.get("created_ms")).isEqualTo(LocalDateTime.parse("2026-11-21T10:15:30.123"));
        assertThat(doc.get("released")).isEqualTo(LocalDate.parse("2026-11-21"));
        assertThat(doc.get("metadata")).isEqualTo(Map.of("color", "red", "weight", new BigDecimal("1.25")));
        assertThat(doc.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(doc.get("description")).isEqualTo("long text");
        assertThat(header(out, ViewRecordCodec.VERSION_HEADER)).isEqualTo("1000");
    }

    @Test
    void toastPlaceholderTakesThePreviousValue() {
        changes.pipeInput("{\"id\":7}", envelope("c", null, row(7, "12.50", "a very long description"), 1000));
        changes.pipeInput("{\"id\":7}", envelope("u", null,
                row(7, "13.00", DebeziumValues.UNAVAILABLE).replace("\"tags\":[\"a\",\"b\"]",
                        "\"tags\":[\"" + DebeziumValues.UNAVAILABLE + "\"]"), 2000));

        List<ViewRecord> out = driver.drain();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).document().get("description")).isEqualTo("a very long description");
        assertThat(out.get(1).document().get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(out.get(1).document().get("price")).isEqualTo(new BigDecimal("13.00"));
        assertThat(metrics.toastCarried()).isEqualTo(2);
    }

    @Test
    void toastPlaceholderWithoutHistoryNeverReachesTheDocument() {
        changes.pipeInput("{\"id\":8}", envelope("u", null, row(8, "1.00", DebeziumValues.UNAVAILABLE), 3000));

        ViewRecord record = driver.decode(views.readRecord());
        assertThat(record.document()).doesNotContainKey("description");
        assertThat(record.document().values()).doesNotContain(DebeziumValues.UNAVAILABLE);
        assertThat(metrics.toastUnresolved()).isEqualTo(1);
    }

    @Test
    void deleteBecomesAVersionedTombstoneAndDebeziumTombstonesAreDropped() {
        changes.pipeInput("{\"id\":7}", envelope("c", null, row(7, "12.50", "x"), 1000));
        changes.pipeInput("{\"id\":7}", envelope("d", "{\"id\":7,\"sku\":\"" + SKU + "\",\"price\":\"0\"}", null, 1500));
        changes.pipeInput("{\"id\":7}", (String) null);

        List<TestRecord<String, byte[]>> out = views.readRecordsToList();
        assertThat(out).hasSize(2);
        TestRecord<String, byte[]> tombstone = out.get(1);
        assertThat(tombstone.key()).isEqualTo("7");
        assertThat(tombstone.value()).isNull();
        assertThat(header(tombstone, ViewRecordCodec.VERSION_HEADER)).isEqualTo("1500");
        assertThat(header(tombstone, ViewRecordCodec.OP_HEADER)).isEqualTo("d");
    }

    @Test
    void replayedAndOlderEventsAreDropped() {
        String v1 = envelope("c", null, row(7, "1.00", "x"), 1000);
        String v2 = envelope("u", null, row(7, "2.00", "x"), 2000);
        changes.pipeInput("{\"id\":7}", v1);
        changes.pipeInput("{\"id\":7}", v2);
        changes.pipeInput("{\"id\":7}", v1); // a redelivery after a crash
        changes.pipeInput("{\"id\":7}", v2);
        // A snapshot read older than the streamed state must not overwrite it.
        changes.pipeInput("{\"id\":7}", envelope("r", null, row(7, "0.50", "x"), 500));

        assertThat(views.readRecordsToList()).hasSize(2);
        assertThat(metrics.stale()).isEqualTo(3);
    }

    @Test
    void anOlderEventAfterADeleteDoesNotResurrectTheDocument() {
        changes.pipeInput("{\"id\":7}", envelope("c", null, row(7, "1.00", "x"), 1000));
        changes.pipeInput("{\"id\":7}", envelope("d", "{\"id\":7}", null, 2000));
        changes.pipeInput("{\"id\":7}", envelope("c", null, row(7, "1.00", "x"), 1000));

        assertThat(views.readRecordsToList()).hasSize(2);
        // A real re-insert (newer LSN) does bring it back.
        changes.pipeInput("{\"id\":7}", envelope("c", null, row(7, "3.00", "y"), 3000));
        assertThat(driver.decode(views.readRecord()).document().get("price")).isEqualTo(new BigDecimal("3.00"));
    }

    @Test
    void aLeftOutValueWithNoEarlierVersionIsReadFromTheSourceByTheChangeKey() {
        source.put(PRODUCTS, "{\"id\":8}", "{\"description\":\"from the source\",\"tags\":[\"s\"]}");
        changes.pipeInput("{\"id\":8}", envelope("u", null, row(8, "1.00", DebeziumValues.UNAVAILABLE)
                .replace("\"tags\":[\"a\",\"b\"]", "\"tags\":[\"" + DebeziumValues.UNAVAILABLE + "\"]"), 3000));

        ViewRecord record = driver.decode(views.readRecord());
        assertThat(record.document().get("description")).isEqualTo("from the source");
        assertThat(record.document().get("tags")).isEqualTo(List.of("s"));
        assertThat(record.document().get("price")).isEqualTo(new BigDecimal("1.00"));
        assertThat(source.reads()).containsExactly(new FakeSourceRows.Read(PRODUCTS, "{\"id\":8}", List.of("tags", "description")));
        assertThat(metrics.toastReread()).isEqualTo(2);
        assertThat(metrics.toastUnresolved()).isZero();
    }

    @Test
    void theNewKeyOfAPrimaryKeyUpdateReadsLeftOutValuesAndNullsThatMayBeThemFromTheSource() {
        source.put(PRODUCTS, "{\"id\":9}", "{\"description\":\"long\",\"tags\":[\"t\"]}");
        // Debezium sends an unchanged TOASTed array of most types (and bytea) as null: only the source can tell.
        String moved = envelope("c", null, row(9, "1.00", DebeziumValues.UNAVAILABLE)
                .replace("\"tags\":[\"a\",\"b\"]", "\"tags\":null"), 4000);
        changes.pipeInput(new TestRecord<>("{\"id\":9}", moved, new RecordHeaders(new Header[] {
                new RecordHeader(ChangeHeaders.KEY_UPDATE, "true".getBytes(StandardCharsets.UTF_8))})));

        ViewRecord record = driver.decode(views.readRecord());
        assertThat(record.document()).containsEntry("description", "long").containsEntry("tags", List.of("t"));
        assertThat(source.reads()).hasSize(1);
    }

    @Test
    void anInsertsNullsAreNullsAndAnUpdatesNullIsOneWhenTheEarlierVersionHadNull() {
        changes.pipeInput("{\"id\":7}", envelope("c", null, row(7, "1.00", "x").replace("\"tags\":[\"a\",\"b\"]", "\"tags\":null"), 1000));
        changes.pipeInput("{\"id\":7}", envelope("u", null, row(7, "2.00", "x").replace("\"tags\":[\"a\",\"b\"]", "\"tags\":null"), 2000));

        assertThat(views.readRecordsToList()).hasSize(2).allSatisfy(r -> assertThat(driver.decode(r).document()).containsEntry("tags", null));
        assertThat(source.reads()).isEmpty();

        // An update's null where the earlier version had a value: set to NULL, or an unchanged TOASTed array? The source says.
        changes.pipeInput("{\"id\":7}", envelope("u", null, row(7, "3.00", "x"), 3000));
        source.put(PRODUCTS, "{\"id\":7}", "{\"tags\":null}");
        changes.pipeInput("{\"id\":7}", envelope("u", null, row(7, "4.00", "x").replace("\"tags\":[\"a\",\"b\"]", "\"tags\":null"), 4000));
        List<TestRecord<String, byte[]>> out = views.readRecordsToList();
        assertThat(driver.decode(out.get(1)).document()).containsEntry("tags", null);
        assertThat(source.reads()).extracting(FakeSourceRows.Read::columns).containsExactly(List.of("tags"));
    }

    @Test
    void everyPlaceholderFormOfDebeziumIsRecognised() throws Exception {
        // As SourceRowReaderIT (cdc-engine) saw them: text, bytea as bytes, text/json arrays, int/bigint/date arrays, hstore, uuid arrays.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String bytes = "[95,95,100,101,98,101,122,105,117,109,95,117,110,97,118,97,105,108,97,98,108,101,95,118,97,108,117,101]";
        for (String placeholder : List.of("\"__debezium_unavailable_value\"", "\"X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==\"",
                "[\"__debezium_unavailable_value\"]", bytes,
                "\"{\\\"__debezium_unavailable_value\\\":\\\"__debezium_unavailable_value\\\"}\"",
                "[\"b68a35a7-17ad-35b3-af2a-ae46edb4545a\"]")) {
            assertThat(DebeziumValues.isUnavailable(json.readTree(placeholder))).as(placeholder).isTrue();
        }
        for (String value : List.of("\"text\"", "[1,2]", "[\"a\"]", "\"{}\"", "null", "[\"b68a35a7-17ad-35b3-af2a-ae46edb4545b\"]")) {
            assertThat(DebeziumValues.isUnavailable(json.readTree(value))).as(value).isFalse();
        }
    }

    @Test
    void aViewKeyedByOtherColumnsMovesTheDocumentWhenTheKeyChangesAndCarriesTheLeftOutValues() {
        start(new ViewSchema("products", SCHEMA.fields(), List.of("sku")));
        String first = row(7, "1.00", "long text");
        changes.pipeInput("{\"id\":7}", envelope("c", null, first, 1000));
        changes.pipeInput("{\"id\":7}", envelope("u", first, row(7, "2.00", "long text"), 2000));
        String moved = row(7, "3.00", DebeziumValues.UNAVAILABLE).replace(SKU, OTHER_SKU);
        changes.pipeInput("{\"id\":7}", envelope("u", row(7, "2.00", "long text"), moved, 3000));
        changes.pipeInput("{\"id\":7}", envelope("d", moved.replace(DebeziumValues.UNAVAILABLE, "long text"), null, 4000));

        List<TestRecord<String, byte[]>> out = views.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly(SKU, SKU, SKU, OTHER_SKU, OTHER_SKU);
        assertThat(out).extracting(r -> header(r, ViewRecordCodec.OP_HEADER)).containsExactly("c", "u", "d", "u", "d");
        assertThat(out).extracting(r -> header(r, ViewRecordCodec.VERSION_HEADER)).containsExactly("1000", "2000", "3000", "3000", "4000");
        assertThat(driver.decode(out.get(3)).document()).containsEntry("description", "long text").containsEntry("price", new BigDecimal("3.00"));
        assertThat(source.reads()).isEmpty();
    }

    @Test
    void aViewKeyedByOtherColumnsRefusesAChangeWhoseBeforeImageLacksThem() {
        start(new ViewSchema("products", SCHEMA.fields(), List.of("sku")));
        changes.pipeInput("{\"id\":7}", envelope("c", null, row(7, "1.00", "x"), 1000));

        // REPLICA IDENTITY DEFAULT: updates carry no before image, deletes only the primary key.
        assertThatThrownBy(() -> changes.pipeInput("{\"id\":7}", envelope("u", null, row(7, "2.00", "x"), 2000)))
                .rootCause().hasMessageContaining("an update of public.products has no old value of the view's key column 'sku'")
                .hasMessageContaining("REPLICA IDENTITY FULL");
        assertThatThrownBy(() -> changes.pipeInput("{\"id\":7}", envelope("d", "{\"id\":7,\"sku\":null}", null, 3000)))
                .rootCause().hasMessageContaining("a delete of public.products has no old value");
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String row(long id, String price, String description) {
        return "{\"id\":" + id + ",\"sku\":\"" + SKU + "\",\"price\":\"" + price + "\","
                + "\"updated_at\":\"2026-11-21T10:15:30.123456Z\",\"created\":1795256130000001,\"created_ms\":1795256130123,"
                + "\"released\":20778,\"metadata\":\"{\\\"color\\\": \\\"red\\\", \\\"weight\\\": 1.25}\","
                + "\"tags\":[\"a\",\"b\"],\"description\":\"" + description + "\"}";
    }

    private static String envelope(String op, String before, String after, long lsn) {
        return "{\"before\":" + before + ",\"after\":" + after + ",\"source\":{\"connector\":\"postgresql\","
                + "\"lsn\":" + lsn + ",\"ts_ms\":1795256130123},\"op\":\"" + op + "\",\"ts_ms\":1795256130200}";
    }
}
