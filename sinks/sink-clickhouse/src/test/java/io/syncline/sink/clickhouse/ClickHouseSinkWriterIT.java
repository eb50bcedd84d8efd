package io.syncline.sink.clickhouse;

import io.syncline.testkit.fixtures.JoinedOrder;
import io.syncline.testkit.fixtures.EveryKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.sink.CanonicalValues;
import io.syncline.sink.Disposition;
import io.syncline.sink.RecordCoordinates;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.StoredDocument;
import io.syncline.sink.WriteOutcome;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ClickHouse writer against the test kit's ClickHouse (the real engine, chDB, behind an HTTP
 * front locally; any server when configured). Current state is read back with {@code FINAL};
 * temporal and decimal values as the server's own text, so the driver's conversions are not in
 * the way. The tests run in a far-from-UTC JVM zone (see the pom).
 */
@RealServices
class ClickHouseSinkWriterIT {
    private static final String VIEW = "every_kind";
    private static final String ITEMS = "order_items";
    private static final ViewSchema ITEMS_SCHEMA = new ViewSchema(ITEMS, List.of(
            new ViewField("order_id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("sku", FieldType.of(FieldKind.STRING, false, "text")),
            new ViewField("qty", FieldType.of(FieldKind.INT32, false, "int4")),
            new ViewField("price", FieldType.decimal(10, 2, false, "numeric")),
            new ViewField("created_at", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz")),
            new ViewField("tags", FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text"))),
            List.of("order_id", "sku"));
    private static final Map<String, String> TABLES = Map.of(VIEW, "every_kind_t", ITEMS, "order_items_t");
    private static final AtomicLong OFFSETS = new AtomicLong();
    private static final String ORDERS_TABLE = "orders_t";
    private static final ObjectMapper EXACT_JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ClickHouseEndpoint clickhouse;
    private String database;
    private Connection connection;
    private final List<SinkWriter> writers = new ArrayList<>();

    @BeforeEach
    void setUp(ClickHouseEndpoint clickhouse) throws SQLException {
        this.clickhouse = clickhouse;
        database = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        connection = clickhouse.connect();
    }

    @AfterEach
    void tearDown() throws SQLException {
        writers.forEach(SinkWriter::close);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
        }
        connection.close();
    }

    @Test
    void theTableIsCreatedWithFaithfulTypes() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        writer.prepare();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("id", "String");
        expected.put("name", "Nullable(String)");
        expected.put("active", "Nullable(Bool)");
        expected.put("small", "Nullable(Int16)");
        expected.put("count", "Nullable(Int32)");
        expected.put("big", "Nullable(Int64)");
        expected.put("ratio", "Nullable(Float32)");
        expected.put("score", "Nullable(Float64)");
        expected.put("price", "Nullable(Decimal(12, 2))");
        expected.put("amount", "Nullable(Decimal(76, 38))");
        expected.put("day", "Nullable(Date32)");
        expected.put("at", "Nullable(String)");
        expected.put("local", "Nullable(DateTime64(6, 'UTC'))");
        expected.put("instant", "Nullable(DateTime64(6, 'UTC'))");
        expected.put("uuid", "Nullable(UUID)");
        expected.put("meta", "Nullable(String)");
        expected.put("blob", "Nullable(String)");
        expected.put("tags", "Array(Nullable(String))");
        expected.put("prices", "Array(Decimal(10, 2))");
        for (String special : List.of("price", "amount", "day", "local", "instant")) {
            expected.put(special + "__special", "Nullable(String)");
        }
        expected.put("_version", "UInt64");
        expected.put("_deleted", "UInt8");
        expected.put("_source_ts", "DateTime64(3, 'UTC')");
        assertThat(columns("every_kind_t")).containsExactlyEntriesOf(expected);
        assertThat(columns("order_items_t")).containsEntry("order_id", "Int64").containsEntry("price", "Nullable(Decimal(10, 2))")
                .containsEntry("created_at", "Nullable(DateTime64(6, 'UTC'))");
        assertThat(queryRow("SELECT engine, sorting_key FROM system.tables WHERE database = '" + database
                + "' AND name = 'order_items_t'")).containsExactly("ReplacingMergeTree", "order_id, sku");
    }

    @Test
    void everyKindRoundTripsExactly() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        assertThat(writer.write(List.of(upsert(VIEW, "full", 1, EveryKind.document("full", 3)),
                upsert(VIEW, "empty", 1, EveryKind.nulls("empty"))))).containsOnly(WriteOutcome.WRITTEN);

        Map<String, Object> expected = EveryKind.document("full", 3);
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT name, active, small, count, big, ratio, score, toString(price), "
                     + "toString(amount), toString(day), at, toString(local), toString(instant), toString(uuid), meta, "
                     + "hex(blob), tags, prices, _version, toString(_source_ts), _deleted FROM " + table(VIEW)
                     + " FINAL WHERE id = 'full'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(expected.get("name"));
            assertThat(row.getBoolean(2)).isEqualTo(expected.get("active"));
            assertThat(row.getInt(3)).isEqualTo(expected.get("small"));
            assertThat(row.getInt(4)).isEqualTo(expected.get("count"));
            assertThat(row.getLong(5)).isEqualTo(expected.get("big"));
            assertThat((double) row.getFloat(6)).isEqualTo(expected.get("ratio"));
            assertThat(row.getDouble(7)).isEqualTo(expected.get("score"));
            assertThat(new BigDecimal(row.getString(8))).isEqualByComparingTo((BigDecimal) expected.get("price"));
            assertThat(new BigDecimal(row.getString(9))).isEqualByComparingTo((BigDecimal) expected.get("amount"));
            assertThat(LocalDate.parse(row.getString(10))).isEqualTo(expected.get("day"));
            assertThat(LocalTime.parse(row.getString(11))).isEqualTo(expected.get("at"));
            assertThat(dateTime(row.getString(12))).isEqualTo(expected.get("local"));
            assertThat(dateTime(row.getString(13)).toInstant(ZoneOffset.UTC)).isEqualTo(expected.get("instant"));
            assertThat(UUID.fromString(row.getString(14))).isEqualTo(expected.get("uuid"));
            ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            assertThat(json.readTree(row.getString(15))).isEqualTo(json.readTree("{\"street\": \"Rue de l'Église 3\", "
                    + "\"lines\": [1, 2.50, \"x\", null, {\"ok\": true}], \"huge\": 12345678901234567890, \"long\": 9000000000}"));
            assertThat(row.getString(15)).contains("[1,2.50,");
            assertThat(row.getString(16)).isEqualTo(HexFormat.of().withUpperCase().formatHex((byte[]) expected.get("blob")));
            assertThat(elements(row.getArray(17))).isEqualTo(expected.get("tags"));
            assertThat(elements(row.getArray(18))).usingElementComparator((a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b))
                    .containsExactlyElementsOf(castList(expected.get("prices")));
            assertThat(row.getLong(19)).isEqualTo(1);
            assertThat(row.getString(20)).isEqualTo("2025-11-21 10:15:30.123");
            assertThat(row.getInt(21)).isZero();
        }
        List<String> empty = queryRow("SELECT name, active, small, count, big, ratio, score, price, amount, day, at, local, "
                + "instant, uuid, meta, blob, toString(tags), toString(prices) FROM " + table(VIEW) + " FINAL WHERE id = 'empty'");
        assertThat(empty.subList(0, 16)).containsOnlyNulls();
        assertThat(empty.subList(16, 18)).containsExactly("[]", "[]");
    }

