package io.syncline.sink.mongodb;

import io.syncline.testkit.fixtures.JoinedOrder;
import io.syncline.testkit.fixtures.EveryKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.syncline.sink.CanonicalValues;
import io.syncline.sink.Disposition;
import io.syncline.sink.RecordCoordinates;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.StoredDocument;
import io.syncline.sink.WriteOutcome;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.FieldType;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import io.syncline.view.SpecialValue;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MongoDB writer against the test kit's MongoDB (mongo-java-server locally, any real MongoDB
 * when configured). Documents are read back with the driver and compared value by value.
 * Guarded writes to stored ids scan the collection on mongo-java-server (new ids are plain
 * inserts), so batches of updates stay small here.
 */
@RealServices
class MongoSinkWriterIT {
    private static final String VIEW = "every_kind";
    private static final AtomicLong OFFSETS = new AtomicLong();

    private MongoEndpoint mongo;
    private String database;
    private MongoClient client;
    private SinkWriter writer;
    private final List<SinkWriter> joinedWriters = new ArrayList<>();

    @BeforeEach
    void setUp(MongoEndpoint mongo) throws Exception {
        this.mongo = mongo;
        database = "it_" + UUID.randomUUID().toString().substring(0, 8);
        client = MongoClients.create(mongo.connectionString());
        writer = writer(mongo.connectionString());
        writer.prepare();
    }

    @AfterEach
    void tearDown() {
        joinedWriters.forEach(SinkWriter::close);
        writer.close();
        client.getDatabase(database).drop();
        client.close();
    }

    @Test
    void everyKindRoundTripsExactly() throws Exception {
        assertThat(writer.write(List.of(upsert("full", 1, EveryKind.document("full", 3)), upsert("empty", 1, EveryKind.nulls("empty")))))
                .containsOnly(WriteOutcome.WRITTEN);

        BsonDocument full = stored("full");
        assertEveryKind(full, EveryKind.document("full", 3));
        assertThat(full.get("price").isDecimal128()).isTrue();
        assertThat(full.get("small").isInt32()).isTrue();
        assertThat(full.get("big").isInt64()).isTrue();
        assertThat(full.getDocument("meta").get("lines").asArray().get(1).asDecimal128().getValue().bigDecimalValue())
                .isEqualTo(new BigDecimal("2.50"));
        assertThat(full.getInt64("_version").getValue()).isEqualTo(1);
        assertThat(full.getInt64("_source_ts_ms").getValue()).isEqualTo(1_763_720_130_123L);

        BsonDocument empty = stored("empty");
        EveryKind.SCHEMA.fields().stream().filter(f -> !f.name().equals("id"))
                .forEach(f -> assertThat(empty.get(f.name()).isNull()).as(f.name()).isTrue());
    }

    /** Every value with no ordinary form (view-model README's table), read back as the BSON type and value documented there. */
    @Test
    void specialValuesAreStoredAsTheDocumentedBsonValues() throws Exception {
        Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
        docs.put("nan", special("nan", SpecialValue.NAN, SpecialValue.NAN, Double.NaN, Double.NaN,
                SpecialValue.POSITIVE_INFINITY, SpecialValue.POSITIVE_INFINITY, SpecialValue.POSITIVE_INFINITY));
        docs.put("inf", special("inf", SpecialValue.POSITIVE_INFINITY, SpecialValue.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, SpecialValue.NEGATIVE_INFINITY, SpecialValue.NEGATIVE_INFINITY, SpecialValue.NEGATIVE_INFINITY));
        docs.put("zero", special("zero", new BigDecimal("1E+400"), new BigDecimal("1234567890123456789012345678901234.5"), -0.0, -0.0,
                LocalDate.of(5874897, 12, 31), LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000),
                Instant.parse("+294276-12-31T23:59:59.999999Z")));
        docs.put("early", special("early", null, new BigDecimal("1E+7000"), null, null, LocalDate.of(-4713, 11, 24),
                LocalDateTime.of(-4712, 1, 1, 0, 0), Instant.parse("-4712-01-01T00:00:00Z")));
        List<SinkRecord> records = new ArrayList<>();
        docs.forEach((id, doc) -> records.add(upsert(id, 1, doc)));

