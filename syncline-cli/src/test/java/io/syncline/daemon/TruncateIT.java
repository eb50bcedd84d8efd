package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.cdc.CapturePhase;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TRUNCATE of a captured table reaches every view and sink by the view's onTruncate: propagate
 * (the default) deletes the rows from every sink, rows inserted again afterwards with the same
 * keys arrive, and a joined view whose child table is truncated shows empty lists; ignore keeps the
 * rows and counts the truncate; fail stops the pipeline and says what to do.
 */
@RealServices
class TruncateIT {
    @Test
    void propagateDeletesEverywhereAndIgnoreKeeps(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es,
            MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("truncate_it");
        sql(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL, note text)",
                "INSERT INTO accounts SELECT i, i, 'before ' || i FROM generate_series(1, 30) i",
                "CREATE TABLE parents (id bigint PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE children (id bigint PRIMARY KEY, parent_id bigint, label text NOT NULL)",
                "INSERT INTO parents SELECT i, 'parent ' || i FROM generate_series(1, 5) i",
                "INSERT INTO children SELECT i, 1 + i % 5, 'child ' || i FROM generate_series(1, 20) i",
                "CREATE TABLE kept (id bigint PRIMARY KEY, note text)",
                "INSERT INTO kept SELECT i, 'kept ' || i FROM generate_series(1, 10) i");
        TestPipeline.Views views = new TestPipeline.Views("""
                - {name: accounts, table: public.accounts}
                - name: families
                  table: public.parents
                  joins:
                    - {name: children, table: public.children, kind: many, on: {id: parent_id}, fields: [id, label], orderBy: [id]}
                - {name: kept, table: public.kept, onTruncate: ignore}
                """, Map.of(TestPipeline.SEARCH, List.of("accounts", "families", "kept"),
                TestPipeline.DOCUMENTS, List.of("accounts", "families", "kept"),
                TestPipeline.ANALYTICS, List.of("accounts", "kept")), Map.of());
        TestPipeline pipeline = TestPipeline.create("truncate_it", db, kafka, es, mongo, clickhouse,
                List.of("accounts", "parents", "children", "kept"), views);
        PipelineRuntime runtime = PipelineRuntime.start(pipeline.spec());
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> runtime.capture().status().phase() == CapturePhase.STREAMING);
            awaitEverySinkEqualsTheSource(runtime, pipeline, db, "snapshot");
            var keptBefore = StoreContents.postgres(db, "kept", runtime.schemas().get("kept"));

            sql(db, "UPDATE accounts SET note = 'changed before the truncate' WHERE id <= 5",
                    "TRUNCATE accounts, children, kept",
                    // Same keys again, and in the truncating transaction's wake a row that never existed before.
                    "INSERT INTO accounts SELECT i, i * 100, 'after ' || i FROM generate_series(3, 8) i",
                    "INSERT INTO accounts VALUES (99, 9.99, 'new after the truncate')",
                    "INSERT INTO children VALUES (7, 2, 'child 7 again')");
            // One transaction that truncates and inserts: the inserts come after the truncate in it.
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                run(c, "INSERT INTO accounts VALUES (200, 2.00, 'deleted by the truncate in its own transaction')",
                        "TRUNCATE accounts", "INSERT INTO accounts VALUES (4, 4.44, 'inserted after the second truncate')");
                c.commit();
            }

            awaitEverySinkEqualsTheSource(runtime, pipeline, db, "truncates", keptBefore);
            assertThat(StoreContents.postgres(db, "accounts", runtime.schemas().get("accounts")).keySet())
                    .containsExactly("4");
            assertThat(runtime.views().metrics().truncates()).as("truncates propagated, one per task").isPositive();
            assertThat(runtime.views().metrics().truncatesIgnored()).as("the kept view's, one per task").isPositive();
        } finally {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    void failStopsThePipelineWithWhatToDo(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es,
            MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("truncate_fail_it");
        sql(db, "CREATE TABLE guarded (id bigint PRIMARY KEY, note text)",
                "INSERT INTO guarded SELECT i, 'row ' || i FROM generate_series(1, 10) i");
        TestPipeline.Views views = new TestPipeline.Views("- {name: guarded, table: public.guarded, onTruncate: fail}\n",
                Map.of(TestPipeline.DOCUMENTS, List.of("guarded")), Map.of());
        TestPipeline pipeline = TestPipeline.create("truncate_fail_it", db, kafka, es, mongo, clickhouse, List.of("guarded"),
                views);
        PipelineRuntime runtime = PipelineRuntime.start(pipeline.spec());
        try {
            ViewSchema schema = runtime.schemas().get("guarded");
            var rows = StoreContents.postgres(db, "guarded", schema);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
                    assertThat(StoreContents.mongodb(mongo, pipeline.name(), "guarded", schema)).isEqualTo(rows));

            sql(db, "TRUNCATE guarded");

            await().atMost(Duration.ofMinutes(2)).until(() -> runtime.failure().isPresent());
            assertThat(runtime.failure().orElseThrow())
                    .startsWith("view processing failed")
                    .contains("TRUNCATE of public.guarded at generation 0, streamed, LSN ")
                    .contains("reached view(s) guarded, whose onTruncate is fail")
                    .contains("set onTruncate of these views to propagate (delete the rows from the views and sinks) or ignore");
            assertThat(runtime.views().metrics().deadLettered()).as("not dead-lettered").isZero();
            assertThat(StoreContents.mongodb(mongo, pipeline.name(), "guarded", schema)).as("nothing deleted").isEqualTo(rows);
        } finally {
            pipeline.tearDown(runtime);
        }
    }

    private static void awaitEverySinkEqualsTheSource(PipelineRuntime runtime, TestPipeline pipeline, PostgresEndpoint db,
                                                      String step) {
        awaitEverySinkEqualsTheSource(runtime, pipeline, db, step, null);
    }

    /** {@code kept}: what the kept view's sinks must hold (null: the source's rows). */
    private static void awaitEverySinkEqualsTheSource(PipelineRuntime runtime, TestPipeline pipeline, PostgresEndpoint db,
                                                      String step, Map<String, Map<String, String>> kept) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).isEmpty();
            List<String> differences = new ArrayList<>();
            ViewSchema accounts = runtime.schemas().get("accounts");
            ViewSchema families = runtime.schemas().get("families");
            ViewSchema keptSchema = runtime.schemas().get("kept");
            var expectedAccounts = StoreContents.postgres(db, "accounts", accounts);
            var expectedFamilies = StoreContents.postgresQuery(db, "SELECT p.id, p.name, COALESCE((SELECT jsonb_agg("
                    + "jsonb_build_object('id', c.id, 'label', c.label) ORDER BY c.id) FROM children c WHERE c.parent_id = p.id),"
                    + " '[]'::jsonb) AS children FROM parents p", families);
            var expectedKept = kept != null ? kept : StoreContents.postgres(db, "kept", keptSchema);
            compare(differences, "Elasticsearch accounts", expectedAccounts,
                    StoreContents.elasticsearch(pipeline.es(), pipeline.target("accounts"), accounts));
            compare(differences, "MongoDB accounts", expectedAccounts,
                    StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "accounts", accounts));
            compare(differences, "ClickHouse accounts", expectedAccounts,
                    StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("accounts"), accounts));
            compare(differences, "Elasticsearch families", expectedFamilies,
                    StoreContents.elasticsearch(pipeline.es(), pipeline.target("families"), families));
            compare(differences, "MongoDB families", expectedFamilies,
                    StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "families", families));
            compare(differences, "Elasticsearch kept", expectedKept,
                    StoreContents.elasticsearch(pipeline.es(), pipeline.target("kept"), keptSchema));
            compare(differences, "MongoDB kept", expectedKept,
                    StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "kept", keptSchema));
            compare(differences, "ClickHouse kept", expectedKept,
                    StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("kept"), keptSchema));
            assertThat(differences).as("differences after %s", step).isEmpty();
        });
    }

    private static void compare(List<String> differences, String where, Map<String, Map<String, String>> expected,
                                Map<String, Map<String, String>> actual) {
        StoreContents.differences(expected, actual, 5).forEach(d -> differences.add(where + " " + d));
    }

    private static void run(Connection connection, String... statements) throws Exception {
        try (Statement s = connection.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static void sql(PostgresEndpoint db, String... statements) throws Exception {
        try (Connection c = db.connect()) {
            run(c, statements);
        }
    }
}