    @Test
    void joinedDocumentsAreExactJsonTextQueryableInClickHouseAndTheNewestVersionWinsInFinal() throws Exception {
        SinkWriter writer = joinedWriter(JoinedOrder.SCHEMA);
        writer.prepare();
        assertThat(columns(ORDERS_TABLE)).containsEntry("customer", "Nullable(String)").containsEntry("items", "Array(String)")
                .containsEntry("every", "Nullable(String)");

        assertThat(writer.write(List.of(joined(42, 10, JoinedOrder.order42()), joined(43, 10, JoinedOrder.order43()))))
                .containsOnly(WriteOutcome.WRITTEN);

        assertJoinedReadBack(42, JoinedOrder.order42());
        assertJoinedReadBack(43, JoinedOrder.order43());
        assertThat(queryRow("SELECT customer, toString(items), every FROM " + ordersTable() + " FINAL WHERE id = 43"))
                .containsExactly(null, "[]", null);
        assertThat(queryRow("SELECT customer FROM " + ordersTable() + " FINAL WHERE id = 42")).containsExactly(
                "{\"id\":\"0b7e6a52-3c1d-4f0e-9a51-2d8c4e6f7a10\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\","
                        + "\"since\":\"2020-02-29T23:59:59.000001Z\"}");
        // ClickHouse's JSON functions read the text: nested values, nulls, exact decimals and timestamps, one row per item.
        assertThat(queryRow("SELECT JSONExtractString(customer, 'email'), length(items), "
                + "JSONExtractString(items[2], 'unit_price'), toString(sum(toDecimal64(JSONExtractString(item, 'unit_price'), 2))), "
                + "JSONExtractString(items[1], 'product', 'sku'), JSONType(items[2], 'product'), "
                + "toString(parseDateTime64BestEffort(JSONExtractString(customer, 'since'), 6, 'UTC')) "
                + "FROM " + ordersTable() + " FINAL ARRAY JOIN items AS item WHERE id = 42 GROUP BY customer, items"))
                .containsExactly("ada@example.org", "2", "2.30", "7.3", "SKU-1", "Null", "2020-02-29 23:59:59.000001");
        assertThat(queryRow("SELECT toString(groupArray(id)), sum(JSONExtractInt(item, 'quantity')) FROM " + ordersTable()
                + " FINAL ARRAY JOIN items AS item")).containsExactly("[42,42]", "3");

        // A newer version changes a nested value and drops an item; the replayed older one is inserted but loses in FINAL.
        assertThat(writer.write(List.of(joined(42, 11, JoinedOrder.order42Updated())))).containsOnly(WriteOutcome.WRITTEN);
        assertThat(writer.write(List.of(joined(42, 10, JoinedOrder.order42())))).containsOnly(WriteOutcome.WRITTEN);

        assertJoinedReadBack(42, JoinedOrder.order42Updated());
        assertThat(queryRow("SELECT _version, length(items), JSONExtractString(items[1], 'unit_price'), JSONExtractString(customer, 'email') "
                + "FROM " + ordersTable() + " FINAL WHERE id = 42")).containsExactly("11", "1", "4.99", "ada@lovelace.example");
        assertThat(count(writer, JoinedOrder.VIEW)).isEqualTo(2);
    }

