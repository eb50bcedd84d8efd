package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import io.syncline.config.PipelineSpec;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The daemon's HTTP endpoint against real servers: the snapshot's progress per table; /metrics
 * counters per table and per view move by exactly the changes made to two tables, the end-to-end
 * latency histogram fills, the Kafka clients' meters are there; /health/ready is 200, then 503
 * naming the MongoDB sink while its store is unreachable (found by the idle check while nothing
 * flows, and by the writes that fail), then 200 again. The shared MongoDB server is not stopped:
 * the sink reaches it through a {@link TcpProxy} the test cuts and restores.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {
    private final HttpClient client = HttpClient.newHttpClient();
    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;
    private TcpProxy proxy;
    private static final int SNAPSHOT_ROWS = 4;
    private int nextId = 1;
    private int nextNote = 1;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("observability_it");
        sql("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL)");
        insertRows(SNAPSHOT_ROWS);
        sql("ANALYZE items", "ANALYZE notes"); // pg_class.reltuples: the snapshot's expected rows
        ConnectionString target = new ConnectionString(mongo.connectionString());
        String host = target.getHosts().get(0);
        int colon = host.lastIndexOf(':');
        proxy = new TcpProxy(colon < 0 ? host : host.substring(0, colon),
                colon < 0 ? 27017 : Integer.parseInt(host.substring(colon + 1)));
        String proxied = mongo.connectionString().replace(host, "127.0.0.1:" + proxy.port())
                + (mongo.connectionString().contains("?") ? "&" : (mongo.connectionString().matches("mongodb://[^/]+") ? "/?" : "?"))
                + "directConnection=true&serverSelectionTimeoutMS=3000&connectTimeoutMS=2000";
        pipeline = TestPipeline.create("observability_it", db, kafka, es, new MongoEndpoint(proxied), clickhouse,
                List.of("items", "notes"), new TestPipeline.Views("- {name: items, table: public.items}\n"
                        + "- {name: notes, table: public.notes}\n",
                        Map.of(TestPipeline.DOCUMENTS, List.of("items", "notes"), TestPipeline.ANALYTICS, List.of("items")),
                        Map.of()));
        // TestPipeline's file has http: {address: "127.0.0.1:0"}: a free port, so parallel runs never collide.
        assertThat(pipeline.yaml()).contains("http: {address: \"127.0.0.1:0\"}");
        PipelineSpec spec = pipeline.spec();
        runtime = TestPipeline.startStreaming(spec);
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Order(1)
    void theSnapshotsProgressPerTable() throws Exception {
        String metrics = get("/metrics").body();
        assertThat(value(metrics, "syncline_capture_snapshot_rows_read", table("items"))).isEqualTo(SNAPSHOT_ROWS);
        assertThat(value(metrics, "syncline_capture_snapshot_rows_estimate", table("items"))).isEqualTo(SNAPSHOT_ROWS);
        assertThat(value(metrics, "syncline_capture_snapshot_state", table("items"), "state=\"DONE\"")).isEqualTo(1);
        assertThat(value(metrics, "syncline_capture_snapshot_state", table("items"), "state=\"RUNNING\"")).isZero();
        assertThat(value(metrics, "syncline_capture_snapshot_rows_read", table("notes"))).isZero();
        assertThat(value(metrics, "syncline_capture_snapshot_state", table("notes"), "state=\"DONE\""))
                .as("an empty table is done with the snapshot").isEqualTo(1);
        assertThat(value(metrics, "syncline_capture_changes_total", table("items"), "op=\"r\"")).isEqualTo(SNAPSHOT_ROWS);
        JsonNode items = json(get("/status").body()).path("capture").path("tables").path("public.items");
        assertThat(items.path("snapshot").path("state").asText()).isEqualTo("DONE");
        assertThat(items.path("snapshot").path("rowsRead").asLong()).isEqualTo(SNAPSHOT_ROWS);
        assertThat(items.path("snapshot").path("rowsEstimate").asLong()).isEqualTo(SNAPSHOT_ROWS);
    }

    @Test
    @Order(2)
    void perTableAndPerViewCountersMoveByExactlyTheChangesMade() throws Exception {
        assertThat(runtime.httpAddress()).hasValueSatisfying(address -> assertThat(address.getPort()).isPositive());
        awaitWritten("documents", SNAPSHOT_ROWS);
        awaitWritten("analytics", SNAPSHOT_ROWS);
        String first = get("/metrics").body();

        insertRows(5);
        sql("UPDATE items SET name = name || ' again' WHERE id IN (1, 2)");
        insertNotes(3);
        sql("DELETE FROM notes WHERE id = 1");
        // items: 5 creates + 2 updates to both sinks; notes: 3 creates and a delete to documents.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            String now = get("/metrics").body();
            // Every record is acknowledged once: written, or stale when note 1's create and delete share a
            // batch (of several versions of one document in a batch only the newest is written).
            assertThat(delta(first, now, "syncline_sink_records_written_total", sink("documents"))
                    + delta(first, now, "syncline_sink_records_stale_total", sink("documents"))).isEqualTo(11);
            assertThat(delta(first, now, "syncline_sink_records_written_total", sink("analytics"))).isEqualTo(7);
        });
        String second = get("/metrics").body();

        assertThat(delta(first, second, "syncline_capture_changes_total", table("items"), "op=\"c\"")).isEqualTo(5);
        assertThat(delta(first, second, "syncline_capture_changes_total", table("items"), "op=\"u\"")).isEqualTo(2);
        assertThat(delta(first, second, "syncline_capture_changes_total", table("items"), "op=\"d\"")).isZero();
        assertThat(delta(first, second, "syncline_capture_changes_total", table("notes"), "op=\"c\"")).isEqualTo(3);
        assertThat(delta(first, second, "syncline_capture_changes_total", table("notes"), "op=\"d\"")).isEqualTo(1);
        assertThat(delta(first, second, "syncline_capture_changes_total", table("notes"), "op=\"u\"")).isZero();
        assertThat(delta(first, second, "syncline_view_records_in_total", view("items"))).isEqualTo(7);
        assertThat(delta(first, second, "syncline_view_documents_out_total", view("items"))).isEqualTo(7);
        assertThat(delta(first, second, "syncline_view_deletes_total", view("items"))).isZero();
        assertThat(delta(first, second, "syncline_view_records_in_total", view("notes"))).isEqualTo(4);
        assertThat(delta(first, second, "syncline_view_documents_out_total", view("notes"))).isEqualTo(3);
        assertThat(delta(first, second, "syncline_view_deletes_total", view("notes"))).isEqualTo(1);
        assertThat(value(second, "syncline_view_stale_total", view("notes"))).isZero();
        assertThat(value(second, "syncline_view_dead_lettered_total", view("items"))).isZero();
        assertThat(delta(first, second, "syncline_end_to_end_latency_seconds_count", sink("documents")))
                .as("one latency per record written").isEqualTo(delta(first, second, "syncline_sink_records_written_total",
                        sink("documents"))).isGreaterThanOrEqualTo(10);
        assertThat(value(second, "syncline_end_to_end_latency_seconds_count", sink("analytics"))).isGreaterThanOrEqualTo(7);
        assertThat(second).contains("syncline_end_to_end_latency_seconds_bucket{", "pipeline=\"" + pipeline.name() + "\"",
                "jvm_memory_used_bytes", "syncline_sink_lag_records{", "syncline_capture_source_lag_seconds{");
        // The Kafka clients' own meters: capture's producer, the sinks' consumers, the view stage's Kafka Streams.
        assertThat(second).contains("kafka_producer_record_send_total{", "client_id=\"syncline-" + pipeline.name() + "-capture\"",
                "kafka_consumer_fetch_manager_records_consumed_total{", "kafka_stream_thread_");
        assertThat(second.lines().filter(l -> l.startsWith("kafka_")).filter(l -> l.contains("partition=\"")
                || l.contains("node_id=\"") || l.contains("task_id=\"") || l.matches("kafka_\\w+_rate\\{.*")))
                .as("no per-partition, -broker or -task series, no windowed rates").isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(value(get("/metrics").body(), "syncline_sink_lag_seconds", sink("documents"))).isZero());

        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get("/health/ready").statusCode()).isEqualTo(200));
        HttpResponse<String> status = get("/status");
        assertThat(status.body()).contains("\"pipeline\" : \"" + pipeline.name() + "\"", "\"documents\"", "\"analytics\"",
                "\"phase\" : \"STREAMING\"", "\"syncline\"", "\"debezium\"", "\"kafka\"", "\"java\"");
        JsonNode document = json(status.body());
        assertThat(document.path("capture").path("tables").path("public.notes").path("changesByOperation").path("d").asLong())
                .isEqualTo(1);
        assertThat(document.path("views").path("byView").path("notes").path("deletes").asLong()).isEqualTo(1);
        assertThat(document.path("sinks").path("documents").path("lagSeconds").isNumber()).isTrue();
    }

    @Test
    @Order(3)
    void anIdleSinkWhoseStoreStopsAnsweringIsNotReadyUntilItAnswersAgain() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get("/health/ready").statusCode()).isEqualTo(200));
        long written = runtime.sinks().get(TestPipeline.DOCUMENTS).metrics().recordsWritten();
        proxy.cut(); // nothing flows: only the idle check can notice

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"reason\" : \"sink documents: idle, and its store does not answer since");
        });
        assertThat(value(get("/metrics").body(), "syncline_sink_unreachable", sink("documents"))).isEqualTo(1);
        assertThat(value(get("/metrics").body(), "syncline_sink_unreachable", sink("analytics"))).isZero();
        assertThat(json(get("/status").body()).path("sinks").path("documents").path("unreachable").path("message").asText())
                .isNotEmpty();
        assertThat(runtime.sinks().get(TestPipeline.DOCUMENTS).metrics().recordsWritten()).isEqualTo(written);

        proxy.restore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(get("/health/ready").statusCode()).isEqualTo(200));
        assertThat(value(get("/metrics").body(), "syncline_sink_unreachable", sink("documents"))).isZero();
        assertThat(runtime.failure()).isEmpty();
    }

    @Test
    @Order(4)
    void readinessNamesASinkWhoseStoreIsUnreachableAndRecoversOnceItWrites() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get("/health/ready").statusCode()).isEqualTo(200));
        proxy.cut();
        insertRows(3);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> ready = get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"reason\" : \"sink documents: retrying");
        });
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.body()).contains("\"sink analytics\" : {\n      \"state\" : \"RUNNING\",\n      \"up\" : true");
        assertThat(get("/status").body()).contains("\"retrying\" : true");
        assertThat(value(get("/metrics").body(), "syncline_sink_retrying", sink("documents"))).isEqualTo(1);

        proxy.restore();
        long written = runtime.sinks().get(TestPipeline.DOCUMENTS).metrics().recordsWritten();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(get("/health/ready").statusCode()).isEqualTo(200));
        assertThat(runtime.sinks().get(TestPipeline.DOCUMENTS).metrics().recordsWritten()).isGreaterThanOrEqualTo(written);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(runtime.sinks().get(TestPipeline.DOCUMENTS).metrics().recordsWritten()).isGreaterThanOrEqualTo(written + 3));
        assertThat(runtime.failure()).isEmpty();
    }

    private void insertRows(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            sql("INSERT INTO items VALUES (" + nextId + ", 'item " + nextId + "')");
            nextId++;
        }
    }

    private void insertNotes(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            sql("INSERT INTO notes VALUES (" + nextNote + ", 'note " + nextNote + "')");
            nextNote++;
        }
    }

    private void awaitWritten(String sink, int records) {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(value(get("/metrics").body(), "syncline_sink_records_written_total", sink(sink))).isGreaterThanOrEqualTo(records));
    }

    private static String table(String table) {
        return "table=\"public." + table + "\"";
    }

    private static String view(String view) {
        return "view=\"" + view + "\"";
    }

    private static String sink(String sink) {
        return "sink=\"" + sink + "\"";
    }

    /** How much the sample moved from one scrape to the next. */
    private static double delta(String before, String after, String metric, String... labels) {
        return value(after, metric, labels) - value(before, metric, labels);
    }

    /** The value of the sample {@code metric} whose labels include all of {@code labels} ({@code key="value"}); fails when there is none. */
    private static double value(String scrape, String metric, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        while (matcher.find()) {
            String found = matcher.group(1);
            if (Arrays.stream(labels).allMatch(found::contains)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no sample of " + metric + " with " + String.join(", ", labels));
    }

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }

    private HttpResponse<String> get(String path) throws Exception {
        int port = runtime.httpAddress().orElseThrow().getPort();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