        assertThat(writer.write(records)).containsOnly(WriteOutcome.WRITTEN);

        assertSpecial("nan", new BsonDecimal128(Decimal128.NaN), new BsonDecimal128(Decimal128.NaN), new BsonDouble(Double.NaN),
                new BsonDouble(Double.NaN), new BsonString("infinity"), new BsonString("infinity"), new BsonString("infinity"));
        assertSpecial("inf", new BsonDecimal128(Decimal128.POSITIVE_INFINITY), new BsonDecimal128(Decimal128.NEGATIVE_INFINITY),
                new BsonDouble(Double.POSITIVE_INFINITY), new BsonDouble(Double.NEGATIVE_INFINITY), new BsonString("-infinity"),
                new BsonString("-infinity"), new BsonString("-infinity"));
        assertSpecial("zero", new BsonDecimal128(Decimal128.parse("1E+400")), new BsonString("1234567890123456789012345678901234.5"),
                new BsonDouble(-0.0), new BsonDouble(-0.0), new BsonString("+5874897-12-31"),
                new BsonString("+294276-12-31T23:59:59.999999"), new BsonString("+294276-12-31T23:59:59.999999Z"));
        assertSpecial("early", BsonNull.VALUE, new BsonString("1" + "0".repeat(7000)), BsonNull.VALUE, BsonNull.VALUE,
                new BsonString("-4713-11-24"), new BsonString("-4712-01-01T00:00:00.000000"),
                new BsonString("-4712-01-01T00:00:00.000000Z"));
        // -0 keeps its sign bit (BsonDouble equality alone would not show it on every driver version)
        assertThat(Double.doubleToRawLongBits(stored("zero").getDouble("score").getValue())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        // The documented queries find them: $type string for a numeric too wide for Decimal128.
        assertThat(collection().countDocuments(Filters.type("amount", "string"))).isEqualTo(2);
        assertThat(collection().countDocuments(Filters.eq("day", "infinity"))).isEqualTo(1);
    }

    private void assertSpecial(String id, BsonValue price, BsonValue amount, BsonValue score, BsonValue ratio, BsonValue day,
            BsonValue local, BsonValue instant) {
        BsonDocument stored = stored(id);
        Map<String, BsonValue> actual = new LinkedHashMap<>();
        Map<String, BsonValue> expected = new LinkedHashMap<>();
        String[] names = {"price", "amount", "score", "ratio", "day", "local", "instant"};
        BsonValue[] values = {price, amount, score, ratio, day, local, instant};
        for (int i = 0; i < names.length; i++) {
            actual.put(names[i], stored.get(names[i]));
            expected.put(names[i], values[i]);
        }
        assertThat(actual).as(id).isEqualTo(expected);
    }

    private static Map<String, Object> special(String id, Object price, Object amount, Object score, Object ratio, Object day,
            Object local, Object instant) {
        Map<String, Object> document = new LinkedHashMap<>(EveryKind.nulls(id));
        document.put("price", price);
        document.put("amount", amount);
        document.put("score", score);
        document.put("ratio", ratio);
        document.put("day", day);
        document.put("local", local);
        document.put("instant", instant);
        return document;
    }

