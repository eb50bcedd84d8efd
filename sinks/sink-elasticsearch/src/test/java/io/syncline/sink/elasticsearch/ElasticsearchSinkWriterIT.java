package io.syncline.sink.elasticsearch;

import static io.syncline.sink.elasticsearch.EveryKind.delete;
import static io.syncline.sink.elasticsearch.EveryKind.fullDocument;
import static io.syncline.sink.elasticsearch.EveryKind.nullDocument;
import static io.syncline.sink.elasticsearch.EveryKind.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.sink.CanonicalValues;
import io.syncline.sink.Disposition;
import io.syncline.sink.RecordCoordinates;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.StoredDocument;
import io.syncline.sink.WriteOutcome;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.FieldValues;
import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import io.syncline.view.ViewSchema;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer against a real Elasticsearch: mappings, exact documents, version guards, per-record failures. */
@RealServices
class ElasticsearchSinkWriterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reads numbers the way the view topics do (decimals exact), for reading documents back. */
    private static final ObjectMapper EXACT_JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final URI url;
    private final IndexInspector inspector;
    private final String index = "orders-" + UUID.randomUUID();
    private final List<SinkWriter> writers = new ArrayList<>();

    ElasticsearchSinkWriterIT(ElasticsearchEndpoint es) {
        this.url = es.url();
        this.inspector = new IndexInspector(url);
    }

    @BeforeEach
    void noIndexYet() throws Exception {
        assertThat(inspector.document(index, "any")).isNull();
    }

    @AfterEach
    void cleanUp() throws Exception {
        writers.forEach(SinkWriter::close);
        inspector.deleteIndex(index);
        inspector.close();
    }

    @Test
    void createsTheIndexWithTheDerivedMappingAndStoresEveryKindExactly() throws Exception {
        SinkWriter writer = preparedWriter("external_gte");

        JsonNode mapping = inspector.mappingProperties(index);
        JsonNode derived = JSON.readTree(JsonpUtils.toJsonString(MappingFromSchema.mapping(EveryKind.SCHEMA), new JacksonJsonpMapper())
                .replace("\"dynamic\":true", "\"dynamic\":\"true\"")); // Elasticsearch answers the setting as text
        assertThat(mapping).isEqualTo(derived);
        JsonNode properties = mapping.get("properties");
        assertThat(properties.at("/id/type").asText()).isEqualTo("keyword");
        assertThat(properties.at("/customer_name/fields/keyword/ignore_above").asInt()).isEqualTo(256);
        assertThat(properties.at("/total/type").asText()).isEqualTo("double");
        assertThat(properties.at("/placed_at/format").asText()).isEqualTo("strict_date_optional_time_nanos");
        assertThat(properties.at("/tags/type").asText()).isEqualTo("text");
        assertThat(inspector.settings(index).get("number_of_replicas").asText()).isEqualTo("0");

        List<WriteOutcome> outcomes = writer.write(List.of(upsert("o-1", 100, fullDocument("o-1")), upsert("o-2", 100, nullDocument("o-2"))));

        assertThat(outcomes).containsExactly(WriteOutcome.WRITTEN, WriteOutcome.WRITTEN);
        IndexInspector.StoredDocument full = inspector.document(index, "o-1");
        assertThat(full.version()).isEqualTo(100);
        assertThat(full.source()).isEqualTo("{\"id\":\"o-1\",\"customer_name\":\"Ada Lovelace\",\"paid\":true,\"priority\":3,"
                + "\"line_count\":42,\"customer_id\":9007199254740993,\"weight\":1.5,\"score\":0.1,\"total\":\"12345678.90\","
                + "\"order_date\":\"2024-02-29\",\"pickup_time\":\"13:45:30.123456\",\"placed_local\":\"2024-02-29T23:59:59.654321\","
                + "\"placed_at\":\"2024-02-29T22:59:59.000001Z\",\"tracking_id\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\","
                + "\"metadata\":{\"channel\":\"web\",\"gift\":true,\"address\":{\"city\":\"Zürich\"}},"
                + "\"signature\":\"AAEC/v8=\",\"tags\":[\"express\",\"fragile\"]}");
        assertThat(JSON.readTree(inspector.document(index, "o-2").source()))
                .isEqualTo(JSON.readTree("{\"id\":\"o-2\",\"customer_name\":null,\"paid\":null,\"priority\":null,\"line_count\":null,"
                        + "\"customer_id\":null,\"weight\":null,\"score\":null,\"total\":null,\"order_date\":null,\"pickup_time\":null,"
                        + "\"placed_local\":null,\"placed_at\":null,\"tracking_id\":null,\"metadata\":null,\"signature\":null,\"tags\":null}"));

        // The mapping makes the text searchable as the types it names.
        assertThat(ids(inspector.search(index, "{\"range\":{\"total\":{\"gte\":12345678.9}}}"))).containsExactly("o-1");
        assertThat(ids(inspector.search(index, "{\"range\":{\"placed_at\":{\"gte\":\"2024-02-29T22:59:59Z\"}}}"))).containsExactly("o-1");
        assertThat(ids(inspector.search(index, "{\"term\":{\"tags.keyword\":\"fragile\"}}"))).containsExactly("o-1");
        assertThat(ids(inspector.search(index, "{\"match\":{\"customer_name\":\"lovelace\"}}"))).containsExactly("o-1");
        // json is flattened by default: every leaf a keyword under its dotted path.
        assertThat(ids(inspector.search(index, "{\"term\":{\"metadata.address.city\":\"Zürich\"}}"))).containsExactly("o-1");
    }

    @Test
    void theConfiguredRefreshIntervalIsSetOnCreationAndOnAnIndexThatHasAnother() throws Exception {
        Map<String, String> targets = Map.of(EveryKind.VIEW, index);
        Map<String, ViewSchema> schemas = Map.of(EveryKind.VIEW, EveryKind.SCHEMA);
        SinkWriter creating = writer(url.toString(), "external", Map.of("refreshInterval", "250ms"), targets, schemas, Map.of());
        creating.prepare();
        assertThat(inspector.settings(index).path("refresh_interval").asText()).isEqualTo("250ms");
        assertThat(creating.write(List.of(upsert("o-1", 100, fullDocument("o-1"))))).containsExactly(WriteOutcome.WRITTEN);

        SinkWriter changed = writer(url.toString(), "external", Map.of("refreshInterval", "-1"), targets, schemas, Map.of());
        assertThat(changed.pendingChanges()).containsExactly("index " + index + ": set refresh_interval to -1");
        changed.prepare();
        assertThat(inspector.settings(index).path("refresh_interval").asText()).isEqualTo("-1");
        assertThat(changed.pendingChanges()).isEmpty();

        // Without the option an index keeps what it has (it may have been set by hand).
        SinkWriter unset = writer(url.toString(), "external", targets);
        assertThat(unset.pendingChanges()).isEmpty();
        unset.prepare();
        assertThat(inspector.settings(index).path("refresh_interval").asText()).isEqualTo("-1");
        assertThat(inspector.document(index, "o-1").version()).isEqualTo(100);
    }

    @Test
    void replayingABatchChangesNothing() throws Exception {
        SinkWriter writer = preparedWriter("external");
        List<SinkRecord> batch = List.of(upsert("o-1", 100, fullDocument("o-1")), upsert("o-2", 200, fullDocument("o-2")),
                delete("o-3", 300));
        assertThat(writer.write(batch)).containsOnly(WriteOutcome.WRITTEN);
        Map<String, IndexInspector.StoredDocument> before = stored("o-1", "o-2");

        assertThat(writer.write(batch)).containsOnly(WriteOutcome.STALE);

        assertThat(stored("o-1", "o-2")).isEqualTo(before);
    }

    @Test
    void withExternalGteAReplayRewritesTheSameVersionAndContent() throws Exception {
        SinkWriter writer = preparedWriter("external_gte");
        List<SinkRecord> batch = List.of(upsert("o-1", 100, fullDocument("o-1")), upsert("o-2", 200, fullDocument("o-2")));
        assertThat(writer.write(batch)).containsOnly(WriteOutcome.WRITTEN);
        Map<String, IndexInspector.StoredDocument> before = stored("o-1", "o-2");

        // Equal versions pass external_gte: Elasticsearch rewrites the same content under the same version.
        assertThat(writer.write(batch)).containsOnly(WriteOutcome.WRITTEN);

        Map<String, IndexInspector.StoredDocument> after = stored("o-1", "o-2");
        before.forEach((id, document) -> {
            assertThat(after.get(id).source()).isEqualTo(document.source());
            assertThat(after.get(id).version()).isEqualTo(document.version());
        });
    }

    @Test
    void anOlderVersionIsStaleAndLeavesTheNewerDocument() throws Exception {
        SinkWriter writer = preparedWriter("external_gte");
        Map<String, Object> newer = fullDocument("o-1");
        newer.put("customer_name", "newer");
        Map<String, Object> older = fullDocument("o-1");
        older.put("customer_name", "older");

        assertThat(writer.write(List.of(upsert("o-1", 200, newer)))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(writer.write(List.of(upsert("o-1", 199, older)))).containsExactly(WriteOutcome.STALE);

        IndexInspector.StoredDocument stored = inspector.document(index, "o-1");
        assertThat(stored.version()).isEqualTo(200);
        assertThat(JSON.readTree(stored.source()).get("customer_name").asText()).isEqualTo("newer");
    }

    @Test
    void aVersionedDeleteRemovesTheDocumentAndRefusesOlderWritesAfterIt() throws Exception {
        SinkWriter writer = preparedWriter("external_gte");
        long start = System.nanoTime();
        assertThat(writer.write(List.of(upsert("o-1", 100, fullDocument("o-1"))))).containsExactly(WriteOutcome.WRITTEN);

        assertThat(writer.write(List.of(delete("o-1", 101)))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(inspector.document(index, "o-1")).isNull();

        // A replay of the earlier index op, and an older delete: the tombstone (version 101) refuses them.
        assertThat(writer.write(List.of(upsert("o-1", 100, fullDocument("o-1")), delete("o-1", 99))))
                .containsExactly(WriteOutcome.STALE, WriteOutcome.STALE);
        // Deleting what is already gone, or was never there, is done.
        assertThat(writer.write(List.of(delete("o-1", 101), delete("never-written", 5))))
                .containsExactly(WriteOutcome.WRITTEN, WriteOutcome.WRITTEN);
        assertThat(inspector.document(index, "o-1")).isNull();
        // Tombstones live for index.gc_deletes (60 s): the assertions above ran within it.
        assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(60);

        // A newer write brings the document back.
        assertThat(writer.write(List.of(upsert("o-1", 102, fullDocument("o-1"))))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(inspector.document(index, "o-1").version()).isEqualTo(102);
    }

    @Test
    void recordsElasticsearchRefusesAreDeadLetteredAndTheRestOfTheBatchIsWritten() throws Exception {
        // metadata mapped as a dynamic object, the one json mapping that can refuse a document.
        SinkWriter writer = writer(url.toString(), "external_gte", Map.of(EveryKind.VIEW, index), Map.of(EveryKind.VIEW, EveryKind.SCHEMA),
                Map.of(EveryKind.VIEW, Map.of("mappings", Map.of("metadata", "object"))));
        writer.prepare();
        Map<String, Object> scalar = fullDocument("o-1");
        scalar.put("metadata", Map.of("a", 1));
        assertThat(writer.write(List.of(upsert("o-1", 100, scalar)))).containsExactly(WriteOutcome.WRITTEN);

        Map<String, Object> conflicting = fullDocument("o-2");
        conflicting.put("metadata", Map.of("a", Map.of("b", 2)));
        Map<String, Object> notFinite = fullDocument("o-4");
        notFinite.put("score", Double.NaN); // PostgreSQL has NaN; Elasticsearch numbers are finite
        Map<String, Object> unfit = fullDocument("o-5");
        unfit.put("total", "not a BigDecimal");
        String longId = "o-" + "6".repeat(600);
        List<WriteOutcome> outcomes = writer.write(List.of(upsert("o-2", 100, conflicting), upsert("o-3", 100, fullDocument("o-3")),
                upsert("o-4", 100, notFinite), upsert("o-5", 100, unfit), upsert(longId, 100, fullDocument(longId)),
                upsert("o-7", -1, fullDocument("o-7")), upsert("o-8", 100, fullDocument("o-8"))));

        assertThat(outcomes).hasSize(7);
        assertThat(List.of(outcomes.get(1), outcomes.get(6))).containsOnly(WriteOutcome.WRITTEN);
        assertDeadLettered(outcomes.get(0), "document_parsing_exception: failed to parse field [metadata.a] of type [long] "
                + "in document with id 'o-2' (caused by illegal_argument_exception)");
        // NaN is no longer refused: numbers are ignore_malformed (see specialValuesStayExactInSourceAndAreIgnoredNotRejected).
        assertThat(outcomes.get(2)).isEqualTo(WriteOutcome.WRITTEN);
        // Found before sending: a bad id or version makes Elasticsearch refuse the whole bulk request.
        assertDeadLettered(outcomes.get(3), "field total of kind DECIMAL holds a value of the wrong Java type (String)");
        assertDeadLettered(outcomes.get(4), "the document id is 602 bytes; Elasticsearch takes at most 512");
        assertDeadLettered(outcomes.get(5), "version -1 is negative; external versions are 0 or more");
        assertThat(inspector.count(index)).isEqualTo(4);
        assertThat(inspector.document(index, "o-8")).isNotNull();
    }

    /**
     * Every value with no ordinary form (view-model README's table): written, not rejected;
     * {@code _source} holds the view topic's text exactly; a value the field's type cannot index is
     * named in {@code _ignored}, every other one is indexed and found by a query.
     */
    @Test
    void specialValuesStayExactInSourceAndAreIgnoredNotRejected() throws Exception {
        SinkWriter writer = writer(url.toString(), "external_gte", Map.of(Specials.VIEW, index), Map.of(Specials.VIEW, Specials.SCHEMA));
        writer.prepare();
        assertThat(inspector.mappingProperties(index).at("/properties/n/ignore_malformed").asBoolean()).isTrue();
        List<SinkRecord> records = new ArrayList<>();
        Specials.documents().forEach((id, doc) -> records.add(new SinkRecord(Specials.VIEW,
                new ViewRecord(id, 1, Op.UPDATE, 1_700_000_000_000L, doc), new RecordCoordinates("test.view.specials", 0, records.size()))));

        assertThat(writer.write(records)).containsOnly(WriteOutcome.WRITTEN).hasSize(records.size());

        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, List<String>> ignored = new LinkedHashMap<>();
        for (String id : Specials.documents().keySet()) {
            sources.put(id, inspector.document(index, id).source());
            JsonNode hit = inspector.search(index, "{\"ids\":{\"values\":[\"" + id + "\"]}}").get(0);
            List<String> fields = new ArrayList<>();
            hit.path("_ignored").forEach(f -> fields.add(f.asText()));
            ignored.put(id, fields.stream().sorted().toList());
        }
        assertThat(sources).isEqualTo(Specials.expectedSources());
        assertThat(ignored).isEqualTo(Map.of(
                "nan", List.of("d", "n", "r", "ts", "tz", "x"),
                "inf", List.of("d", "n", "r", "ts", "tz", "x"),
                "minus", List.of("d", "n", "r", "ts", "tz", "x"),
                "zero", List.of(),
                "wide", List.of(),
                // strict_date indexes a signed year of 7 digits; the timestamp formats do not take one
                "far", List.of("n", "ts", "tz"),
                "early", List.of()));
        // What is indexed is found as the type it has: -0 as a double, the 35-digit numeric as the nearest double.
        assertThat(ids(inspector.search(index, "{\"range\":{\"n\":{\"gte\":1.2345678901234567e33}}}"))).containsExactly("wide");
        assertThat(ids(inspector.search(index, "{\"term\":{\"x\":-0.0}}"))).containsExactly("zero");
        assertThat(ids(inspector.search(index, "{\"term\":{\"_ignored\":\"n\"}}"))).containsExactlyInAnyOrder("nan", "inf", "minus", "far");
        assertThat(ids(inspector.search(index, "{\"range\":{\"d\":{\"gte\":\"2300-01-01\"}}}"))).containsExactly("far");
        assertThat(ids(inspector.search(index, "{\"range\":{\"ts\":{\"lt\":\"0001-01-01T00:00:00\"}}}"))).containsExactly("early");
        assertThat(ids(inspector.search(index, "{\"range\":{\"tz\":{\"lt\":\"0001-01-01T00:00:00Z\"}}}"))).containsExactly("early");
    }

    @Test
    void writesABatchOf3000Documents() throws Exception {
        SinkWriter writer = preparedWriter("external_gte");
        // A first batch of other documents warms up the JIT on both sides and adds the dynamic fields.
        assertThat(writer.write(documents("warm-up-", 3000))).containsOnly(WriteOutcome.WRITTEN);
        List<SinkRecord> batch = documents("o-", 3000);

        long start = System.nanoTime();
        List<WriteOutcome> outcomes = writer.write(batch);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(outcomes).hasSize(3000).containsOnly(WriteOutcome.WRITTEN);
        assertThat(inspector.count(index)).isEqualTo(6000);
        writer.write(List.of(delete("o-0", 5000)));
        assertThat(writer.count(EveryKind.VIEW)).isEqualTo(5999);
        System.out.printf("Elasticsearch sink: 3000-document bulk in %.3f s = %.0f docs/s%n", seconds, 3000 / seconds);
    }

    @Test
    void prepareKeepsAnExistingIndexsFieldsAddsTheMissingOnesTypedAndIsIdempotent() throws Exception {
        inspector.createIndex(index, "{\"settings\":{\"number_of_replicas\":0},\"mappings\":{\"properties\":{"
                + "\"id\":{\"type\":\"text\"},\"line_count\":{\"type\":\"integer\"}}}}");
        SinkWriter writer = writer(url.toString(), "external_gte", Map.of(EveryKind.VIEW, index));
        List<String> pending = writer.pendingChanges();
        assertThat(pending).hasSize(3);
        assertThat(pending.get(0)).startsWith("index " + index + ": add fields customer_name (text), paid (boolean),"
                + " priority (long), customer_id (long), weight (double)");
        assertThat(pending.subList(1, 3)).satisfiesExactly(
                id -> assertThat(id).startsWith("index " + index + " maps field id as text, the view's type needs keyword"),
                count -> assertThat(count).startsWith("index " + index + " maps field line_count as integer, the view's"
                        + " type needs long: values integer cannot take are rejected (dead-lettered)"));
        writer.prepare();
        writer.prepare();
        assertThat(writer.pendingChanges()).as("only what cannot change in place").hasSize(2);

        JsonNode properties = inspector.mappingProperties(index).path("properties");
        assertThat(properties.path("id").path("type").asText()).as("kept").isEqualTo("text");
        assertThat(properties.path("line_count").path("type").asText()).as("kept").isEqualTo("integer");
        assertThat(properties.path("order_date")).as("added")
                .isEqualTo(JSON.readTree("{\"type\":\"date\",\"format\":\"strict_date\",\"ignore_malformed\":true}"));
        assertThat(properties.path("priority").path("type").asText()).as("added").isEqualTo("long");
        assertThat(writer.write(List.of(upsert("o-1", 1, fullDocument("o-1"))))).containsExactly(WriteOutcome.WRITTEN);
    }

    @Test
    void aClusterThatAnswersTheIdleCheckWithAnErrorStatusIsReachable() throws Exception {
        // The local server answers HEAD / with 405 (only DELETE allowed there): an answer all the same.
        SinkWriter writer = preparedWriter("external_gte");
        writer.checkReachable();
    }

    @Test
    void classifiesRealFailures() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SinkWriter unreachable = writer("http://127.0.0.1:" + closedPort, "external_gte", Map.of(EveryKind.VIEW, index));
        Throwable refused = catchThrowable(unreachable::prepare);
        assertThat(unreachable.classify(refused)).isEqualTo(Disposition.RETRY);

        // Bypasses validate(): Elasticsearch itself refuses the name, which waiting will not change.
        SinkWriter badName = writer(url.toString(), "external_gte", Map.of(EveryKind.VIEW, "Bad-Name"));
        Throwable invalid = catchThrowable(badName::prepare);
        assertThat(badName.classify(invalid)).isEqualTo(Disposition.FAIL);

        SinkWriter unprepared = writer(url.toString(), "external_gte", Map.of(EveryKind.VIEW, index));
        assertThatThrownBy(() -> unprepared.write(List.of(delete("o-1", 1)))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> unprepared.count(EveryKind.VIEW)).isInstanceOf(IllegalStateException.class);
        SinkWriter prepared = preparedWriter("external");
        Throwable unrouted = catchThrowable(() -> prepared.write(List.of(new SinkRecord("other-view", delete("o-1", 1).record(), null))));
        assertThat(unrouted).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("view other-view is not routed");
        assertThat(prepared.classify(unrouted)).isEqualTo(Disposition.FAIL);
    }

    @Test
    void joinedDocumentsAreStoredExactlySearchedWithinOneItemAndGuardedByVersion() throws Exception {
        SinkWriter writer = writer(url.toString(), "external_gte", Map.of(JoinedOrder.VIEW, index),
                Map.of(JoinedOrder.VIEW, JoinedOrder.SCHEMA));
        writer.prepare();
        JsonNode derived = JSON.readTree(JsonpUtils.toJsonString(MappingFromSchema.mapping(JoinedOrder.SCHEMA), new JacksonJsonpMapper())
                .replace("\"dynamic\":true", "\"dynamic\":\"true\""));
        assertThat(inspector.mappingProperties(index)).isEqualTo(withoutDefaultObjectType(derived.deepCopy()));
        assertThat(derived.at("/properties/customer/type").asText()).isEqualTo("object");
        assertThat(derived.at("/properties/items/type").asText()).isEqualTo("nested");
        assertThat(derived.at("/properties/items/properties/product/properties/sku/type").asText()).isEqualTo("text");
        assertThat(derived.at("/properties/customer/properties/since/type").asText()).isEqualTo("date");

        assertThat(writer.write(List.of(joined(42, 10, JoinedOrder.order42()), joined(43, 10, JoinedOrder.order43()))))
                .containsExactly(WriteOutcome.WRITTEN, WriteOutcome.WRITTEN);

        assertStoredExactly("42", 10, JoinedOrder.order42());
        assertStoredExactly("43", 10, JoinedOrder.order43());
        assertThat(inspector.document(index, "43").source()).contains("\"customer\":null,\"items\":[],\"every\":null");
        // Nested: fields of one item match together; line 2's price with line 1's product matches nothing.
        String line2AtPrice = "{\"term\":{\"items.line_no\":2}},{\"range\":{\"items.unit_price\":{\"gte\":2.3,\"lte\":2.3}}}";
        assertThat(ids(inspector.search(index, nestedItems(line2AtPrice)))).containsExactly("42");
        assertThat(ids(inspector.search(index, nestedItems("{\"term\":{\"items.line_no\":2}},"
                + "{\"term\":{\"items.product.sku.keyword\":\"SKU-1\"}}")))).isEmpty();
        assertThat(ids(inspector.search(index, "{\"term\":{\"customer.email.keyword\":\"ada@example.org\"}}"))).containsExactly("42");
        assertThat(ids(inspector.search(index, "{\"range\":{\"customer.since\":{\"gte\":\"2020-02-29T23:59:59Z\"}}}")))
                .containsExactly("42");
        assertThat(ids(inspector.search(index, "{\"range\":{\"every.total\":{\"gte\":12345678.9}}}"))).containsExactly("42");

        // A newer version changes a nested value and drops an item; a replay of the older one is refused.
        assertThat(writer.write(List.of(joined(42, 11, JoinedOrder.order42Updated())))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(writer.write(List.of(joined(42, 10, JoinedOrder.order42())))).containsExactly(WriteOutcome.STALE);

        assertStoredExactly("42", 11, JoinedOrder.order42Updated());
        assertThat(ids(inspector.search(index, nestedItems(line2AtPrice)))).isEmpty();
        assertThat(ids(inspector.search(index, nestedItems("{\"range\":{\"items.unit_price\":{\"gte\":4.99,\"lte\":4.99}}}"))))
                .containsExactly("42");
        assertThat(ids(inspector.search(index, "{\"term\":{\"customer.email.keyword\":\"ada@example.org\"}}"))).isEmpty();
    }

    /**
     * The stored {@code _source} is the view topic's JSON of the document, and reads back (through
     * the view's field types) to exactly the values written: decimals with their scale, instants
     * with their microseconds, nested nulls and empty arrays as they were.
     */
    private void assertStoredExactly(String id, long version, Map<String, Object> document) throws Exception {
        IndexInspector.StoredDocument stored = inspector.document(index, id);
        assertThat(stored.version()).isEqualTo(version);
        String value = new String(new ViewRecordCodec(JoinedOrder.SCHEMA)
                .encodeValue(new ViewRecord(id, version, Op.UPDATE, 0, document)), StandardCharsets.UTF_8);
        assertThat(stored.source()).isEqualTo(value.substring(value.indexOf("\"doc\":") + "\"doc\":".length(), value.length() - 1));
        JsonNode source = EXACT_JSON.readTree(stored.source());
        Map<String, Object> readBack = new LinkedHashMap<>();
        JoinedOrder.SCHEMA.fields().forEach(f -> readBack.put(f.name(), FieldValues.fromJson(source.get(f.name()), f.type())));
        assertThat(readBack).usingRecursiveComparison().isEqualTo(document);
    }

    /** Elasticsearch reports an object with properties without its (default) {@code "type":"object"}. */
    /**
     * scan reads back every current document of a view, over several pages: its version, and
     * fields that canonicalize as the written view document's do, for every kind (special values,
     * nested objects, arrays of objects, nulls, json values only a companion field holds); a
     * deleted document is not among them.
     */
    @Test
    void scanReadsBackEveryCurrentDocumentAsWrittenOverSeveralPages() throws Exception {
        String everyIndex = index + "-every";
        String specialsIndex = index + "-specials";
        SinkWriter writer = writer(url.toString(), "external_gte",
                Map.of(EveryKind.VIEW, everyIndex, Specials.VIEW, specialsIndex, JoinedOrder.VIEW, index),
                Map.of(EveryKind.VIEW, EveryKind.SCHEMA, Specials.VIEW, Specials.SCHEMA, JoinedOrder.VIEW, JoinedOrder.SCHEMA));
        try {
            writer.prepare();
            Map<String, Map<String, Object>> every = new LinkedHashMap<>();
            Map<String, Long> everyVersions = new TreeMap<>();
            List<SinkRecord> records = new ArrayList<>();
            int many = ElasticsearchSinkWriter.SCAN_PAGE * 2 + 7;
            for (int i = 0; i < many; i++) {
                Map<String, Object> doc = i % 3 == 0 ? nullDocument("e" + i) : fullDocument("e" + i);
                if (i % 3 == 1) {
                    doc.put("metadata", i % 2 == 0 ? 5 : List.of(1, "x", new java.math.BigDecimal("2.50"))); // flattened cannot take these
                }
                every.put("e" + i, doc);
                everyVersions.put("e" + i, 100L + i);
                records.add(upsert("e" + i, 100L + i, doc));
            }
            records.add(upsert("gone", 5, fullDocument("gone")));
            records.add(delete("gone", 6));
            assertThat(writer.write(records)).containsOnly(WriteOutcome.WRITTEN);

            Map<String, Long> specialVersions = new TreeMap<>();
            List<SinkRecord> specials = new ArrayList<>();
            Specials.documents().forEach((id, doc) -> {
                specialVersions.put(id, 7L);
                specials.add(new SinkRecord(Specials.VIEW, new ViewRecord(id, 7, Op.UPDATE, 1_700_000_000_000L, doc),
                        new RecordCoordinates("test.view.specials", 0, specials.size())));
            });
            assertThat(writer.write(specials)).containsOnly(WriteOutcome.WRITTEN);

            assertThat(writer.write(List.of(joined(42, 10, JoinedOrder.order42()), joined(43, 10, JoinedOrder.order43()),
                    joined(44, 10, JoinedOrder.order42Updated())))).containsOnly(WriteOutcome.WRITTEN);
            assertThat(writer.write(List.of(joined(42, 11, JoinedOrder.order42Updated()),
                    new SinkRecord(JoinedOrder.VIEW, new ViewRecord("44", 12, Op.DELETE, 1_700_000_000_000L, null),
                            new RecordCoordinates("test.view." + JoinedOrder.VIEW, 0, 12)))))
                    .containsOnly(WriteOutcome.WRITTEN);
            Map<String, Map<String, Object>> joinedDocs = new LinkedHashMap<>();
            joinedDocs.put("42", JoinedOrder.order42Updated());
            joinedDocs.put("43", JoinedOrder.order43());

            assertScanned(writer, EveryKind.VIEW, EveryKind.SCHEMA, every, everyVersions);
            assertScanned(writer, Specials.VIEW, Specials.SCHEMA, Specials.documents(), specialVersions);
            assertScanned(writer, JoinedOrder.VIEW, JoinedOrder.SCHEMA, joinedDocs, new TreeMap<>(Map.of("42", 11L, "43", 10L)));
        } finally {
            inspector.deleteIndex(everyIndex);
            inspector.deleteIndex(specialsIndex);
        }
    }

    /** What {@code scan} gives, by id, equals the written documents' canonical fields, and the versions match. */
    static void assertScanned(SinkWriter writer, String view, ViewSchema schema, Map<String, Map<String, Object>> written,
                              Map<String, Long> versions) throws Exception {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        written.forEach((id, doc) -> expected.put(id, CanonicalValues.fields(doc, schema.fields())));
        Map<String, Map<String, String>> scanned = new TreeMap<>();
        Map<String, Long> scannedVersions = new TreeMap<>();
        List<StoredDocument> all = new ArrayList<>();
        writer.scan(view, all::add);
        for (StoredDocument stored : all) {
            Map<String, String> fields = CanonicalValues.fields(stored.fields(), schema.fields());
            String id = fields.get(schema.key().get(0));
            assertThat(scanned.put(id, fields)).as("scanned twice: %s", id).isNull();
            scannedVersions.put(id, stored.version());
        }
        assertThat(scanned.keySet()).as(view).isEqualTo(expected.keySet());
        expected.forEach((id, fields) -> assertThat(scanned.get(id)).as("%s %s", view, id).isEqualTo(fields));
        assertThat(scannedVersions).as(view).isEqualTo(versions);
    }

    private static JsonNode withoutDefaultObjectType(JsonNode mapping) {
        if (mapping instanceof ObjectNode object) {
            if (object.has("properties") && "object".equals(object.path("type").asText())) {
                object.remove("type");
            }
            object.forEach(ElasticsearchSinkWriterIT::withoutDefaultObjectType);
        }
        return mapping;
    }

    private static String nestedItems(String mustClauses) {
        return "{\"nested\":{\"path\":\"items\",\"query\":{\"bool\":{\"must\":[" + mustClauses + "]}}}}";
    }

    private static SinkRecord joined(long id, long version, Map<String, Object> document) {
        return new SinkRecord(JoinedOrder.VIEW, new ViewRecord(Long.toString(id), version, Op.UPDATE, 1_700_000_000_000L, document),
                new RecordCoordinates("test.view." + JoinedOrder.VIEW, 0, version));
    }

    private SinkWriter preparedWriter(String versionType) throws Exception {
        SinkWriter writer = writer(url.toString(), versionType, Map.of(EveryKind.VIEW, index));
        writer.prepare();
        return writer;
    }

    /** A writer made the way the runner makes one: the factory found by type through ServiceLoader. */
    private SinkWriter writer(String esUrl, String versionType, Map<String, String> targets) {
        return writer(esUrl, versionType, targets, Map.of(EveryKind.VIEW, EveryKind.SCHEMA));
    }

    private SinkWriter writer(String esUrl, String versionType, Map<String, String> targets, Map<String, ViewSchema> schemas) {
        return writer(esUrl, versionType, targets, schemas, Map.of());
    }

    private SinkWriter writer(String esUrl, String versionType, Map<String, String> targets, Map<String, ViewSchema> schemas,
                              Map<String, Map<String, Map<String, String>>> routeOptions) {
        return writer(esUrl, versionType, Map.of(), targets, schemas, routeOptions);
    }

    /** {@code moreConnection}: connection options besides url, numberOfReplicas (0) and versionType. */
    private SinkWriter writer(String esUrl, String versionType, Map<String, String> moreConnection, Map<String, String> targets,
                              Map<String, ViewSchema> schemas, Map<String, Map<String, Map<String, String>>> routeOptions) {
        Map<String, String> connection = new LinkedHashMap<>();
        connection.put("url", esUrl);
        connection.put("numberOfReplicas", "0");
        connection.put("versionType", versionType);
        connection.putAll(moreConnection);
        SinkOptions options = new SinkOptions("search", connection, targets, schemas, routeOptions);
        SinkWriter writer = SinkFactories.discover().forType("elasticsearch").create(options);
        writers.add(writer);
        return writer;
    }

    private Map<String, IndexInspector.StoredDocument> stored(String... ids) throws Exception {
        Map<String, IndexInspector.StoredDocument> documents = new LinkedHashMap<>();
        for (String id : ids) {
            documents.put(id, inspector.document(index, id));
        }
        return documents;
    }

    private static void assertDeadLettered(WriteOutcome outcome, String cause) {
        assertThat(outcome).isInstanceOfSatisfying(WriteOutcome.Failed.class, failed -> {
            assertThat(failed.disposition()).isEqualTo(Disposition.DEAD_LETTER);
            // Without the parse position ("[1:382] "), which moves whenever the test document changes.
            assertThat(failed.cause().replaceFirst("^(\\w+: )\\[\\d+:\\d+\\] ", "$1")).isEqualTo(cause);
        });
    }

    private static List<SinkRecord> documents(String idPrefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> upsert(idPrefix + i, 1000 + i, fullDocument(idPrefix + i))).toList();
    }

    private static List<String> ids(JsonNode hits) {
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.get("_id").asText()));
        return ids;
    }
}