    @Test
    void objectFieldsAddedToAViewBecomeJsonTextColumns() throws Exception {
        ViewSchema flat = new ViewSchema(JoinedOrder.VIEW, JoinedOrder.SCHEMA.fields().subList(0, 5), JoinedOrder.SCHEMA.key());
        Map<String, Object> flatOrder = new LinkedHashMap<>(JoinedOrder.order43());
        flatOrder.keySet().retainAll(flat.types().keySet());
        SinkWriter before = joinedWriter(flat);
        before.prepare();
        assertThat(before.write(List.of(joined(43, 1, flatOrder)))).containsOnly(WriteOutcome.WRITTEN);

        SinkWriter after = joinedWriter(JoinedOrder.SCHEMA);
        after.prepare();
        assertThat(columns(ORDERS_TABLE)).containsEntry("customer", "Nullable(String)").containsEntry("items", "Array(String)")
                .containsEntry("every", "Nullable(String)");
        assertThat(after.write(List.of(joined(42, 10, JoinedOrder.order42())))).containsOnly(WriteOutcome.WRITTEN);

        assertThat(queryRow("SELECT customer, toString(items), every FROM " + ordersTable() + " FINAL WHERE id = 43"))
                .containsExactly(null, "[]", null);
        assertJoinedReadBack(42, JoinedOrder.order42());
    }

