package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.sink.CanonicalValues;
import io.syncline.cdc.CaptureEngine;
import io.syncline.cdc.CapturePhase;
import io.syncline.cdc.SourceCatalog;
import io.syncline.cdc.TableSchema;
import io.syncline.cli.Main;
import io.syncline.config.TableName;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Schema changes while the daemon streams (Hardening II, item 5), under the default policy
 * ({@code schemaChanges: keep}), without restarting it: columns of six types added, int widened
 * to bigint, a column dropped, a column renamed, a column added while {@code syncline plan} shows
 * what each sink will do. After each, every sink holds the source's values typed (Elasticsearch
 * mapping and ClickHouse column types checked too), nothing is dead-lettered, and the runtime
 * (capture included) never stopped. Documents whose rows were not written since a column was
 * added lack that field in Elasticsearch and MongoDB (NULL in ClickHouse), and the source holds
 * NULL there: that is checked row by row, not skipped. Last, text → int stops the sinks with what
 * to do, and nothing is written with the wrong type.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaChangesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String VIEW = "items";
    private static final List<String> ADDED = List.of("due", "seen", "price", "attrs", "tags", "active");

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private CaptureEngine capture;
    private PostgresEndpoint db;
    /** Ids whose rows were not written since {@link #ADDED} were added: their documents lack those fields. */
    private final Set<String> untouchedSinceAdd = new java.util.TreeSet<>();

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("schema_changes_it");
        sql("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty int NOT NULL, legacy text, old_name text)",
                "INSERT INTO items SELECT i, 'item ' || i, i * 10, 'legacy ' || i, 'old ' || i FROM generate_series(1, 20) i");
        pipeline = TestPipeline.create("schema_changes_it", db, kafka, es, mongo, clickhouse, List.of(VIEW));
        runtime = PipelineRuntime.start(pipeline.spec());
        capture = runtime.capture();
        await().atMost(Duration.ofSeconds(120)).until(() -> runtime.capture().status().phase() == CapturePhase.STREAMING);
        awaitEverySinkEqualsTheSource();
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    @Order(1)
    void addedColumnsArriveTyped() throws Exception {
        sql("ALTER TABLE items ADD COLUMN due date, ADD COLUMN seen timestamptz, ADD COLUMN price numeric(12,2),"
                        + " ADD COLUMN attrs jsonb, ADD COLUMN tags text[], ADD COLUMN active boolean",
                "INSERT INTO items SELECT i, 'item ' || i, i, 'legacy ' || i, 'old ' || i, date '2024-02-28' + i,"
                        + " timestamptz '2024-03-01 12:00:00.123456+02' + i * interval '1 day', i * 1.25,"
                        + " jsonb_build_object('i', i, 'tags', jsonb_build_array('x', i)), ARRAY['a' || i, NULL, 'b'],"
                        + " i % 2 = 0 FROM generate_series(21, 30) i",
                "UPDATE items SET due = '1999-12-31', seen = now(), price = 99.99, attrs = '{\"k\": [1, 2.50]}',"
                        + " tags = '{}', active = true WHERE id <= 5",
                "UPDATE items SET name = 'renamed ' || id WHERE id = 6");
        IntStream.rangeClosed(7, 20).forEach(i -> untouchedSinceAdd.add(Integer.toString(i)));
        awaitEverySinkEqualsTheSource();

        Map<String, String> mapping = elasticsearchMapping();
        assertThat(mapping).as("Elasticsearch mapping").containsEntry("due", "date").containsEntry("seen", "date")
                .containsEntry("price", "double").containsEntry("attrs", "flattened").containsEntry("tags", "text")
                .containsEntry("active", "boolean");
        assertThat(clickhouseColumns()).as("ClickHouse columns").containsEntry("due", "Nullable(Date32)")
                .containsEntry("seen", "Nullable(DateTime64(6, 'UTC'))").containsEntry("price", "Nullable(Decimal(12, 2))")
                .containsEntry("attrs", "Nullable(String)").containsEntry("tags", "Array(Nullable(String))")
                .containsEntry("active", "Nullable(Bool)");
    }

    @Test
    @Order(2)
    void intWidenedToBigintTakesValuesBeyondInt() throws Exception {
        sql("ALTER TABLE items ALTER COLUMN qty TYPE bigint",
                "UPDATE items SET qty = 3000000000 WHERE id = 2",
                "INSERT INTO items (id, name, qty) VALUES (31, 'big', 9000000000000)");
        awaitEverySinkEqualsTheSource();
        assertThat(elasticsearchMapping()).containsEntry("qty", "long");
        assertThat(clickhouseColumns()).containsEntry("qty", "Int64");
    }

    @Test
    @Order(3)
    void droppedColumnStaysInTheSinksAndLaterDocumentsLackIt() throws Exception {
        sql("ALTER TABLE items DROP COLUMN legacy",
                "UPDATE items SET name = 'after drop' WHERE id = 3",
                "INSERT INTO items (id, name, qty) VALUES (32, 'after drop', 1)");
        awaitEverySinkEqualsTheSource();
        assertThat(runtime.schemas().get(VIEW).field("legacy")).isEmpty();
        // keep: the column stays with what it had; rows written since hold NULL there.
        assertThat(clickhouseColumns()).containsEntry("legacy", "Nullable(String)");
        assertThat(clickhouseText("legacy", "1")).isEqualTo("legacy 1");
        assertThat(clickhouseText("legacy", "32")).isNull();
        assertThat(StoreContents.elasticsearchSource(pipeline.es(), pipeline.target(VIEW), "1").path("legacy").asText())
                .isEqualTo("legacy 1");
        assertThat(StoreContents.elasticsearchSource(pipeline.es(), pipeline.target(VIEW), "32").has("legacy")).isFalse();
    }

    @Test
    @Order(4)
    void renamedColumnIsADropAndAnAdd() throws Exception {
        sql("ALTER TABLE items RENAME COLUMN old_name TO new_name",
                "UPDATE items SET name = 'after rename' WHERE id = 4",
                "INSERT INTO items (id, name, qty, new_name) VALUES (33, 'after rename', 1, 'new 33')");
        // Rows not written since the rename: the sinks keep old_name; new_name comes with the row's next write.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).isEmpty();
            assertThat(StoreContents.elasticsearchSource(pipeline.es(), pipeline.target(VIEW), "33").path("new_name").asText())
                    .isEqualTo("new 33");
            JsonNode untouched = StoreContents.elasticsearchSource(pipeline.es(), pipeline.target(VIEW), "1");
            assertThat(untouched.path("old_name").asText()).isEqualTo("old 1");
            assertThat(untouched.has("new_name")).isFalse();
            assertThat(clickhouseText("old_name", "1")).isEqualTo("old 1");
        });
        sql("UPDATE items SET new_name = new_name");
        untouchedSinceAdd.clear();
        awaitEverySinkEqualsTheSource();
        assertThat(clickhouseColumns()).containsEntry("new_name", "Nullable(String)").containsEntry("old_name", "Nullable(String)");
    }

    @Test
    @Order(5)
    void planShowsEachSinksChangeBeforeTheDaemonAppliesIt() throws Exception {
        sql("ALTER TABLE items ADD COLUMN extra int, DROP COLUMN new_name");
        // The command reads the process environment: write the test servers' passwords into the file.
        String yaml = pipeline.yaml().replace("${TEST_PG_PASSWORD}", db.password())
                .replace("${TEST_CH_PASSWORD}", pipeline.clickhouse().password());
        Path file = Files.writeString(pipeline.stateDir().resolve("plan.yaml"), yaml);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("plan", "-c", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("""
                sink search (elasticsearch, schemaChanges: keep):
                  index %1$s: add fields extra (long) to the mapping
                sink documents (mongodb, schemaChanges: keep):
                  no changes (MongoDB collections have no schema: documents take the new fields as they are written)
                sink analytics (clickhouse, schemaChanges: keep):
                  ALTER TABLE `default`.`%1$s` ADD COLUMN IF NOT EXISTS `extra` Nullable(Int32)
                """.formatted(pipeline.target(VIEW)));

        sql("UPDATE items SET extra = id * 2");
        awaitEverySinkEqualsTheSource();
        assertThat(clickhouseColumns()).containsEntry("extra", "Nullable(Int32)");
    }

    @Test
    @Order(6)
    void anIncompatibleTypeStopsTheSinksSayingToRebuildInsteadOfWritingWrongValues() throws Exception {
        sql("ALTER TABLE items ALTER COLUMN name TYPE int USING length(name)",
                "UPDATE items SET name = 42 WHERE id = 1");
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(runtime.failure()).get().asString().startsWith("sink ")
                        .contains("field name changed from text not null to int4 not null")
                        .contains("Rebuild the target: drop"));
        assertThat(clickhouseColumns()).as("not altered").containsEntry("name", "String");
        assertThat(elasticsearchMapping()).as("not altered").containsEntry("name", "text");
        assertThat(deadLetters()).as("dead letters").isEmpty();
    }

    /**
     * Every sink holds what the source holds, in every column the table has now (read from the
     * catalog here, not taken from the runtime), typed as the column is; the pipeline (the same
     * capture engine) kept running; nothing was dead-lettered.
     */
    private void awaitEverySinkEqualsTheSource() {
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            ViewSchema schema = sourceColumns();
            assertThat(runtime.schemas().get(VIEW)).as("the view's schema").isEqualTo(schema);
            Map<String, Map<String, String>> source = StoreContents.postgres(db, VIEW, schema);
            Map<String, Map<String, String>> documents = withoutFieldsAddedSince(source, schema);
            assertThat(StoreContents.differences(documents,
                    StoreContents.elasticsearch(pipeline.es(), pipeline.target(VIEW), schema), 20)).as("Elasticsearch").isEmpty();
            assertThat(StoreContents.differences(documents,
                    StoreContents.mongodb(pipeline.mongo(), pipeline.name(), VIEW, schema), 20)).as("MongoDB").isEmpty();
            assertThat(StoreContents.differences(source,
                    StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(VIEW), schema), 20)).as("ClickHouse").isEmpty();
        });
        assertThat(runtime.capture()).as("capture never restarted").isSameAs(capture);
        assertThat(deadLetters()).as("dead letters").isEmpty();
    }

    /**
     * The source rows as Elasticsearch and MongoDB hold them: a document not written since a column
     * was added lacks its field, where the source must hold NULL.
     */
    private Map<String, Map<String, String>> withoutFieldsAddedSince(Map<String, Map<String, String>> rows, ViewSchema schema) {
        Map<String, Map<String, String>> documents = new TreeMap<>();
        rows.forEach((id, row) -> {
            Map<String, String> document = new LinkedHashMap<>(row);
            if (untouchedSinceAdd.contains(id)) {
                ADDED.stream().filter(document::containsKey).forEach(field -> {
                    // NULL (a null array reads as an empty one: ClickHouse has no nullable arrays).
                    assertThat(row.get(field)).as("source %s of untouched row %s", field, id).isIn(null, "[]");
                    document.put(field, CanonicalValues.MISSING);
                });
            }
            documents.put(id, document);
        });
        return documents;
    }

    /** The table's columns as the catalog has them now, as the view's schema should be. */
    private ViewSchema sourceColumns() throws Exception {
        try (Connection c = db.connect()) {
            TableSchema table = new SourceCatalog(c).read(new TableName("public", VIEW));
            return new ViewSchema(VIEW, table.fields(), table.primaryKey());
        }
    }

    /** Each top-level field's type in the view's index mapping. */
    private Map<String, String> elasticsearchMapping() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(pipeline.es().url() + "/" + pipeline.target(VIEW) + "/_mapping")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode properties = JSON.readTree(response.body()).path(pipeline.target(VIEW)).path("mappings").path("properties");
        Map<String, String> types = new TreeMap<>();
        properties.properties().forEach(f -> types.put(f.getKey(), f.getValue().path("type").asText("object")));
        return types;
    }

    private Map<String, String> clickhouseColumns() throws Exception {
        Map<String, String> columns = new TreeMap<>();
        try (Connection c = pipeline.clickhouse().connect(); PreparedStatement s = c.prepareStatement(
                "SELECT name, type FROM system.columns WHERE table = ?")) {
            s.setString(1, pipeline.target(VIEW));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }

    private String clickhouseText(String column, String id) throws Exception {
        try (Connection c = pipeline.clickhouse().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + pipeline.target(VIEW) + " FINAL WHERE id = " + id)) {
            assertThat(rs.next()).as("ClickHouse row %s", id).isTrue();
            return rs.getString(1);
        }
    }

    /** Every record on the view stage's and the sinks' dead-letter topics. */
    private List<String> deadLetters() {
        List<String> topics = new ArrayList<>(TestPipeline.SINKS.stream().map(pipeline::deadLetterTopic).toList());
        topics.add(pipeline.name() + ".dlq.views");
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "schema-changes-it-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> records.add(r.topic() + ": "
                        + (r.value() == null ? "null" : new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))));
            }
        }
        return records;
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
