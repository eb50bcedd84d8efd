package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.cdc.SourceCatalog;
import io.syncline.cdc.TableSchema;
import io.syncline.config.TableName;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pipeline split in two processes: one captures and runs the views, the other runs every sink
 * with a pipeline file whose PostgreSQL is a port that only counts connections. The sink process
 * starts first and waits for the views' schemas on the schemas topic; then every sink equals the
 * source, also after a column is added and after int is widened to bigint, which the sink process
 * learns from the schemas topic alone. It never connects to PostgreSQL, not even to answer its
 * health, status and metrics.
 */
@RealServices
class SinkOnlyProcessIT {
    private static final String VIEW = "items";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aSinkProcessWithoutPostgresWritesEverySinkAndFollowsTheSchemaChanges(PostgresEndpoint postgres,
            KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("sink_only_it");
        sql(db, "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty int NOT NULL)",
                "INSERT INTO items SELECT i, 'item ' || i, i * 10 FROM generate_series(1, 50) i");
        TestPipeline pipeline = TestPipeline.create("sink_only_it", db, kafka, es, mongo, clickhouse, List.of(VIEW));
        String schemaTopic = pipeline.name() + ".syncline.schemas";
        DaemonProcess sinks = null;
        DaemonProcess upstream = null;
        try (ConnectionCounter noPostgres = new ConnectionCounter()) {
            // Each process its own state directory: Kafka Streams locks it, and the sink process has none of the views'.
            Path sinkState = Files.createDirectories(pipeline.stateDir().resolve("sink-process"));
            Path sinkFile = pipeline.writeFile("sinks.yaml", sinkState, noPostgres.port());
            sinks = DaemonProcess.start(sinkFile, pipeline.environment(), pipeline.stateDir().resolve("sinks.log"),
                    List.of("--role", "sink"));
            DaemonProcess waiting = sinks;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(waiting.output()).as("sink process log").contains("waiting for the views process to publish"
                            + " the schema of view items on topic " + schemaTopic));
            assertThat(sinks.isAlive()).as("waits instead of failing; log:\n%s", sinks.tail()).isTrue();

            upstream = DaemonProcess.start(pipeline.writeFile(), pipeline.environment(),
                    pipeline.stateDir().resolve("upstream.log"), List.of("--role", "capture", "--role", "views"))
                    .awaitRunning(Duration.ofMinutes(3));
            sinks.awaitRunning(Duration.ofMinutes(3));
            awaitEverySinkEqualsTheSource(db, pipeline, sinks, upstream);

            sql(db, "UPDATE items SET name = 'renamed ' || id WHERE id % 3 = 0",
                    "INSERT INTO items SELECT i, 'late ' || i, i FROM generate_series(51, 60) i",
                    "DELETE FROM items WHERE id IN (7, 8)");
            awaitEverySinkEqualsTheSource(db, pipeline, sinks, upstream);

            // Every row written after each change, so every document holds the new column (no field missing).
            sql(db, "ALTER TABLE items ADD COLUMN price numeric(12,2)",
                    "UPDATE items SET price = id * 1.25",
                    "INSERT INTO items (id, name, qty, price) VALUES (61, 'priced', 1, 99.99), (62, 'no price', 2, NULL)");
            awaitEverySinkEqualsTheSource(db, pipeline, sinks, upstream);
            assertThat(clickhouseColumns(pipeline)).containsEntry("price", "Nullable(Decimal(12, 2))");
            assertThat(elasticsearchMapping(pipeline)).containsEntry("price", "double");

            sql(db, "ALTER TABLE items ALTER COLUMN qty TYPE bigint",
                    "UPDATE items SET qty = 3000000000 + id",
                    "INSERT INTO items (id, name, qty, price) VALUES (63, 'big', 9000000000000, 1.00)");
            awaitEverySinkEqualsTheSource(db, pipeline, sinks, upstream);
            assertThat(clickhouseColumns(pipeline)).containsEntry("qty", "Int64");
            assertThat(elasticsearchMapping(pipeline)).containsEntry("qty", "long");

            // Health, status and metrics of the sink process: what they read must not reach PostgreSQL either.
            String http = "http://127.0.0.1:" + sinks.httpPort();
            assertThat(get(http + "/health/ready")).as("/health/ready").isEqualTo(200);
            JsonNode status = JSON.readTree(body(http + "/status"));
            assertThat(status.path("roles").asText()).isEqualTo("sink");
            assertThat(status.has("capture") || status.has("slot") || status.has("views")).as("status of other roles").isFalse();
            assertThat(status.path("sinks").properties()).extracting(Map.Entry::getKey)
                    .containsExactlyElementsOf(TestPipeline.SINKS);
            assertThat(body(http + "/metrics")).contains("syncline_sink_records_written_total").contains("syncline_slot_state");

            String sinkLog = sinks.output();
            for (String sink : TestPipeline.SINKS) {
                assertThat(sinkLog).as("sink %s restarted for both changes", sink)
                        .containsPattern("sink " + sink + ": view items has a new schema, version \\d+ \\(was \\d+\\)(?s).*"
                                + "sink " + sink + ": view items has a new schema, version \\d+ \\(was \\d+\\)");
            }
            assertThat(noPostgres.accepted()).as("connections of the sink process to PostgreSQL").isZero();
            assertThat(sinks.isAlive()).isTrue();
            assertThat(upstream.isAlive()).isTrue();
        } finally {
            if (sinks != null) {
                sinks.close();
            }
            if (upstream != null) {
                upstream.close();
            }
            sql(db, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND slot_name = '"
                    + pipeline.spec().source().slot() + "'");
        }
        pipeline.deleteStateDir(); // kept when the test fails: the processes' logs are in it
    }

    /** Every sink holds what the source holds, in every column the table has now (read from the catalog here). */
    private static void awaitEverySinkEqualsTheSource(PostgresEndpoint db, TestPipeline pipeline, DaemonProcess sinks,
                                                      DaemonProcess upstream) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(sinks.isAlive()).as("sink process alive; log:\n%s", sinks.tail()).isTrue();
            assertThat(upstream.isAlive()).as("capture and views process alive; log:\n%s", upstream.tail()).isTrue();
            ViewSchema schema = sourceColumns(db);
            Map<String, Map<String, String>> source = StoreContents.postgres(db, VIEW, schema);
            assertThat(StoreContents.differences(source,
                    StoreContents.elasticsearch(pipeline.es(), pipeline.target(VIEW), schema), 20)).as("Elasticsearch").isEmpty();
            assertThat(StoreContents.differences(source,
                    StoreContents.mongodb(pipeline.mongo(), pipeline.name(), VIEW, schema), 20)).as("MongoDB").isEmpty();
            assertThat(StoreContents.differences(source,
                    StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(VIEW), schema), 20)).as("ClickHouse").isEmpty();
        });
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static ViewSchema sourceColumns(PostgresEndpoint db) throws Exception {
        try (Connection c = db.connect()) {
            TableSchema table = new SourceCatalog(c).read(new TableName("public", VIEW));
            return new ViewSchema(VIEW, table.fields(), table.primaryKey());
        }
    }

    /** Each top-level field's type in the view's index mapping. */
    private static Map<String, String> elasticsearchMapping(TestPipeline pipeline) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(pipeline.es().url() + "/" + pipeline.target(VIEW) + "/_mapping")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode properties = JSON.readTree(response.body()).path(pipeline.target(VIEW)).path("mappings").path("properties");
        Map<String, String> types = new LinkedHashMap<>();
        properties.properties().forEach(field -> types.put(field.getKey(), field.getValue().path("type").asText("object")));
        return types;
    }

    private static Map<String, String> clickhouseColumns(TestPipeline pipeline) throws Exception {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Connection c = pipeline.clickhouse().connect();
             PreparedStatement s = c.prepareStatement("SELECT name, type FROM system.columns WHERE table = ?")) {
            s.setString(1, pipeline.target(VIEW));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }

    private static void sql(PostgresEndpoint db, String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
