package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.processors.ViewTopology;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An unchanged TOASTed value is never lost (issue "Hardening II", item 4): rows with a large text, a
 * large jsonb and a large bytea value (incompressible md5 chains, stored out of line), snapshotted
 * and inserted, reach Elasticsearch, MongoDB and ClickHouse value by value after changes whose
 * events leave those values out and the view stage has no earlier version of: (1) a primary-key
 * update (Debezium's create for the new key), (2) an update of another column after the view's row
 * state is gone, (3) a joined view that shows a TOASTed column of the joined table whose key
 * changed. Debezium sends the unchanged text and jsonb as a placeholder and the bytea as a plain
 * null; without the re-read from the source the fields are missing or NULL in the sinks.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ToastIT {
    private static final String CHAIN = "(SELECT string_agg(md5(i::text || random()::text), '') FROM generate_series(1, 300) i)";
    private static final String VIEWS = """
            - {name: docs, table: public.docs}
            - name: notes
              table: public.notes
              joins:
                - {name: doc, table: public.docs, kind: one, on: {doc_id: id}, fields: [title, body, meta]}
            """;
    /** The notes documents as the source has them: the joined doc as an object of its selected columns. */
    private static final String NOTES = "SELECT n.id, n.doc_id, n.note, (SELECT jsonb_build_object('title', d.title,"
            + " 'body', d.body, 'meta', d.meta) FROM docs d WHERE d.id = n.doc_id) AS doc FROM notes n";

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("toast_it");
        sql("CREATE TABLE docs (id bigint PRIMARY KEY, title text, n int, body text, meta jsonb, blob bytea)",
                "CREATE TABLE notes (id bigint PRIMARY KEY, doc_id bigint REFERENCES docs ON UPDATE CASCADE, note text)");
        insertDocs(1, 3);
        sql("INSERT INTO notes VALUES (1, 1, 'first'), (2, 2, 'second'), (3, NULL, 'none')");
        pipeline = TestPipeline.create("toast_it", db, kafka, es, mongo, clickhouse, List.of("docs", "notes"),
                new TestPipeline.Views(VIEWS, Map.of(TestPipeline.SEARCH, List.of("docs", "notes"),
                        TestPipeline.DOCUMENTS, List.of("docs", "notes"), TestPipeline.ANALYTICS, List.of("docs", "notes")), Map.of()));
        runtime = startRuntime();
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    @Order(1)
    void snapshottedAndInsertedLargeValuesArriveWhole() throws Exception {
        insertDocs(4, 6);
        sql("INSERT INTO notes VALUES (4, 4, 'fourth')");
        awaitEverySinkEqualsTheSource("snapshot and inserts");
        assertThat(sizes("SELECT min(length(body)), min(octet_length(blob)), min(length(meta::text)) FROM docs"))
                .allSatisfy(size -> assertThat(size).isGreaterThan(4_000));
        assertThat(sizes("SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE relname = 'docs'"))
                .as("values stored out of line").allSatisfy(size -> assertThat(size).isGreaterThan(6 * 4_000));
    }

    @Test
    @Order(2)
    void aPrimaryKeyUpdateThatLeavesTheLargeValuesAloneKeepsThemInEverySink() throws Exception {
        long reread = runtime.views().metrics().toastReread();
        sql("UPDATE docs SET id = 101, title = 'moved' WHERE id = 1", "UPDATE docs SET id = 104 WHERE id = 4");

        awaitEverySinkEqualsTheSource("primary-key update");
        assertThat(docs()).containsKeys("101", "104").doesNotContainKeys("1", "4");
        assertThat(runtime.views().metrics().toastReread()).isGreaterThan(reread);
    }

    @Test
    @Order(3)
    void aJoinedViewShowsTheLargeValuesOfAJoinedRowWhoseKeyChanged() throws Exception {
        // ON UPDATE CASCADE: the note follows its doc to the new key, whose row has no earlier version anywhere.
        sql("UPDATE docs SET id = 102 WHERE id = 2");

        awaitEverySinkEqualsTheSource("joined row's key change");
        assertThat(notes().get("2").get("doc")).contains("body=").doesNotContain("<missing>");
    }

    @Test
    @Order(4)
    void anUpdateAfterTheViewsRowStateIsGoneKeepsTheLargeValues() throws Exception {
        // A lost state directory together with a lost changelog (deleted, or on a broker that lost it):
        // the view restarts where it was in the change topics, with no earlier version of any row.
        runtime.close();
        runtime = null;
        deleteDirectory(pipeline.stateDir().resolve("streams"));
        String changelog = "syncline." + pipeline.name() + ".views-"
                + ViewTopology.rowStoreName(ViewSchemas.plan(pipeline.spec()).get(0)) + "-changelog";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.kafka().bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains(changelog);
            admin.deleteTopics(List.of(changelog)).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(changelog));
        }
        runtime = startRuntime();
        long reread = runtime.views().metrics().toastReread();

        sql("UPDATE docs SET n = 7 WHERE id = 3", "UPDATE docs SET n = 8 WHERE id = 5");

        awaitEverySinkEqualsTheSource("update after the state was lost");
        assertThat(runtime.views().metrics().toastReread()).isGreaterThan(reread);
        assertThat(runtime.views().metrics().toastUnresolved()).isZero();
    }

    private PipelineRuntime startRuntime() throws Exception {
        PipelineRuntime started = TestPipeline.startStreaming(pipeline.spec());
        return started;
    }

    private void awaitEverySinkEqualsTheSource(String after) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            for (String view : List.of("docs", "notes")) {
                ViewSchema schema = runtime.schemas().get(view);
                var source = view.equals("docs") ? StoreContents.postgres(db, "docs", schema)
                        : StoreContents.postgresQuery(db, NOTES, schema);
                assertThat(StoreContents.differences(source, StoreContents.elasticsearch(pipeline.es(),
                        pipeline.target(view), schema), 10)).as("Elasticsearch %s after %s", view, after).isEmpty();
                assertThat(StoreContents.differences(source, StoreContents.mongodb(pipeline.mongo(), pipeline.name(), view,
                        schema), 10)).as("MongoDB %s after %s", view, after).isEmpty();
                assertThat(StoreContents.differences(source,
                        StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(view), schema), 10))
                        .as("ClickHouse %s after %s", view, after).isEmpty();
            }
        });
        assertThat(runtime.views().metrics().deadLettered()).as("nothing dead-lettered").isZero();
    }

    private Map<String, Map<String, String>> docs() throws Exception {
        return StoreContents.elasticsearch(pipeline.es(), pipeline.target("docs"), runtime.schemas().get("docs"));
    }

    private Map<String, Map<String, String>> notes() throws Exception {
        return StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "notes", runtime.schemas().get("notes"));
    }

    private void insertDocs(int from, int to) throws Exception {
        sql("INSERT INTO docs SELECT i, 'doc ' || i, i, " + CHAIN + ", jsonb_build_object('k', " + CHAIN
                + ", 'n', i, 'a', jsonb_build_array(1.50, null)), decode(" + CHAIN + ", 'hex')"
                + " FROM generate_series(" + from + ", " + to + ") i");
    }

    private List<Long> sizes(String query) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
            rs.next();
            List<Long> values = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getLong(i));
            }
            return values;
        }
    }

    private static void deleteDirectory(Path directory) throws Exception {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
