package io.syncline.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.TableName;
import io.syncline.config.TruncatePolicy;
import io.syncline.processors.plan.RowSource;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.plan.ViewPlanner;
import io.syncline.processors.transform.DocumentTransforms;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecordCodec;
import io.syncline.view.ViewSchema;
import io.syncline.view.ViewSchemaHeader;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Every record on a view topic, document or tombstone, of a plain or a joined view, carries its view's schema version. */
class ViewSchemaStampTest {
    private static final TableName THINGS = new TableName("public", "things");
    private static final ViewSchema SCHEMA = new ViewSchema("things", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("name", FieldType.of(FieldKind.STRING, true, "text"))), List.of("id"));
    private static final ViewPlan PLAIN = new ViewPlan("things", "shop.view.things",
            new RowSource(THINGS, "shop.public.things", SCHEMA, true), List.of(), SCHEMA,
            DocumentTransforms.none(SCHEMA.fields()), SCHEMA, TruncatePolicy.PROPAGATE);

    @Test
    void documentsAndTombstonesOfAPlainViewCarryTheVersion() {
        try (ViewTopologyDriver driver = ViewTopologyDriver.of(PLAIN).schemaVersion(1_700_000_000_123L).start()) {
            driver.changes(THINGS).pipeInput("{\"id\":1}", change("c", "null", "{\"id\":1,\"name\":\"a\"}", 100));
            driver.changes(THINGS).pipeInput("{\"id\":1}", change("d", "{\"id\":1,\"name\":\"a\"}", "null", 200));

            List<TestRecord<String, byte[]>> out = driver.view().readRecordsToList();

            assertThat(out).hasSize(2);
            assertThat(out.get(1).value()).as("a tombstone").isNull();
            assertThat(out).allSatisfy(record -> {
                assertThat(header(record, ViewSchemaHeader.NAME)).isEqualTo("1700000000123");
                assertThat(header(record, ViewRecordCodec.OP_HEADER)).as("the processors' headers stay").isNotNull();
            });
        }
    }

    @Test
    void aJoinedViewsDocumentsCarryTheVersion() throws Exception {
        ViewPlan orders = ViewPlanner.plan(List.of(ShopFixture.ordersView(List.of(), false)), ShopFixture.TABLES, "shop").get(0);
        try (ViewTopologyDriver driver = ViewTopologyDriver.of(orders).uncached().schemaVersion(42).start()) {
            driver.changes(ShopFixture.ORDERS).pipeInput("{\"id\":1}", change("c", "null", "{\"id\":1,\"customer_id\":null,"
                    + "\"status\":\"new\",\"total\":\"12.30\",\"placed_at\":\"2026-11-21T10:00:00.123456Z\"}", 100));

            List<TestRecord<String, byte[]>> out = driver.view().readRecordsToList();

            assertThat(out).isNotEmpty().allSatisfy(record -> assertThat(header(record, ViewSchemaHeader.NAME)).isEqualTo("42"));
        }
    }

    @Test
    void withoutAVersionRecordsGetNoHeader() {
        try (ViewTopologyDriver driver = ViewTopologyDriver.of(PLAIN).start()) {
            driver.changes(THINGS).pipeInput("{\"id\":1}", change("c", "null", "{\"id\":1,\"name\":\"a\"}", 100));

            assertThat(driver.view().readRecord().headers().lastHeader(ViewSchemaHeader.NAME)).isNull();
        }
    }

    private static String change(String op, String before, String after, long lsn) {
        return "{\"op\":\"" + op + "\",\"before\":" + before + ",\"after\":" + after + ",\"source\":{\"lsn\":" + lsn
                + ",\"ts_ms\":" + (1_700_000_000_000L + lsn) + "}}";
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