    /** A joined order's object columns parse back, through the view's field types, to exactly the values written. */
    private void assertJoinedReadBack(long id, Map<String, Object> expected) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT customer, items, every FROM " + ordersTable() + " FINAL WHERE id = " + id)) {
            assertThat(row.next()).isTrue();
            Map<String, Object> readBack = new LinkedHashMap<>();
            readBack.put("customer", objectValue(row.getString(1), "customer"));
            List<Object> items = new ArrayList<>();
            for (Object item : elements(row.getArray(2))) {
                items.add(FieldValues.fromJson(EXACT_JSON.readTree((String) item), JoinedOrder.ITEM));
            }
            readBack.put("items", items);
            readBack.put("every", objectValue(row.getString(3), "every"));
            Map<String, Object> objects = new LinkedHashMap<>(expected);
            objects.keySet().retainAll(readBack.keySet());
            // Reading json back through Jackson trees drops trailing zeros (2.50 -> 2.5): the unit tests check that text.
            assertThat(readBack).usingRecursiveComparison().ignoringFields("every.meta").isEqualTo(objects);
            if (expected.get("every") != null) {
                assertThat(row.getString(3)).contains("\"lines\":[1,2.50,");
            }
        }
    }

    private static Object objectValue(String text, String field) throws Exception {
        return text == null ? null : FieldValues.fromJson(EXACT_JSON.readTree(text), JoinedOrder.SCHEMA.types().get(field));
    }

    private SinkWriter joinedWriter(ViewSchema schema) {
        Map<String, String> connection = Map.of("url", clickhouse.httpUrl().getScheme() + "://" + clickhouse.httpUrl().getHost() + ":"
                        + clickhouse.httpUrl().getPort(), "database", database, "user", clickhouse.user(), "password", clickhouse.password(),
                "compress", "false");
        SinkWriter writer = SinkFactories.discover().forType("clickhouse").create(new SinkOptions("ch-it", connection,
                Map.of(JoinedOrder.VIEW, ORDERS_TABLE), Map.of(JoinedOrder.VIEW, schema)));
        writers.add(writer);
        return writer;
    }

    private static SinkRecord joined(long id, long version, Map<String, Object> document) {
        return new SinkRecord(JoinedOrder.VIEW, new ViewRecord(Long.toString(id), version, Op.UPDATE, 1_763_720_130_123L, document),
                coordinates(JoinedOrder.VIEW));
    }

    private String ordersTable() {
        return database + "." + ORDERS_TABLE;
    }

    @Test
    void keyColumnsWhoseNamesNeedQuotingFitTheTableOnTheNextStart() throws Exception {
        ViewSchema odd = new ViewSchema(JoinedOrder.VIEW, List.of(
                new ViewField("Order No", FieldType.of(FieldKind.STRING, false, "text")),
                new ViewField("line#", FieldType.of(FieldKind.INT32, false, "int4")),
                new ViewField("qty", FieldType.of(FieldKind.INT32, true, "int4"))), List.of("Order No", "line#"));
        SinkWriter first = joinedWriter(odd);
        first.prepare();
        Map<String, Object> document = new java.util.LinkedHashMap<>();
        document.put("Order No", "ORD-1'x");
        document.put("line#", 2);
        document.put("qty", 3);
        assertThat(first.write(List.of(new SinkRecord(JoinedOrder.VIEW, new ViewRecord("[\"ORD-1'x\",\"2\"]", 5, Op.CREATE,
                1_763_720_130_123L, document), coordinates(JoinedOrder.VIEW))))).containsExactly(WriteOutcome.WRITTEN);
        // The table exists now: a second writer (the next start) checks its engine and sorting key.
        SinkWriter next = joinedWriter(odd);
        next.prepare();
        assertThat(count(next, JoinedOrder.VIEW)).isEqualTo(1);
    }

    @Test
    void replayingABatchLeavesTheFinalStateUnchanged() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        writer.write(List.of(upsert(VIEW, "d", 1, EveryKind.document("d", 1))));
        List<SinkRecord> batch = List.of(upsert(VIEW, "a", 10, EveryKind.document("a", 1)),
                upsert(VIEW, "b", 11, EveryKind.document("b", 2)), upsert(ITEMS, "[\"1\",\"x\"]", 12, item(1, "x", 3)),
                delete(VIEW, "d", 13));
        assertThat(writer.write(batch)).containsOnly(WriteOutcome.WRITTEN);
        List<List<String>> everyKind = finalState(VIEW);
        List<List<String>> items = finalState(ITEMS);
        assertThat(everyKind).extracting(r -> r.get(0)).containsExactly("a", "b");

        assertThat(writer.write(batch)).containsOnly(WriteOutcome.WRITTEN);
        assertThat(finalState(VIEW)).isEqualTo(everyKind);
        assertThat(finalState(ITEMS)).isEqualTo(items);
        assertThat(count(writer, VIEW)).isEqualTo(2);
    }

    @Test
    void anOlderVersionArrivingAfterANewerOneLosesInFinal() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        writer.write(List.of(upsert(VIEW, "a", 5, named("a", "five"))));
        // Written, not stale: the older row is inserted and loses to version 5 (see ClickHouseSinkWriter).
        assertThat(writer.write(List.of(upsert(VIEW, "a", 3, named("a", "three"))))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(queryRow("SELECT name, _version FROM " + table(VIEW) + " FINAL WHERE id = 'a'")).containsExactly("five", "5");

        writer.write(List.of(upsert(VIEW, "a", 6, named("a", "six"))));
        assertThat(queryRow("SELECT name, _version FROM " + table(VIEW) + " FINAL WHERE id = 'a'")).containsExactly("six", "6");
    }

    @Test
    void aDeleteRemovesTheRowFromFinalUnlessANewerVersionExists() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        writer.write(List.of(upsert(ITEMS, "[\"1\",\"a\"]", 5, item(1, "a", 1)), upsert(ITEMS, "[\"1\",\"b\"]", 5, item(1, "b", 2)),
                upsert(ITEMS, "[\"2\",\"a\"]", 5, item(2, "a", 3)), upsert(VIEW, "solo", 5, named("solo", "x"))));

        assertThat(writer.write(List.of(delete(ITEMS, "[\"1\",\"a\"]", 6), delete(ITEMS, "[\"1\",\"b\"]", 4),
                delete(VIEW, "solo", 7), delete(ITEMS, "[\"9\",\"never\"]", 1)))).containsOnly(WriteOutcome.WRITTEN);

        assertThat(finalState(ITEMS)).extracting(r -> r.get(0) + "/" + r.get(1)).containsExactly("1/b", "2/a");
        assertThat(finalState(VIEW)).isEmpty();
        assertThat(count(writer, ITEMS)).isEqualTo(2);
        // A replayed older upsert does not bring a deleted row back.
        writer.write(List.of(upsert(ITEMS, "[\"1\",\"a\"]", 5, item(1, "a", 1))));
        assertThat(count(writer, ITEMS)).isEqualTo(2);
    }

    @Test
    void newViewFieldsBecomeColumnsWithAddColumns() throws Exception {
        SinkWriter before = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        before.write(List.of(upsert(ITEMS, "[\"1\",\"a\"]", 1, item(1, "a", 1))));

        List<ViewField> fields = new ArrayList<>(ITEMS_SCHEMA.fields());
        fields.add(new ViewField("weight", FieldType.decimal(8, 3, true, "numeric")));
        fields.add(new ViewField("batches", FieldType.array(FieldType.of(FieldKind.INT32, false, "int4"), true, "_int4")));
        ViewSchema evolved = new ViewSchema(ITEMS, fields, ITEMS_SCHEMA.key());
        SinkWriter after = prepared(Map.of(), EveryKind.SCHEMA, evolved);
        assertThat(columns("order_items_t")).containsEntry("weight", "Nullable(Decimal(8, 3))")
                .containsEntry("batches", "Array(Int32)");

        Map<String, Object> heavier = item(1, "b", 2);
        heavier.put("weight", new BigDecimal("12.345"));
        heavier.put("batches", List.of(7, 8));
        assertThat(after.write(List.of(upsert(ITEMS, "[\"1\",\"b\"]", 2, heavier)))).containsOnly(WriteOutcome.WRITTEN);
        assertThat(queryRow("SELECT toString(weight), toString(batches) FROM " + table(ITEMS) + " FINAL WHERE sku = 'a'"))
                .containsExactly(null, "[]");
        assertThat(queryRow("SELECT toString(weight), toString(batches) FROM " + table(ITEMS) + " FINAL WHERE sku = 'b'"))
                .containsExactly("12.345", "[7,8]");
    }

    @Test
    void aFieldTheTableLacksIsAddedBeforeTheInsert() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        Map<String, Object> withCoupon = item(1, "a", 1);
        withCoupon.put("coupon", "SAVE10");
        withCoupon.put("discount", Map.of("percent", new BigDecimal("10.0")));
        assertThat(writer.write(List.of(upsert(ITEMS, "[\"1\",\"a\"]", 1, withCoupon), upsert(ITEMS, "[\"1\",\"b\"]", 1, item(1, "b", 2)),
                delete(ITEMS, "[\"2\",\"c\"]", 1)))).containsOnly(WriteOutcome.WRITTEN);

        assertThat(columns("order_items_t")).containsEntry("coupon", "Nullable(String)").containsEntry("discount", "Nullable(String)");
        assertThat(queryRow("SELECT coupon, discount FROM " + table(ITEMS) + " FINAL WHERE sku = 'a'"))
                .containsExactly("SAVE10", "{\"percent\":10.0}");
        assertThat(queryRow("SELECT coupon, discount FROM " + table(ITEMS) + " FINAL WHERE sku = 'b'")).containsOnlyNulls();
    }

    @Test
    void aTableOrColumnDroppedUnderTheSinkIsRecreatedAndTheInsertRepeated() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        writer.write(List.of(upsert(ITEMS, "[\"1\",\"a\"]", 1, item(1, "a", 1))));

        execute("ALTER TABLE " + table(ITEMS) + " DROP COLUMN tags");
        assertThat(writer.write(List.of(upsert(ITEMS, "[\"1\",\"b\"]", 1, item(1, "b", 2))))).containsOnly(WriteOutcome.WRITTEN);
        assertThat(columns("order_items_t")).containsEntry("tags", "Array(Nullable(String))");
        assertThat(queryRow("SELECT toString(tags) FROM " + table(ITEMS) + " FINAL WHERE sku = 'b'")).containsExactly("['promo',NULL]");

        execute("DROP TABLE " + table(ITEMS));
        assertThat(writer.write(List.of(upsert(ITEMS, "[\"1\",\"c\"]", 1, item(1, "c", 3))))).containsOnly(WriteOutcome.WRITTEN);
        assertThat(finalState(ITEMS)).extracting(r -> r.get(1)).containsExactly("c");
    }

    @Test
    void aWidenedFieldIsModifiedInPlaceAndAGoneOneIsKeptDroppedOrRefusedBySchemaChanges() throws Exception {
        prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA).write(List.of(upsert(ITEMS, "[\"1\",\"a\"]", 1, item(1, "a", 7))));
        // qty: int → bigint; created_at: its column dropped upstream.
        ViewSchema evolved = new ViewSchema(ITEMS, ITEMS_SCHEMA.fields().stream().filter(f -> !f.name().equals("created_at"))
                .map(f -> f.name().equals("qty") ? new ViewField("qty", FieldType.of(FieldKind.INT64, false, "int8")) : f)
                .toList(), ITEMS_SCHEMA.key());

        SinkWriter failing = writer(Map.of("schemaChanges", "fail"), EveryKind.SCHEMA, evolved);
        assertThatThrownBy(failing::prepare).hasMessageContaining("has column created_at that no field of the view fills")
                .hasMessageContaining("schemaChanges is fail")
                .satisfies(error -> assertThat(failing.classify(error)).isEqualTo(Disposition.FAIL));
        assertThat(columns("order_items_t")).as("nothing changed").containsEntry("qty", "Int32");

        assertThat(writer(Map.of(), EveryKind.SCHEMA, evolved).pendingChanges()).as("syncline plan")
                .containsExactly("ALTER TABLE `" + database + "`.`order_items_t` MODIFY COLUMN `qty` Int64");
        SinkWriter keeping = prepared(Map.of(), EveryKind.SCHEMA, evolved);
        assertThat(columns("order_items_t")).containsEntry("qty", "Int64")
                .containsEntry("created_at", "Nullable(DateTime64(6, 'UTC'))");
        Map<String, Object> big = item(1, "b", 0);
        big.remove("created_at");
        big.put("qty", 3_000_000_000L);
        assertThat(keeping.write(List.of(upsert(ITEMS, "[\"1\",\"b\"]", 2, big)))).containsOnly(WriteOutcome.WRITTEN);
        assertThat(queryRow("SELECT toString(qty), toString(created_at) FROM " + table(ITEMS) + " FINAL WHERE sku = 'a'"))
                .containsExactly("7", "2026-11-21 10:15:31.123456");
        assertThat(queryRow("SELECT toString(qty), toString(created_at) FROM " + table(ITEMS) + " FINAL WHERE sku = 'b'"))
                .containsExactly("3000000000", null);

        prepared(Map.of("schemaChanges", "drop"), EveryKind.SCHEMA, evolved);
        assertThat(columns("order_items_t")).doesNotContainKeys("created_at", "created_at__special").containsEntry("qty", "Int64");
    }

    @Test
    void schemaEvolutionFailStopsTheSinkNamingTheMissingColumns() throws Exception {
        prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        List<ViewField> fields = new ArrayList<>(ITEMS_SCHEMA.fields());
        fields.add(new ViewField("weight", FieldType.of(FieldKind.FLOAT64, true, "float8")));
        SinkWriter strict = writer(Map.of("schemaEvolution", "fail"), EveryKind.SCHEMA, new ViewSchema(ITEMS, fields, ITEMS_SCHEMA.key()));
        assertThatThrownBy(strict::prepare)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks columns [weight]").hasMessageContaining("schemaEvolution is fail")
                .satisfies(error -> assertThat(strict.classify(error)).isEqualTo(Disposition.FAIL));
        assertThat(columns("order_items_t")).doesNotContainKey("weight");

        SinkWriter strictSameSchema = prepared(Map.of("schemaEvolution", "fail"), EveryKind.SCHEMA, ITEMS_SCHEMA);
        Map<String, Object> withCoupon = item(1, "a", 1);
        withCoupon.put("coupon", "SAVE10");
        assertThatThrownBy(() -> strictSameSchema.write(List.of(upsert(ITEMS, "[\"1\",\"a\"]", 1, withCoupon))))
                .hasMessageContaining("lacks columns [coupon]")
                .satisfies(error -> assertThat(strictSameSchema.classify(error)).isEqualTo(Disposition.FAIL));
    }

    @Test
    void badValuesAreIsolatedToTheDeadLetterWhileTheOthersAreWritten() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        // A rule only the server knows: the writer finds the rows it refuses by bisecting the insert.
        execute("ALTER TABLE " + table(ITEMS) + " ADD CONSTRAINT qty_not_negative CHECK qty >= 0");
        List<SinkRecord> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(upsert(ITEMS, "[\"" + i + "\",\"s\"]", 1, item(i, "s", i == 7 || i == 31 ? -1 : i)));
        }
        Map<String, Object> tooPrecise = item(100, "s", 1);
        tooPrecise.put("price", new BigDecimal("0.001"));
        batch.add(upsert(ITEMS, "[\"100\",\"s\"]", 1, tooPrecise));

        List<WriteOutcome> outcomes = writer.write(batch);
        for (int i = 0; i < 40; i++) {
            if (i == 7 || i == 31) {
                assertFailed(outcomes.get(i), Disposition.DEAD_LETTER, "ClickHouse refused the row: error 469 (VIOLATED_CONSTRAINT)");
            } else {
                assertThat(outcomes.get(i)).as("record %d", i).isEqualTo(WriteOutcome.WRITTEN);
            }
        }
        // A decimal its column cannot hold is no longer refused: NULL there, its exact text beside it.
        assertThat(outcomes.get(40)).isEqualTo(WriteOutcome.WRITTEN);
        assertThat(count(writer, ITEMS)).isEqualTo(39);
        assertThat(queryRow("SELECT countIf(qty < 0), countIf(order_id = 100), anyIf(price__special, order_id = 100),"
                + " countIf(price IS NULL) FROM " + table(ITEMS) + " FINAL")).containsExactly("0", "1", "0.001", "1");
    }

    /**
     * The values PostgreSQL allows that the columns cannot hold, each read back from the server:
     * float specials natively, the rest NULL in the column with their text in {@code <field>__special}.
     */
    @Test
    void specialAndOutOfRangeValuesAreNullWithTheirTextBesideAndFloatsKeepThemNatively() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        Map<String, Object> nan = EveryKind.nulls("nan");
        nan.put("ratio", Double.NaN);
        nan.put("score", Double.NEGATIVE_INFINITY);
        nan.put("price", io.syncline.view.SpecialValue.NAN);
        nan.put("amount", io.syncline.view.SpecialValue.POSITIVE_INFINITY);
        nan.put("day", io.syncline.view.SpecialValue.NEGATIVE_INFINITY);
        nan.put("local", io.syncline.view.SpecialValue.POSITIVE_INFINITY);
        nan.put("instant", io.syncline.view.SpecialValue.NEGATIVE_INFINITY);
        Map<String, Object> far = EveryKind.nulls("far");
        far.put("ratio", Double.POSITIVE_INFINITY);
        far.put("score", -0.0);
        far.put("price", new BigDecimal("12345678901.5"));
        far.put("amount", new BigDecimal("1" + "0".repeat(99) + ".5"));
        far.put("day", LocalDate.of(5874897, 12, 31));
        far.put("local", LocalDateTime.of(-4712, 1, 1, 0, 0));
        far.put("instant", java.time.Instant.parse("1899-12-31T23:59:59.999999Z"));
        Map<String, Object> edge = EveryKind.nulls("edge");
        edge.put("day", LocalDate.of(2299, 12, 31));
        edge.put("amount", new BigDecimal("-0.00000000000000000000000000000000000001"));
        assertThat(writer.write(List.of(upsert(VIEW, "nan", 1, nan), upsert(VIEW, "far", 1, far), upsert(VIEW, "edge", 1, edge))))
                .containsOnly(WriteOutcome.WRITTEN);

        String columns = "toString(ratio), toString(score), price, amount, day, local, instant, price__special, amount__special,"
                + " day__special, local__special, instant__special FROM " + table(VIEW) + " FINAL WHERE id = ";
        assertThat(queryRow("SELECT " + columns + "'nan'")).containsExactly("nan", "-inf", null, null, null, null, null,
                "NaN", "Infinity", "-infinity", "infinity", "-infinity");
        assertThat(queryRow("SELECT " + columns + "'far'")).containsExactly("inf", "-0", null, null, null, null, null,
                "12345678901.5", "1" + "0".repeat(99) + ".5", "+5874897-12-31", "-4712-01-01T00:00:00.000000",
                "1899-12-31T23:59:59.999999Z");
        assertThat(queryRow("SELECT toString(day), toString(amount), day__special, amount__special FROM " + table(VIEW)
                + " FINAL WHERE id = 'edge'")).containsExactly("2299-12-31", "-0.00000000000000000000000000000000000001", null, null);
        assertThat(queryRow("SELECT count() FROM " + table(VIEW) + " FINAL WHERE price__special = 'NaN' AND isNaN(ratio)"))
                .containsExactly("1");
    }

    /** The first batch pays for class loading and JIT compilation in the writer and the driver; the second shows the steady state. */
    @Test
    void measuresTwentyThousandRows() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        for (int version = 1; version <= 2; version++) {
            List<SinkRecord> batch = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                batch.add(upsert(ITEMS, "[\"" + (i / 4) + "\",\"sku-" + (i % 4) + "\"]", version,
                        item(i / 4, "sku-" + (i % 4), i % 9 + version)));
            }
            long start = System.nanoTime();
            List<WriteOutcome> outcomes = writer.write(batch);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(outcomes).hasSize(20_000).containsOnly(WriteOutcome.WRITTEN);
            System.out.printf("[clickhouse sink] 20000 rows (6 fields + version columns) in one batch, %s: %.2f s, %.0f rows/s%n",
                    version == 1 ? "first (cold JVM)" : "second (warm)", seconds, 20_000 / seconds);
        }
        assertThat(count(writer, ITEMS)).isEqualTo(20_000);
        assertThat(queryRow("SELECT min(_version), sum(qty) FROM " + table(ITEMS) + " FINAL"))
                .containsExactly("2", String.valueOf(expectedQtySum()));
    }

    private static long expectedQtySum() {
        long sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += i % 9 + 2;
        }
        return sum;
    }

    @Test
    void aServerThatDoesNotAnswerIsRetried() {
        SinkWriter unreachable = SinkFactories.discover().forType("clickhouse").create(new SinkOptions("ch-it",
                Map.of("url", "http://127.0.0.1:1", "database", database, "compress", "false"), Map.of(ITEMS, "t"),
                Map.of(ITEMS, ITEMS_SCHEMA)));
        writers.add(unreachable);
        assertThatThrownBy(unreachable::prepare)
                .satisfies(error -> assertThat(unreachable.classify(error)).isEqualTo(Disposition.RETRY));
    }

    /**
     * scan reads back the current rows ({@code FINAL}, not deleted): their versions, and fields that
     * canonicalize as the written view documents do, for every kind (special and out-of-range values
     * from their companions, bytes, arrays, json, nested objects and arrays of objects, nulls).
     */
    @Test
    void scanReadsBackEveryCurrentRowAsWritten() throws Exception {
        SinkWriter writer = prepared(Map.of(), EveryKind.SCHEMA, ITEMS_SCHEMA);
        Map<String, Map<String, Object>> docs = scanDocuments();
        Map<String, Long> versions = new LinkedHashMap<>();
        List<SinkRecord> records = new ArrayList<>();
        docs.forEach((id, doc) -> {
            versions.put(id, 5L);
            records.add(upsert(VIEW, id, 5, doc));
        });
        records.add(upsert(VIEW, "gone", 5, EveryKind.document("gone", 1)));
        assertThat(writer.write(records)).containsOnly(WriteOutcome.WRITTEN);
        docs.put("other", EveryKind.document("other", 9));
        versions.put("other", 8L);
        assertThat(writer.write(List.of(upsert(VIEW, "other", 8, docs.get("other")), delete(VIEW, "gone", 6))))
                .containsOnly(WriteOutcome.WRITTEN);
        assertScanned(writer, VIEW, EveryKind.SCHEMA, docs, versions);

        SinkWriter joined = joinedWriter(JoinedOrder.SCHEMA);
        joined.prepare();
        assertThat(joined.write(List.of(joined(42, 10, JoinedOrder.order42()), joined(43, 10, JoinedOrder.order43()),
                joined(44, 10, JoinedOrder.order42())))).containsOnly(WriteOutcome.WRITTEN);
        assertThat(joined.write(List.of(new SinkRecord(JoinedOrder.VIEW, new ViewRecord("44", 11, Op.DELETE, 1_763_720_130_123L, null),
                coordinates(JoinedOrder.VIEW))))).containsOnly(WriteOutcome.WRITTEN);
        Map<String, Map<String, Object>> orders = new LinkedHashMap<>();
        orders.put("42", JoinedOrder.order42());
        orders.put("43", JoinedOrder.order43());
        assertScanned(joined, JoinedOrder.VIEW, JoinedOrder.SCHEMA, orders, Map.of("42", 10L, "43", 10L));
    }
    /** What {@code scan} gives, by id, equals the written documents' canonical fields, and the versions match. */
    private static void assertScanned(SinkWriter writer, String view, ViewSchema schema, Map<String, Map<String, Object>> written,
                                      Map<String, Long> versions) throws Exception {
        Map<String, Map<String, String>> expected = new java.util.TreeMap<>();
        written.forEach((id, doc) -> expected.put(id, CanonicalValues.fields(doc, schema.fields())));
        Map<String, Map<String, String>> scanned = new java.util.TreeMap<>();
        Map<String, Long> scannedVersions = new java.util.TreeMap<>();
        List<StoredDocument> all = new ArrayList<>();
        writer.scan(view, all::add);
        for (StoredDocument stored : all) {
            assertThat(stored.fields().keySet()).as("only the view's fields").isSubsetOf(schema.types().keySet());
            Map<String, String> fields = CanonicalValues.fields(stored.fields(), schema.fields());
            String id = fields.get(schema.key().get(0));
            assertThat(scanned.put(id, fields)).as("scanned twice: %s", id).isNull();
            scannedVersions.put(id, stored.version());
        }
        assertThat(scanned.keySet()).as(view).isEqualTo(expected.keySet());
        expected.forEach((id, fields) -> assertThat(scanned.get(id)).as("%s %s", view, id).isEqualTo(fields));
        assertThat(scannedVersions).as(view).isEqualTo(new java.util.TreeMap<>(versions));
    }

    /** Documents of every kind: full, all null, special and out-of-range values. */
    private static Map<String, Map<String, Object>> scanDocuments() {
        Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
        docs.put("full", EveryKind.document("full", 3));
        docs.put("other", EveryKind.document("other", 4));
        docs.put("empty", EveryKind.nulls("empty"));
        Map<String, Object> nan = EveryKind.nulls("nan");
        nan.put("ratio", Double.NaN);
        nan.put("score", Double.NEGATIVE_INFINITY);
        nan.put("price", io.syncline.view.SpecialValue.NAN);
        nan.put("amount", io.syncline.view.SpecialValue.POSITIVE_INFINITY);
        nan.put("day", io.syncline.view.SpecialValue.NEGATIVE_INFINITY);
        nan.put("local", io.syncline.view.SpecialValue.POSITIVE_INFINITY);
        nan.put("instant", io.syncline.view.SpecialValue.NEGATIVE_INFINITY);
        nan.put("tags", List.of());
        docs.put("nan", nan);
        Map<String, Object> far = EveryKind.nulls("far");
        far.put("ratio", -0.0);
        far.put("score", -0.0);
        far.put("price", new BigDecimal("-12.30"));
        far.put("amount", new BigDecimal("1" + "0".repeat(30) + ".5"));
        far.put("day", LocalDate.of(5874897, 12, 31));
        far.put("local", LocalDateTime.of(2299, 12, 31, 23, 59, 59, 999_999_000));
        far.put("instant", java.time.Instant.parse("1899-12-31T23:59:59.999999Z"));
        far.put("meta", List.of(1, "x", new BigDecimal("2.50")));
        docs.put("far", far);
        return docs;
    }

    private SinkWriter prepared(Map<String, String> options, ViewSchema everyKind, ViewSchema items) throws Exception {
        SinkWriter writer = writer(options, everyKind, items);
        writer.prepare();
        return writer;
    }

    private SinkWriter writer(Map<String, String> options, ViewSchema everyKind, ViewSchema items) {
        Map<String, String> connection = new HashMap<>(Map.of("url", clickhouse.httpUrl().getScheme() + "://"
                        + clickhouse.httpUrl().getHost() + ":" + clickhouse.httpUrl().getPort(),
                "database", database, "user", clickhouse.user(), "password", clickhouse.password(), "compress", "false"));
        connection.putAll(options);
        SinkWriter writer = SinkFactories.discover().forType("clickhouse")
                .create(new SinkOptions("ch-it", connection, TABLES, Map.of(VIEW, everyKind, ITEMS, items)));
        writers.add(writer);
        return writer;
    }

    private static Map<String, Object> item(long orderId, String sku, int qty) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("order_id", orderId);
        item.put("sku", sku);
        item.put("qty", qty);
        item.put("price", new BigDecimal("19.99").add(BigDecimal.valueOf(orderId % 100, 2)));
        item.put("created_at", Instant.parse("2026-11-21T10:15:30.123456Z").plusSeconds(orderId));
        item.put("tags", Arrays.asList("promo", null));
        return item;
    }

    private static Map<String, Object> named(String id, String name) {
        Map<String, Object> document = new LinkedHashMap<>(EveryKind.nulls(id));
        document.put("name", name);
        return document;
    }

    private static SinkRecord upsert(String view, String id, long version, Map<String, Object> document) {
        return new SinkRecord(view, new ViewRecord(id, version, Op.UPDATE, 1_763_720_130_123L, document), coordinates(view));
    }

    private static SinkRecord delete(String view, String id, long version) {
        return new SinkRecord(view, new ViewRecord(id, version, Op.DELETE, 1_763_720_130_123L, null), coordinates(view));
    }

    private static RecordCoordinates coordinates(String view) {
        return new RecordCoordinates("view." + view, 0, OFFSETS.incrementAndGet());
    }

    private static long count(SinkWriter writer, String view) throws Exception {
        return writer.count(view);
    }

    private String table(String view) {
        return database + "." + TABLES.get(view);
    }

    /** Every current row as the server's text, ordered by the key. */
    private List<List<String>> finalState(String view) throws SQLException {
        String key = view.equals(VIEW) ? "id" : "order_id, sku";
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table(view) + " FINAL ORDER BY " + key)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.add(value instanceof Array array ? elements(array).toString()
                            : value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private Map<String, String> columns(String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT name, type FROM system.columns WHERE database = '" + database
                     + "' AND table = '" + table + "' ORDER BY position")) {
            while (result.next()) {
                columns.put(result.getString(1), result.getString(2));
            }
        }
        return columns;
    }

    private List<String> queryRow(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as("a row from " + sql).isTrue();
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                row.add(result.getString(i));
            }
            return row;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<Object> elements(Array array) throws SQLException {
        return Arrays.asList((Object[]) array.getArray());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object value) {
        return (List<Object>) value;
    }

    private static LocalDateTime dateTime(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    private static void assertFailed(WriteOutcome outcome, Disposition disposition, String cause) {
        assertThat(outcome).isInstanceOfSatisfying(WriteOutcome.Failed.class, failed -> {
            assertThat(failed.disposition()).isEqualTo(disposition);
            assertThat(failed.cause()).contains(cause);
        });
    }
}
