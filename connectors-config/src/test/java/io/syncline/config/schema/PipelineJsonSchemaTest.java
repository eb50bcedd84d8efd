package io.syncline.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.syncline.config.ConfigProblem;
import io.syncline.config.InvalidPipelineException;
import io.syncline.config.PipelineLoader;
import io.syncline.config.SinkCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The generated JSON Schema, checked with a real validator against the binder: examples validate,
 * both accept exactly the same keys at every mapping, and both reject what is wrong.
 */
class PipelineJsonSchemaTest {

    private static final SinkCatalog CATALOG = new io.syncline.config.TestCatalogs().fake();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** Close to no key, so the binder lists what it expects instead of suggesting one. */
    private static final String BOGUS = "zzzzzzzzzzzzzzzz";

    /** Every key the schema declares, each mapping at least once; a valid pipeline for the binder too. */
    private static final String EVERY_KEY = """
            name: shop
            stateDir: ${STATE_DIR:-./state}
            source:
              postgres: {host: db, port: "${PGPORT:-5432}", database: shop, user: postgres, password: "${PGPASSWORD:-}"}
              slot: shop_slot
              publication: shop_pub
              tables: [public.orders, public.customers, public.order_items, public.products]
              snapshot: no_data
              heartbeatInterval: 10s
              debezium: {"snapshot.fetch.size": 1000}
              replicaIdentity: {public.orders: full}
              excludeColumns: {public.products: [location]}
              generation: 0
              walRetention: {budget: 50GB, warnAt: 0.8, onExceeded: drop_slot, checkInterval: 30s}
            kafka:
              bootstrapServers: localhost:9092
              topicPrefix: shop
              partitions: 3
              replicationFactor: 1
              tombstoneRetention: 3d
              properties: {"acks": all}
            views:
              - name: orders
                table: public.orders
                key: [id]
                onTruncate: fail
                joins:
                  - name: customer
                    table: public.customers
                    kind: one
                    on: {customer_id: id}
                    fields: [id, email, phone, name, notes]
                    required: true
                  - name: items
                    table: public.order_items
                    kind: many
                    on: {id: order_id}
                    orderBy: [line_no desc]
                    joins:
                      - {name: product, table: public.products, kind: many-to-one, on: {product_id: id}}
                transforms:
                  - include: [id, status, customer, items, placed_at, total]
                  - exclude: [customer.notes]
                  - rename: {placed_at: ordered_at}
                  - mask: [customer.phone]
                  - mask: {fields: [customer.name], with: "xxx"}
                  - hash: {fields: [customer.email], salt: "${SALT:-pepper}"}
                  - compute: {total_cents: "total * 100"}
                  - filter: "status != 'cancelled'"
                  - flatten: [customer]
            sinks:
              - name: search
                type: elasticsearch
                connection: {url: "http://localhost:9200", username: elastic, password: not-in-messages, numberOfShards: 1,
                             numberOfReplicas: "${REPLICAS:-0}", versionType: external}
                views: [{view: orders, index: orders, mappings: {metadata: flattened}}]
                batch: {maxRecords: 500, maxBytes: 4194304, linger: 50ms, maxInFlight: 1}
                retry: {maxAttempts: 10, maxTime: 5m, initialBackoff: 50ms, maxBackoff: 10s}
                onError: {rejected: stop, retriesExhausted: deadletter}
              - name: documents
                type: mongodb
                connection: {uri: "mongodb://localhost", database: shop}
                views: [{view: orders, collection: orders}]
              - name: analytics
                type: clickhouse
                connection: {url: "http://localhost:8123", database: default, user: default, password: "",
                             schemaEvolution: fail, compress: false}
                views: [{view: orders, table: orders}]
            http: {enabled: true, address: "127.0.0.1:9464", token: "${SYNCLINE_HTTP_TOKEN:-}"}
            """;

