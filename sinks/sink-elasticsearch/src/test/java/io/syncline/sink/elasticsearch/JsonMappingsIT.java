package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.WriteOutcome;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * json whose shape varies between rows and inside arrays, against a real Elasticsearch, in each
 * mapping mode: which rows index, which are refused (and so dead-lettered), what can be queried.
 */
@RealServices
class JsonMappingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIEW = EveryKind.VIEW; // EveryKind.upsert makes records of this view
    private static final ViewSchema SCHEMA = new ViewSchema(VIEW, List.of(
            new ViewField("id", FieldType.of(FieldKind.STRING, false, "text")),
            new ViewField("data", FieldType.of(FieldKind.JSON, true, "jsonb"))), List.of("id"));

    /** Rows in write order (one shard: Elasticsearch applies them in this order); later ones vary the earlier shapes. */
    static final Map<String, String> ROWS = new LinkedHashMap<>();

    static {
        ROWS.put("number", "{\"a\":1}");
        ROWS.put("string-for-number", "{\"a\":\"x\"}");
        ROWS.put("object-for-number", "{\"a\":{\"b\":1}}");
        ROWS.put("number-again", "{\"a\":5}");
        ROWS.put("mixed-array", "[1,\"x\",{\"k\":1}]");
        ROWS.put("mixed-array-inside", "{\"list\":[1,\"x\",{\"k\":1},[2,3],null,true]}");
        ROWS.put("deep-25", deep(25));
        ROWS.put("empty-object", "{}");
        ROWS.put("empty-array", "[]");
        ROWS.put("empty-inside", "{\"o\":{},\"l\":[]}");
        ROWS.put("unicode-keys", "{\"ключ\":\"значение\",\"名前\":\"太郎\",\"emoji😀\":1}");
        ROWS.put("dotted-keys", "{\"p.q\":1,\"p\":2}");
        ROWS.put("scalar", "\"just text\"");
        ROWS.put("long-leaf", "{\"blob\":\"" + "y".repeat(10_000) + "\"}");
    }

    private final URI url;
    private final IndexInspector inspector;
    private final List<SinkWriter> writers = new ArrayList<>();
    private final List<String> indices = new ArrayList<>();

    JsonMappingsIT(ElasticsearchEndpoint es) {
        this.url = es.url();
        this.inspector = new IndexInspector(url);
    }

    @AfterEach
    void cleanUp() throws Exception {
        writers.forEach(SinkWriter::close);
        for (String index : indices) {
            inspector.deleteIndex(index);
        }
        inspector.close();
    }

    @Test
    void theDefaultFlattenedIndexesEveryRowAndQueriesLeavesAsKeywords() throws Exception {
        String index = write(null);

        // Nothing is refused: any object (and []) goes to the flattened field whatever its keys' types; a root that
        // is a scalar or an array holding a scalar, which Elasticsearch's flattened parser refuses, goes to the text
        // field data__json beside it, with data null.
        assertThat(refused(index)).isEmpty();
        TreeSet<String> asText = new TreeSet<>(List.of("mixed-array", "scalar"));
        TreeSet<String> flattened = new TreeSet<>(ROWS.keySet());
        flattened.removeAll(asText);
        assertSourcesExact(index, flattened);
        for (String id : asText) {
            JsonNode source = JSON.readTree(inspector.document(index, id).source());
            assertThat(source.get("data").isNull()).as(id).isTrue();
            assertThat(JSON.readTree(source.get("data__json").asText())).as(id).isEqualTo(JSON.readTree(ROWS.get(id)));
        }
        assertThat(ids(index, "{\"match_phrase\":{\"data__json\":\"just text\"}}")).containsExactly("scalar");
        assertThat(ids(index, "{\"exists\":{\"field\":\"data__json\"}}")).containsExactlyInAnyOrderElementsOf(asText);
        assertThat(ids(index, "{\"term\":{\"data.a\":\"x\"}}")).containsExactly("string-for-number");
        assertThat(ids(index, "{\"term\":{\"data.a.b\":\"1\"}}")).containsExactly("object-for-number");
        assertThat(ids(index, "{\"range\":{\"data.a\":{\"gte\":\"5\",\"lte\":\"z\"}}}")).containsExactlyInAnyOrder("string-for-number", "number-again");
        assertThat(ids(index, "{\"term\":{\"data.ключ\":\"значение\"}}")).containsExactly("unicode-keys");
        assertThat(ids(index, "{\"term\":{\"data.p.q\":\"1\"}}")).containsExactly("dotted-keys");
        assertThat(ids(index, "{\"exists\":{\"field\":\"data.list\"}}")).containsExactly("mixed-array-inside");
        assertThat(ids(index, "{\"term\":{\"data" + ".n".repeat(25) + "\":\"bottom\"}}")).containsExactly("deep-25");
        // Longer than ignore_above: kept in _source, not indexed, and the row is not refused.
        assertThat(ids(index, "{\"exists\":{\"field\":\"data.blob\"}}")).isEmpty();
    }

    @Test
    void objectTypesTheFirstShapeAndRefusesRowsThatDisagree() throws Exception {
        String index = write("object");

        assertThat(refused(index)).containsExactlyInAnyOrder("string-for-number", "object-for-number", "mixed-array",
                "mixed-array-inside", "deep-25", "dotted-keys", "scalar");
        TreeSet<String> written = new TreeSet<>(ROWS.keySet());
        written.removeAll(refused(index));
        assertSourcesExact(index, written);
        // Typed: a numeric range on a number.
        assertThat(ids(index, "{\"range\":{\"data.a\":{\"gte\":2}}}")).containsExactly("number-again");
        assertThat(ids(index, "{\"match\":{\"data.ключ\":\"значение\"}}")).containsExactly("unicode-keys");
    }

    @Test
    void disabledKeepsEveryRowInSourceAndIndexesNothing() throws Exception {
        String index = write("disabled");

        assertThat(refused(index)).isEmpty();
        assertSourcesExact(index, ROWS.keySet());
        assertThat(ids(index, "{\"exists\":{\"field\":\"data.a\"}}")).isEmpty();
        assertThat(ids(index, "{\"exists\":{\"field\":\"data\"}}")).isEmpty();
    }

    @Test
    void textIndexesEveryRowAsItsJsonTextForFullTextSearch() throws Exception {
        String index = write("text");

        assertThat(refused(index)).isEmpty();
        for (Map.Entry<String, String> row : ROWS.entrySet()) {
            JsonNode source = JSON.readTree(inspector.document(index, row.getKey()).source());
            assertThat(source.get("data").isTextual()).as(row.getKey()).isTrue();
            assertThat(JSON.readTree(source.get("data").asText())).as(row.getKey()).isEqualTo(JSON.readTree(row.getValue()));
        }
        assertThat(ids(index, "{\"match\":{\"data\":\"значение\"}}")).containsExactly("unicode-keys");
        assertThat(ids(index, "{\"match_phrase\":{\"data\":\"just text\"}}")).containsExactly("scalar");
    }

    /** Writes every row in one batch to a new index with {@code data} in this mode (null: the default); returns the index. */
    private String write(String mode) throws Exception {
        String index = "json-" + (mode == null ? "default" : mode) + "-" + UUID.randomUUID();
        indices.add(index);
        Map<String, Map<String, Map<String, String>>> routeOptions = mode == null ? Map.of()
                : Map.of(VIEW, Map.of("mappings", Map.of("data", mode)));
        SinkWriter writer = SinkFactories.discover().forType("elasticsearch").create(new SinkOptions("search",
                Map.of("url", url.toString(), "numberOfReplicas", "0"), Map.of(VIEW, index), Map.of(VIEW, SCHEMA), routeOptions));
        writers.add(writer);
        writer.prepare();
        List<SinkRecord> batch = new ArrayList<>();
        for (Map.Entry<String, String> row : ROWS.entrySet()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("id", row.getKey());
            document.put("data", JSON.readValue(row.getValue(), Object.class));
            batch.add(EveryKind.upsert(row.getKey(), 1, document));
        }
        List<WriteOutcome> outcomes = writer.write(batch);
        List<String> ids = List.copyOf(ROWS.keySet());
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof WriteOutcome.Failed failed) {
                System.out.println("[json-mappings] " + mode + ": " + ids.get(i) + " refused: " + failed.disposition() + " " + failed.cause());
            }
        }
        return index;
    }

    /** Rows not in the index: refused by Elasticsearch (the runner dead-letters them). */
    private TreeSet<String> refused(String index) throws Exception {
        TreeSet<String> missing = new TreeSet<>();
        for (String id : ROWS.keySet()) {
            if (inspector.document(index, id) == null) {
                missing.add(id);
            }
        }
        return missing;
    }

    private void assertSourcesExact(String index, java.util.Collection<String> ids) throws Exception {
        for (String id : ids) {
            JsonNode source = JSON.readTree(inspector.document(index, id).source());
            assertThat(source.get("data")).as(id).isEqualTo(JSON.readTree(ROWS.get(id)));
        }
    }

    private List<String> ids(String index, String query) throws Exception {
        List<String> ids = new ArrayList<>();
        inspector.search(index, query).forEach(hit -> ids.add(hit.get("_id").asText()));
        return ids;
    }

    private static String deep(int levels) {
        return "{\"n\":".repeat(levels) + "\"bottom\"" + "}".repeat(levels);
    }
}
