package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * The daemon's HTTP endpoint against real servers: /metrics counters move as changes stream and
 * the end-to-end latency histogram fills; /health/ready is 200, then 503 naming the MongoDB sink
 * while its store is unreachable, then 200 again once it writes. The shared MongoDB server is not
 * stopped: the sink reaches it through a {@link TcpProxy} the test cuts and restores.
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
    private int nextId = 1;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("observability_it");
        sql("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)");
        ConnectionString target = new ConnectionString(mongo.connectionString());
        String host = target.getHosts().get(0);
        int colon = host.lastIndexOf(':');
        proxy = new TcpProxy(colon < 0 ? host : host.substring(0, colon),
                colon < 0 ? 27017 : Integer.parseInt(host.substring(colon + 1)));
        String proxied = mongo.connectionString().replace(host, "127.0.0.1:" + proxy.port())
                + (mongo.connectionString().contains("?") ? "&" : (mongo.connectionString().matches("mongodb://[^/]+") ? "/?" : "?"))
                + "directConnection=true&serverSelectionTimeoutMS=3000&connectTimeoutMS=2000";
        pipeline = TestPipeline.create("observability_it", db, kafka, es, new MongoEndpoint(proxied), clickhouse,
                List.of("items"), new TestPipeline.Views("- {name: items, table: public.items}\n",
                        Map.of(TestPipeline.DOCUMENTS, List.of("items"), TestPipeline.ANALYTICS, List.of("items")), Map.of()));
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
    void metricsCountersMoveAndTheLatencyHistogramFills() throws Exception {
        assertThat(runtime.httpAddress()).hasValueSatisfying(address -> assertThat(address.getPort()).isPositive());
        insertRows(5);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(value(get("/metrics").body(), "syncline_sink_records_written_total", "documents")).isGreaterThanOrEqualTo(5));
        String first = get("/metrics").body();

        insertRows(10);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            String second = get("/metrics").body();
            assertThat(value(second, "syncline_sink_records_written_total", "documents"))
                    .isGreaterThanOrEqualTo(value(first, "syncline_sink_records_written_total", "documents") + 10);
            assertThat(value(second, "syncline_sink_records_written_total", "analytics"))
                    .isGreaterThanOrEqualTo(value(first, "syncline_sink_records_written_total", "analytics") + 10);
        });
        String second = get("/metrics").body();

        assertThat(value(second, "syncline_capture_changes_total", null))
                .isGreaterThanOrEqualTo(value(first, "syncline_capture_changes_total", null) + 10);
        assertThat(value(second, "syncline_view_records_in_total", null))
                .isGreaterThanOrEqualTo(value(first, "syncline_view_records_in_total", null) + 10);
        assertThat(value(second, "syncline_view_documents_out_total", null))
                .isGreaterThanOrEqualTo(value(first, "syncline_view_documents_out_total", null) + 10);
        assertThat(value(second, "syncline_end_to_end_latency_seconds_count", "documents"))
                .isGreaterThanOrEqualTo(value(first, "syncline_end_to_end_latency_seconds_count", "documents") + 10);
        assertThat(value(second, "syncline_end_to_end_latency_seconds_count", "analytics")).isGreaterThanOrEqualTo(15);
        assertThat(second).contains("syncline_end_to_end_latency_seconds_bucket{", "pipeline=\"" + pipeline.name() + "\"",
                "jvm_memory_used_bytes", "syncline_sink_lag_records{", "syncline_capture_source_lag_seconds{");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get("/health/ready").statusCode()).isEqualTo(200));
        HttpResponse<String> status = get("/status");
        assertThat(status.body()).contains("\"pipeline\" : \"" + pipeline.name() + "\"", "\"documents\"", "\"analytics\"",
                "\"phase\" : \"STREAMING\"", "\"syncline\"");
    }

    @Test
    @Order(2)
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
        assertThat(value(get("/metrics").body(), "syncline_sink_retrying", "documents")).isEqualTo(1);

        proxy.restore();
        long written = runtime.sinks().get(TestPipeline.DOCUMENTS).metrics().recordsWritten();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(get("/health/ready").statusCode()).isEqualTo(200));
        assertThat(runtime.sinks().get(TestPipeline.DOCUMENTS).metrics().recordsWritten()).isGreaterThanOrEqualTo(written);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(value(get("/metrics").body(), "syncline_sink_records_written_total", "documents")).isGreaterThanOrEqualTo(18));
        assertThat(runtime.failure()).isEmpty();
    }

    private void insertRows(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            sql("INSERT INTO items VALUES (" + nextId + ", 'item " + nextId + "')");
            nextId++;
        }
    }

    /** The value of the sample {@code metric} (of sink {@code sink}, or any when null); fails when there is none. */
    private static double value(String scrape, String metric, String sink) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        while (matcher.find()) {
            if (sink == null || matcher.group(1).contains("sink=\"" + sink + "\"")) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no sample of " + metric + (sink == null ? "" : " for sink " + sink));
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