    private final String schemaText = PipelineJsonSchema.generate(CATALOG);
    private final JsonNode schemaJson = JSON.readTree(schemaText);
    private final Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaText);

    @Test
    void isDraft2020_12AndClosedEverywhere() {
        assertThat(schemaJson.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schemaJson.get("additionalProperties").asBoolean(true)).isFalse();
        for (Map.Entry<String, JsonNode> def : schemaJson.get("$defs").properties()) {
            if (def.getValue().has("properties")) {
                assertThat(def.getValue().get("additionalProperties").isBoolean()).as(def.getKey()).isTrue();
                assertThat(def.getValue().get("additionalProperties").asBoolean(true)).as(def.getKey()).isFalse();
            }
        }
    }

    @Test
    void isStable() {
        assertThat(PipelineJsonSchema.generate(CATALOG)).isEqualTo(schemaText);
    }

    @Test
    void theDocumentWithEveryKeyIsValidForBoth() throws Exception {
        assertThat(errors(EVERY_KEY)).isEmpty();
        assertThat(bind(EVERY_KEY)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValidates(Path example) throws IOException {
        String yaml = Files.readString(example);
        assertThat(yaml).startsWith("# yaml-language-server: $schema=../schema/pipeline.schema.json\n");
        assertThat(errors(yaml)).as(example.toString()).isEmpty();
    }

    static Stream<Path> examples() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("examples"))) {
            files = listed.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    /**
     * Every mapping of the schema is used by the document with every key, with every key the schema
     * declares there; the binder accepts them all (above) and, given one more key, names exactly
     * that key as unknown and lists as expected exactly the keys the schema declares there.
     */
    @Test
    void schemaAndBinderAgreeOnTheKeysOfEveryMapping() throws Exception {
        JsonNode document = YAML.readTree(EVERY_KEY);
        List<Location> locations = new ArrayList<>();
        walk(document, schemaJson, "", "", "", locations);

        Map<String, Set<String>> usedByDef = new LinkedHashMap<>();
        for (Location location : locations) {
            usedByDef.computeIfAbsent(location.def, def -> new TreeSet<>()).addAll(location.keys());
        }
        Set<String> objectDefs = new TreeSet<>();
        schemaJson.get("$defs").properties().forEach(def -> {
            if (def.getValue().has("properties")) {
                objectDefs.add(def.getKey());
            }
        });
        objectDefs.add("");
        // The general route (view and every type's target key) applies only when the sink type is unknown.
        objectDefs.remove("route");
        Set<String> everyTarget = new TreeSet<>(List.of(PipelineModel.ROUTE_VIEW));
        usedByDef.keySet().stream().filter(def -> def.endsWith("Route")).forEach(def -> everyTarget.addAll(declared(def)));
        assertThat(declared("route")).isEqualTo(everyTarget);
        assertThat(usedByDef.keySet()).as("mappings of the schema that the document uses").containsAll(objectDefs);
        for (Map.Entry<String, Set<String>> used : usedByDef.entrySet()) {
            assertThat(used.getValue()).as("keys used at " + used.getKey()).isEqualTo(declared(used.getKey()));
        }

        int checked = 0;
        for (Location location : locations) {
            if (location.def.endsWith("Connection")) {
                continue; // the sink type checks connection keys, not the binder: see syncline-cli's PipelineSchemaFileTest
            }
            ObjectNode changed = (ObjectNode) document.deepCopy();
            ObjectNode mapping = (ObjectNode) changed.at(location.pointer);
            mapping.put(BOGUS, "x");
            String text = JSON.writeValueAsString(changed);

            assertThat(errors(text)).as("schema, with an unknown key at " + location.keyPath).isNotEmpty();
            List<ConfigProblem> problems = bind(text);
            String bogusPath = location.keyPath.isEmpty() ? BOGUS : location.keyPath + "." + BOGUS;
            assertThat(problems).as("binder, with an unknown key at " + location.keyPath).hasSize(1);
            assertThat(problems.get(0).keyPath()).isEqualTo(bogusPath);
            assertThat(problems.get(0).message()).startsWith("unknown key; expected one of ");
            Set<String> expected = new TreeSet<>(List.of(
                    problems.get(0).message().substring("unknown key; expected one of ".length()).split(", ")));
            assertThat(expected).as("keys the binder expects at " + location.keyPath).isEqualTo(declared(location.def));
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "snapshot: sometimes",                 // not an enum value
        "heartbeatInterval: 10 seconds",       // not a duration
        "tables: []",                          // at least one table
        "tables: public.orders",               // a list
        "postgres: {host: db, port: abc, database: shop, user: postgres}",   // not a number
        "postgres: {host: db, port: 70000, database: shop, user: postgres}", // out of range
        "postgres: {host: db, database: shop}",                              // user is required
        "debezium: [a, b]",                    // a map
    })
    void bothRejectAWrongSource(String line) throws Exception {
        String yaml = MINIMAL.replace("  tables: [public.orders]\n", "  tables: [public.orders]\n  " + line + "\n")
                .replace("  postgres: {host: 127.0.0.1, database: shop, user: postgres}\n", line.startsWith("postgres")
                        ? "" : "  postgres: {host: 127.0.0.1, database: shop, user: postgres}\n");
        if (line.startsWith("tables")) {
            yaml = yaml.replace("  tables: [public.orders]\n", "");
        }
        assertThat(errors(yaml)).as(yaml).isNotEmpty();
        assertThat(bind(yaml)).as(yaml).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "MINIMAL.replace('name: my-shop\\n', '')",
        "kind: sometimes",
        "two transforms in one item",
        "an empty transform item",
        "elasticsearch route with collection",
        "elasticsearch without url",
        "unknown sink type",
        "partitions: 0",
        "required: maybe",
    })
    void bothRejectOtherMistakes(String mistake) throws Exception {
        String yaml = switch (mistake) {
            case "kind: sometimes" -> MINIMAL + "    joins: [{name: c, table: public.orders, kind: sometimes, on: {a: b}}]\n";
            case "two transforms in one item" -> MINIMAL + "    transforms: [{include: [id], exclude: [x]}]\n";
            case "an empty transform item" -> MINIMAL + "    transforms: [{}]\n";
            case "elasticsearch route with collection" -> MINIMAL.replace("{view: orders, index: orders}", "{view: orders, collection: orders}");
            case "elasticsearch without url" -> MINIMAL.replace("connection: {url: \"http://127.0.0.1:9200\"}", "connection: {username: u}");
            case "unknown sink type" -> MINIMAL.replace("type: elasticsearch", "type: elasticsearh");
            case "partitions: 0" -> MINIMAL + "kafka: {partitions: 0}\n";
            case "required: maybe" -> MINIMAL + "    joins: [{name: c, table: public.orders, kind: one, on: {a: b}, required: maybe}]\n";
            default -> MINIMAL.replace("name: my-shop\n", "");
        };
        assertThat(errors(yaml)).as(yaml).isNotEmpty();
        assertThat(bind(yaml)).as(yaml).isNotEmpty();
    }

    @Test
    void interpolatedValuesValidateWhereverAScalarGoes() {
        String yaml = MINIMAL.replace("{host: 127.0.0.1, database: shop, user: postgres}",
                "{host: 127.0.0.1, port: \"${PGPORT:-5432}\", database: shop, user: postgres}")
                + "kafka: {partitions: \"${PARTITIONS}\", bootstrapServers: ~}\n";
        assertThat(errors(yaml)).isEmpty();
        assertThat(errors(yaml.replace("${PARTITIONS}", "three"))).isNotEmpty();
    }

    private static final String MINIMAL = """
            name: my-shop
            source:
              postgres: {host: 127.0.0.1, database: shop, user: postgres}
              tables: [public.orders]
            sinks:
              - name: search
                type: elasticsearch
                connection: {url: "http://127.0.0.1:9200"}
                views: [{view: orders, index: orders}]
            views:
              - name: orders
                table: public.orders
            """;

    private List<Error> errors(String yaml) {
        return schema.validate(YAML.readTree(yaml));
    }

    private static List<ConfigProblem> bind(String yaml) {
        try {
            new PipelineLoader().load("test.yaml", yaml, Map.of(), CATALOG);
            return List.of();
        } catch (InvalidPipelineException e) {
            return e.problems();
        }
    }

    /** The property names of a def ("" for the root). */
    private Set<String> declared(String def) {
        JsonNode node = def.isEmpty() ? schemaJson : schemaJson.get("$defs").get(def);
        return new TreeSet<>(node.get("properties").propertyNames());
    }

    /** A mapping of the document: its JSON pointer, its key path as the binder writes it, the schema def it is checked against. */
    private record Location(String pointer, String keyPath, String def, JsonNode node) {
        Set<String> keys() {
            return new LinkedHashSet<>(node.propertyNames());
        }
    }

    /** Follows the document through the schema: $ref, anyOf (the alternative of the node's shape), items, and the sinks' if/then. */

    private void walk(JsonNode node, JsonNode schemaNode, String pointer, String keyPath, String def, List<Location> out) {
        if (schemaNode.has("$ref")) {
            String target = schemaNode.get("$ref").asString().substring("#/$defs/".length());
            walk(node, schemaJson.get("$defs").get(target), pointer, keyPath, target, out);
            return;
        }
        if (schemaNode.has("anyOf")) {
            for (JsonNode alternative : schemaNode.get("anyOf")) {
                if (shapeMatches(node, resolve(alternative))) {
                    walk(node, alternative, pointer, keyPath, def, out);
                    return;
                }
            }
            return;
        }
        if (node.isObject() && schemaNode.has("properties")) {
            out.add(new Location(pointer, keyPath, def, node));
            // A sink's type picks the schema of its connection and routes (if/then), which replaces the general one here.
            JsonNode refined = null;
            for (JsonNode branch : schemaNode.path("allOf")) {
                if (branch.at("/if/properties/type/const").asString().equals(node.path("type").asString(null))) {
                    refined = branch.at("/then/properties");
                }
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode property = refined != null && refined.has(entry.getKey())
                        ? refined.get(entry.getKey()) : schemaNode.get("properties").get(entry.getKey());
                String childPath = keyPath.isEmpty() ? entry.getKey() : keyPath + "." + entry.getKey();
                walk(entry.getValue(), property, pointer + "/" + entry.getKey(), childPath, def, out);
            }
        } else if (node.isArray() && schemaNode.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), schemaNode.get("items"), pointer + "/" + i, keyPath + "[" + i + "]", def, out);
            }
        }
    }

    private JsonNode resolve(JsonNode schemaNode) {
        return schemaNode.has("$ref")
                ? schemaJson.get("$defs").get(schemaNode.get("$ref").asString().substring("#/$defs/".length())) : schemaNode;
    }

    private static boolean shapeMatches(JsonNode node, JsonNode schemaNode) {
        String type = schemaNode.path("type").asString("");
        return node.isObject() ? type.equals("object") : node.isArray() ? type.equals("array") : !type.equals("object") && !type.equals("array");
    }

}