    @Test
    void joinedDocumentsAreEmbeddedExactlyAndANewerVersionWinsOverAReplay() throws Exception {
        SinkWriter joined = joinedWriter();
        joined.prepare();

        assertThat(joined.write(List.of(joinedUpsert(42, 10, JoinedOrder.order42()), joinedUpsert(43, 10, JoinedOrder.order43()))))
                .containsExactly(WriteOutcome.WRITTEN, WriteOutcome.WRITTEN);

        BsonDocument order = storedOrder(42);
        assertJoined(order, JoinedOrder.order42());
        assertThat(order.getInt64("_version").getValue()).isEqualTo(10);
        assertThat(order.getDocument("customer").keySet()).containsExactly("id", "name", "email", "since");
        assertThat(order.getDocument("customer").getString("since").getValue()).isEqualTo("2020-02-29T23:59:59.000001Z");
        BsonDocument firstItem = order.getArray("items").get(0).asDocument();
        assertThat(firstItem.keySet()).containsExactly("line_no", "product_id", "quantity", "unit_price", "product");
        assertThat(firstItem.get("unit_price").asDecimal128().getValue().bigDecimalValue()).isEqualTo(new BigDecimal("5.00")).hasScaleOf(2);
        assertThat(firstItem.getDocument("product").getString("sku").getValue()).isEqualTo("SKU-1");
        assertThat(order.getArray("items").get(1).asDocument().get("product").isNull()).isTrue();
        assertEveryKind(order.getDocument("every"), EveryKind.document("nested", 5));
        BsonDocument empty = storedOrder(43);
        assertJoined(empty, JoinedOrder.order43());
        assertThat(empty.get("customer").isNull()).isTrue();
        assertThat(empty.getArray("items")).isEmpty();

        // A newer version changes a nested value and drops an item; a replay of the older one is stale.
        assertThat(joined.write(List.of(joinedUpsert(42, 11, JoinedOrder.order42Updated())))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(joined.write(List.of(joinedUpsert(42, 10, JoinedOrder.order42())))).containsExactly(WriteOutcome.STALE);

        BsonDocument updated = storedOrder(42);
        assertJoined(updated, JoinedOrder.order42Updated());
        assertThat(updated.getInt64("_version").getValue()).isEqualTo(11);
        assertThat(updated.getArray("items")).hasSize(1);
        assertThat(updated.getArray("items").get(0).asDocument().get("unit_price").asDecimal128().getValue().bigDecimalValue())
                .isEqualTo(new BigDecimal("4.99"));
        assertThat(updated.getDocument("customer").getString("email").getValue()).isEqualTo("ada@lovelace.example");
    }

    @Test
    void replayingABatchIsStaleAndChangesNothing() throws Exception {
        List<SinkRecord> batch = List.of(upsert("a", 10, EveryKind.document("a", 1)), upsert("b", 11, EveryKind.document("b", 2)),
                upsert("c", 12, EveryKind.document("c", 3)), delete("never-existed", 13));
        assertThat(writer.write(batch)).containsOnly(WriteOutcome.WRITTEN);
        List<BsonDocument> before = all();

        assertThat(writer.write(batch)).containsExactly(WriteOutcome.STALE, WriteOutcome.STALE, WriteOutcome.STALE,
                WriteOutcome.WRITTEN);
        assertThat(all()).isEqualTo(before);
    }

    @Test
    void anOlderOrEqualVersionIsStaleAndANewerOneReplaces() throws Exception {
        writer.write(List.of(upsert("a", 5, named("a", "five"))));
        assertThat(writer.write(List.of(upsert("a", 3, named("a", "three"))))).containsExactly(WriteOutcome.STALE);
        assertThat(writer.write(List.of(upsert("a", 5, named("a", "five again"))))).containsExactly(WriteOutcome.STALE);
        assertThat(stored("a").getString("name").getValue()).isEqualTo("five");

        assertThat(writer.write(List.of(upsert("a", 6, named("a", "six"))))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(stored("a").getString("name").getValue()).isEqualTo("six");
        assertThat(stored("a").getInt64("_version").getValue()).isEqualTo(6);
    }

    @Test
    void deletesAreVersionGuarded() throws Exception {
        writer.write(List.of(upsert("a", 5, named("a", "a")), upsert("b", 5, named("b", "b"))));

        assertThat(writer.write(List.of(delete("a", 4)))).containsExactly(WriteOutcome.STALE);
        assertThat(stored("a")).isNotNull();
        assertThat(writer.write(List.of(delete("b", 5), delete("a", 6), delete("c", 1))))
                .containsExactly(WriteOutcome.WRITTEN, WriteOutcome.WRITTEN, WriteOutcome.WRITTEN);
        assertThat(all()).isEmpty();
    }

    @Test
    void ofDuplicateIdsInOneBatchOnlyTheNewestIsApplied() throws Exception {
        List<WriteOutcome> outcomes = writer.write(List.of(
                upsert("a", 1, named("a", "v1")), upsert("a", 3, named("a", "v3")), upsert("a", 2, named("a", "v2")),
                delete("b", 2), upsert("b", 1, named("b", "v1"))));
        assertThat(outcomes).containsExactly(WriteOutcome.STALE, WriteOutcome.WRITTEN, WriteOutcome.STALE,
                WriteOutcome.WRITTEN, WriteOutcome.STALE);
        assertThat(stored("a").getString("name").getValue()).isEqualTo("v3");
        assertThat(stored("b")).isNull();
    }

    @Test
    void aMixedBatchGetsOneOutcomePerRecord() throws Exception {
        writer.write(List.of(upsert("kept", 5, named("kept", "newer")), upsert("gone", 1, named("gone", "old"))));
        Map<String, Object> wrongType = EveryKind.nulls("bad");
        wrongType.put("count", "seven");
        Map<String, Object> tooLarge = named("huge", "x".repeat(VersionedDocuments.MAX_DOCUMENT_BYTES));
        Map<String, Object> extraField = named("extra", "has a field the schema lacks");
        extraField.put("added_later", Map.of("nested", List.of(1, "two")));

        List<WriteOutcome> outcomes = writer.write(List.of(
                upsert("new", 1, named("new", "fresh")),
                upsert("kept", 4, named("kept", "older")),
                upsert("bad", 1, wrongType),
                upsert("huge", 1, tooLarge),
                new SinkRecord("unrouted", new ViewRecord("x", 1, Op.CREATE, 0, named("x", "x")), coordinates()),
                delete("gone", 2),
                upsert("extra", 1, extraField)));

        assertThat(outcomes.get(0)).isEqualTo(WriteOutcome.WRITTEN);
        assertThat(outcomes.get(1)).isEqualTo(WriteOutcome.STALE);
        assertFailed(outcomes.get(2), Disposition.DEAD_LETTER, "field 'count': a INT32 value must be a Integer");
        assertFailed(outcomes.get(3), Disposition.DEAD_LETTER, "over MongoDB's limit");
        assertFailed(outcomes.get(4), Disposition.FAIL, "view unrouted is not routed to this sink");
        assertThat(outcomes.get(5)).isEqualTo(WriteOutcome.WRITTEN);
        assertThat(outcomes.get(6)).isEqualTo(WriteOutcome.WRITTEN);
        assertThat(all()).extracting(d -> d.getString("_id").getValue()).containsExactly("extra", "kept", "new");
        assertThat(stored("kept").getString("name").getValue()).isEqualTo("newer");
        assertThat(stored("extra").getDocument("added_later").toJson()).isEqualTo("{\"nested\": [1, \"two\"]}");
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void measuresNewDocumentsAndConditionalUpdates() throws Exception {
        List<SinkRecord> inserts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            inserts.add(upsert("doc-" + i, 1, EveryKind.document("doc-" + i, i)));
        }
        long start = System.nanoTime();
        List<WriteOutcome> outcomes = writer.write(inserts);
        double insertSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(outcomes).hasSize(2_000).containsOnly(WriteOutcome.WRITTEN);

        List<SinkRecord> updates = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            updates.add(upsert("doc-" + i, 2, EveryKind.document("doc-" + i, i + 1)));
        }
        start = System.nanoTime();
        outcomes = writer.write(updates);
        double updateSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(outcomes).hasSize(300).containsOnly(WriteOutcome.WRITTEN);
        assertThat(count()).isEqualTo(2_000);
        assertThat(collection().countDocuments(Filters.eq("_version", 2L))).isEqualTo(300);

        System.out.printf("[mongodb sink] 2000 new documents (every kind) in one batch: %.2f s, %.0f docs/s%n",
                insertSeconds, 2_000 / insertSeconds);
        System.out.printf("[mongodb sink] 300 conditional updates in one batch: %.2f s, %.0f docs/s%n",
                updateSeconds, 300 / updateSeconds);
    }

    @Test
    void aBatchMixingNewOlderNewerAndDeletedIdsWritesOnlyWhatIsNewer() throws Exception {
        writer.write(List.of(upsert("older", 1, named("older", "v1")), upsert("newer", 9, named("newer", "v9")),
                upsert("equal", 5, named("equal", "v5")), upsert("delete-older", 1, named("delete-older", "v1")),
                upsert("delete-equal", 5, named("delete-equal", "v5")), upsert("delete-newer", 9, named("delete-newer", "v9"))));
        // Written before this sink owned the collection: no _version, so the guarded replace decides.
        collection().insertOne(new BsonDocument("_id", new BsonString("legacy")).append("name", new BsonString("old")));

        List<WriteOutcome> outcomes = writer.write(List.of(
                upsert("new", 5, named("new", "v5")),
                upsert("older", 5, named("older", "v5")),
                upsert("newer", 5, named("newer", "v5")),
                upsert("equal", 5, named("equal", "v5 again")),
                delete("delete-older", 5),
                delete("delete-equal", 5),
                delete("delete-newer", 5),
                delete("never-existed", 5),
                upsert("legacy", 5, named("legacy", "v5"))));

        assertThat(outcomes).containsExactly(WriteOutcome.WRITTEN, WriteOutcome.WRITTEN, WriteOutcome.STALE,
                WriteOutcome.STALE, WriteOutcome.WRITTEN, WriteOutcome.WRITTEN, WriteOutcome.STALE, WriteOutcome.WRITTEN,
                WriteOutcome.WRITTEN);
        assertThat(all()).extracting(d -> d.getString("_id").getValue() + "@" + d.getInt64("_version").getValue()
                + ":" + d.getString("name").getValue())
                .containsExactly("delete-newer@9:v9", "equal@5:v5", "legacy@5:v5", "new@5:v5", "newer@9:v9", "older@5:v5");
    }

    @Test
    void anIdInsertedByAnotherWriterAfterTheLookupIsDecidedByTheVersionGuard() {
        MongoCollection<BsonDocument> docs = collection();
        List<BulkPlan.PlannedWrite> writes = BulkPlan.of(List.of(
                        upsert("raced-by-newer", 5, named("raced-by-newer", "ours v5")),
                        upsert("raced-by-older", 5, named("raced-by-older", "ours v5")),
                        upsert("not-raced", 5, named("not-raced", "ours v5"))),
                Map.of(VIEW, "docs"), Map.of(VIEW, EveryKind.SCHEMA.types())).byCollection().get("docs");
        CollectionWriter collectionWriter = new CollectionWriter(docs);
        Map<String, OptionalLong> stored = collectionWriter.storedVersions(writes.stream().map(BulkPlan.PlannedWrite::id).toList());
        assertThat(stored).isEmpty();

        docs.insertMany(List.of(versioned("raced-by-newer", 9, "theirs v9"), versioned("raced-by-older", 3, "theirs v3")));
        WriteOutcome[] outcomes = new WriteOutcome[3];
        collectionWriter.write(writes, stored, outcomes);

        assertThat(outcomes).containsExactly(WriteOutcome.STALE, WriteOutcome.WRITTEN, WriteOutcome.WRITTEN);
        assertThat(all()).extracting(d -> d.getString("_id").getValue() + "@" + d.getInt64("_version").getValue()
                + ":" + d.getString("name").getValue())
                .containsExactly("not-raced@5:ours v5", "raced-by-newer@9:theirs v9", "raced-by-older@5:ours v5");
    }

    @Test
    void measuresASnapshotOfNewDocumentsInBatchesThenUpdates() throws Exception {
        int documents = 20_000;
        int updates = 2_000;
        int batchSize = 1_000;
        double insertSeconds = writeInBatches(documents, batchSize, 1);
        assertThat(count()).isEqualTo(documents);
        double updateSeconds = writeInBatches(updates, batchSize, 2);
        assertThat(collection().countDocuments(Filters.eq("_version", 2L))).isEqualTo(updates);
        System.out.printf("[mongodb sink] %d new documents in batches of %d into an empty collection: %.2f s, %.0f docs/s%n",
                documents, batchSize, insertSeconds, documents / insertSeconds);
        System.out.printf("[mongodb sink] then %d updates of existing ids in batches of %d: %.2f s, %.0f docs/s%n",
                updates, batchSize, updateSeconds, updates / updateSeconds);
    }

    /** Writes documents doc-0 .. doc-(n-1) at the given version, all expected written; returns the seconds taken. */
    private double writeInBatches(int n, int batchSize, long version) throws Exception {
        long start = System.nanoTime();
        for (int from = 0; from < n; from += batchSize) {
            List<SinkRecord> batch = new ArrayList<>(batchSize);
            for (int i = from; i < Math.min(n, from + batchSize); i++) {
                batch.add(upsert("doc-" + i, version, EveryKind.document("doc-" + i, i + (int) version)));
            }
            assertThat(writer.write(batch)).hasSize(batch.size()).containsOnly(WriteOutcome.WRITTEN);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    void aDeploymentThatDoesNotAnswerIsRetried() {
        try (SinkWriter unreachable = writer("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300")) {
            assertThatThrownBy(unreachable::prepare)
                    .satisfies(error -> assertThat(unreachable.classify(error)).isEqualTo(Disposition.RETRY));
        }
    }

    /**
     * scan reads back every document of the collection: its version, and fields that canonicalize
     * as the written view documents do, for every kind (Decimal128 and its NaN/Infinity, binary,
     * special and out-of-range values, json, nested objects and arrays of objects, nulls); a
     * deleted document is not among them.
     */
    @Test
    void scanReadsBackEveryDocumentAsWritten() throws Exception {
        Map<String, Map<String, Object>> docs = scanDocuments();
        Map<String, Long> versions = new LinkedHashMap<>();
        List<SinkRecord> records = new ArrayList<>();
        docs.forEach((id, doc) -> {
            versions.put(id, 5L);
            records.add(upsert(id, 5, doc));
        });
        records.add(upsert("gone", 5, EveryKind.document("gone", 1)));
        assertThat(writer.write(records)).containsOnly(WriteOutcome.WRITTEN);
        docs.put("other", EveryKind.document("other", 9));
        versions.put("other", 8L);
        assertThat(writer.write(List.of(upsert("other", 8, docs.get("other")), delete("gone", 6)))).containsOnly(WriteOutcome.WRITTEN);
        assertScanned(writer, VIEW, EveryKind.SCHEMA, docs, versions);

        SinkWriter joined = joinedWriter();
        joined.prepare();
        assertThat(joined.write(List.of(joinedUpsert(42, 10, JoinedOrder.order42()), joinedUpsert(43, 10, JoinedOrder.order43()),
                joinedUpsert(44, 10, JoinedOrder.order42())))).containsOnly(WriteOutcome.WRITTEN);
        assertThat(joined.write(List.of(joinedUpsert(42, 11, JoinedOrder.order42Updated()), new SinkRecord(JoinedOrder.VIEW,
                new ViewRecord("44", 11, Op.DELETE, 1_763_720_130_123L, null), coordinates())))).containsOnly(WriteOutcome.WRITTEN);
        Map<String, Map<String, Object>> orders = new LinkedHashMap<>();
        orders.put("42", JoinedOrder.order42Updated());
        orders.put("43", JoinedOrder.order43());
        assertScanned(joined, JoinedOrder.VIEW, JoinedOrder.SCHEMA, orders, Map.of("42", 11L, "43", 10L));
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

    private SinkWriter writer(String uri) {
        SinkOptions options = new SinkOptions("mongo-it", Map.of("uri", uri, "database", database),
                Map.of(VIEW, "docs"), Map.of(VIEW, EveryKind.SCHEMA));
        return SinkFactories.discover().forType("mongodb").create(options);
    }

    private SinkWriter joinedWriter() {
        SinkOptions options = new SinkOptions("mongo-it", Map.of("uri", mongo.connectionString(), "database", database),
                Map.of(JoinedOrder.VIEW, "orders"), Map.of(JoinedOrder.VIEW, JoinedOrder.SCHEMA));
        SinkWriter joined = SinkFactories.discover().forType("mongodb").create(options);
        joinedWriters.add(joined);
        return joined;
    }

    private static SinkRecord joinedUpsert(long id, long version, Map<String, Object> document) {
        return new SinkRecord(JoinedOrder.VIEW, new ViewRecord(Long.toString(id), version, Op.UPDATE, 1_763_720_130_123L, document),
                coordinates());
    }

    private BsonDocument storedOrder(long id) {
        return client.getDatabase(database).getCollection("orders", BsonDocument.class)
                .find(Filters.eq("_id", Long.toString(id))).first();
    }

    /** Every field of a joined order but the every-kind object, read back value by value. */
    private static void assertJoined(BsonDocument stored, Map<String, Object> expected) {
        assertThat(stored.keySet()).containsExactly("_id", "id", "customer_id", "status", "total", "placed_at", "customer", "items",
                "every", "_version", "_source_ts_ms");
        JoinedOrder.SCHEMA.fields().stream().filter(f -> !f.name().equals("every")).forEach(f ->
                assertThat(javaValue(stored.get(f.name()), f.type())).as(f.name()).isEqualTo(expected.get(f.name())));
    }

    /** The fields of an every-kind document, at the top level or embedded. */
    private static void assertEveryKind(BsonDocument stored, Map<String, Object> expected) {
        for (ViewField field : EveryKind.SCHEMA.fields()) {
            BsonValue value = stored.get(field.name());
            if (field.name().equals("meta")) {
                assertThat(value).isEqualTo(BsonValues.json(expected.get("meta")));
            } else if (field.name().equals("blob")) {
                assertThat(value.asBinary().getData()).isEqualTo((byte[]) expected.get("blob"));
            } else {
                assertThat(javaValue(value, field.type())).as(field.name()).isEqualTo(expected.get(field.name()));
            }
        }
    }

    private long count() throws Exception {
        return writer.count(VIEW);
    }

    private MongoCollection<BsonDocument> collection() {
        return client.getDatabase(database).getCollection("docs", BsonDocument.class);
    }

    private BsonDocument stored(String id) {
        return collection().find(Filters.eq("_id", id)).first();
    }

    private List<BsonDocument> all() {
        return collection().find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    private static BsonDocument versioned(String id, long version, String name) {
        return new BsonDocument("_id", new BsonString(id)).append("name", new BsonString(name))
                .append("_version", new BsonInt64(version));
    }

    private static Map<String, Object> named(String id, String name) {
        Map<String, Object> document = new LinkedHashMap<>(EveryKind.nulls(id));
        document.put("name", name);
        return document;
    }

    private static SinkRecord upsert(String id, long version, Map<String, Object> document) {
        return new SinkRecord(VIEW, new ViewRecord(id, version, Op.UPDATE, 1_763_720_130_123L, document), coordinates());
    }

    private static SinkRecord delete(String id, long version) {
        return new SinkRecord(VIEW, new ViewRecord(id, version, Op.DELETE, 1_763_720_130_123L, null), coordinates());
    }

    private static RecordCoordinates coordinates() {
        return new RecordCoordinates("view." + VIEW, 0, OFFSETS.incrementAndGet());
    }

    private static void assertFailed(WriteOutcome outcome, Disposition disposition, String cause) {
        assertThat(outcome).isInstanceOfSatisfying(WriteOutcome.Failed.class, failed -> {
            assertThat(failed.disposition()).isEqualTo(disposition);
            assertThat(failed.cause()).contains(cause);
        });
    }

    /** The inverse of {@link BsonValues#of}, written out so that the test does not trust the code it checks. */
    private static Object javaValue(BsonValue value, FieldType type) {
        if (value.isNull()) {
            return null;
        }
        return switch (type.kind()) {
            case STRING -> value.asString().getValue();
            case BOOLEAN -> value.asBoolean().getValue();
            case INT16, INT32 -> value.asInt32().getValue();
            case INT64 -> value.asInt64().getValue();
            case FLOAT32, FLOAT64 -> value.asDouble().getValue();
            case DECIMAL -> value.asDecimal128().getValue().bigDecimalValue();
            case DATE -> LocalDate.parse(value.asString().getValue());
            case TIME -> LocalTime.parse(value.asString().getValue());
            case TIMESTAMP -> LocalDateTime.parse(value.asString().getValue());
            case TIMESTAMP_TZ -> Instant.parse(value.asString().getValue());
            case UUID -> UUID.fromString(value.asString().getValue());
            case ARRAY -> value.asArray().getValues().stream().map(v -> javaValue(v, type.element())).toList();
            case OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                value.asDocument().forEach((name, v) -> object.put(name, javaValue(v, type.field(name).orElseThrow().type())));
                yield object;
            }
            case JSON, BYTES -> throw new IllegalArgumentException("compared as BSON");
        };
    }
}
