package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.cli.Main;
import io.syncline.config.PipelineLoader;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * {@code syncline dlq} against the daemon and real servers, the way an operator meets a rejection:
 * a row whose json (mapped {@code object} in Elasticsearch) holds more keys than the index's
 * {@code index.mapping.total_fields.limit} is dead-lettered by the search sink. {@code dlq list}
 * shows it with its cause; a replay before the fix is rejected again (and pending again); after the
 * operator raises the limit, {@code dlq replay --cause} brings the row in exactly, a row updated in
 * the meantime is skipped as superseded (its newer version stays), {@code dlq list} no longer shows
 * either as pending, and a second replay sends nothing.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DlqReplayIT {
    private static final String WIDE = "(SELECT jsonb_object_agg('k' || i, i) FROM generate_series(1, 1100) i)";

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;
    private Path file;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("dlq_replay_it");
        sql("CREATE TABLE things (id bigint PRIMARY KEY, payload jsonb, name text)");
        pipeline = TestPipeline.create("dlq_replay_it", db, kafka, es, mongo, clickhouse, List.of("things"),
                new TestPipeline.Views("- {name: things, table: public.things}\n",
                        Map.of(TestPipeline.SEARCH, List.of("things")), Map.of()));
        // The file as an operator has it: json mapped as typed objects, the password written out (the CLI
        // runs in this JVM, whose environment has no TEST_PG_PASSWORD).
        String index = pipeline.target("things");
        file = Files.writeString(pipeline.stateDir().resolve("dlq.yaml"), pipeline.yaml()
                .replace("index: " + index + "}", "index: " + index + ", mappings: {payload: object}}")
                .replace("${TEST_PG_PASSWORD}", db.password()));
        runtime = TestPipeline.startStreaming(new PipelineLoader().load(file, Map.of(), SinkFactoryCatalog.discover()));
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    void aRejectedRowIsListedAndReplayedOnceItsCauseIsFixed() throws Exception {
        sql("INSERT INTO things VALUES (1, '{\"a\": 1}', 'small')",
                "INSERT INTO things VALUES (2, " + WIDE + ", 'too wide')",
                "INSERT INTO things VALUES (4, " + WIDE + ", 'too wide, then fixed in the source')",
                "INSERT INTO things VALUES (3, '{\"a\": 3}', 'small')");
        awaitSearchHolds(List.of("1", "3"));
        String listed = awaitOutput(() -> dlq("list", "--sink", "search"), "2 dead letters, 2 pending");
        assertThat(listed).contains("2 x ", "Limit of total fields [1000]", "key 2  from " + pipeline.name()
                + ".view.things:", "key 4  from ");

        // Replayed before the cause is fixed: rejected again, so pending again, now as a dead letter of the copy.
        assertThat(dlq("replay", "--sink", "search", "--key", "2").out()).contains("replayed 1,");
        String again = awaitOutput(() -> dlq("list", "--sink", "search"), "3 dead letters, 2 pending");
        java.util.regex.Matcher pending = java.util.regex.Pattern.compile("\\.dlq\\.search:0:(\\d+)  key 2 ").matcher(again);
        assertThat(pending.find()).as(again).isTrue();
        CliRun shown = dlq("show", "--sink", "search", pending.group(1));
        assertThat(shown.out()).as(shown.err()).contains("status      pending", "key         2",
                "syncline.dlq.replay-of: " + pipeline.name() + ".dlq.search:0:", "Limit of total fields")
                .doesNotContain("value ", "k1000");
        assertThat(dlq("show", "--sink", "search", pending.group(1), "--value").out()).contains("value ", "k1000");

        // Row 4 is fixed in the source: its newer version arrives by itself, and its dead letter is superseded.
        sql("UPDATE things SET payload = '{\"a\": 4}' WHERE id = 4");
        awaitSearchHolds(List.of("1", "3", "4"));

        // The operator's fix for row 2: a wider field limit on the index.
        elasticsearch("PUT", "/" + pipeline.target("things") + "/_settings", "{\"index.mapping.total_fields.limit\": 5000}");
        assertThat(dlq("replay", "--sink", "search", "--cause", "total fields", "--dry-run").out())
                .contains("would replay 1, superseded 1");
        CliRun replay = dlq("replay", "--sink", "search", "--cause", "total fields");
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed 1, superseded 1, not replayable 0");
        awaitSearchHolds(List.of("1", "2", "3", "4"));

        assertThat(awaitOutput(() -> dlq("list", "--sink", "search"), "3 dead letters, 0 pending, 3 handled"))
                .doesNotContain("Limit of total fields");
        assertThat(dlq("list", "--sink", "search", "--all").out()).contains("[replayed]", "[superseded]");
        assertThat(dlq("replay", "--sink", "search", "--all").out()).contains("0 selected of 0 pending; replayed 0");
        Thread.sleep(2_000);
        awaitSearchHolds(List.of("1", "2", "3", "4"));
        assertThat(runtime.failure()).isEmpty();
    }

    /** Elasticsearch holds exactly these rows, each equal to the source. */
    private void awaitSearchHolds(List<String> ids) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            ViewSchema schema = runtime.schemas().get("things");
            var source = StoreContents.postgres(db, "things", schema);
            source.keySet().retainAll(ids);
            assertThat(StoreContents.elasticsearch(pipeline.es(), pipeline.target("things"), schema)).isEqualTo(source);
        });
    }

    private String awaitOutput(java.util.concurrent.Callable<CliRun> command, String expected) {
        String[] last = {""};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            CliRun result = command.call();
            last[0] = result.out();
            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).contains(expected);
        });
        return last[0];
    }

    private CliRun dlq(String... args) {
        return CliRun.of(List.of("dlq", args[0]), file, java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    private void elasticsearch(String method, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        pipeline.es().url().toString().replaceAll("/$", "") + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
