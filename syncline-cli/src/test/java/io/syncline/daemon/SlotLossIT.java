package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.cli.Main;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.Versions;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replication slot is dropped while the pipeline is stopped, and rows are deleted, updated and
 * inserted meanwhile (changes no slot recorded). At the next start capture sees the slot gone,
 * captures as a new source generation with a new snapshot, and once that is complete the rows the
 * source no longer has are deleted from every view and sink, direct and joined; streaming goes on
 * after it. Without the sweep the deleted rows stay in the sinks for good.
 */
@RealServices
class SlotLossIT {
    /** accounts as it is, to all three sinks; parents with their children, to Elasticsearch and MongoDB. */
    private static final TestPipeline.Views VIEWS = new TestPipeline.Views("""
            - {name: accounts, table: public.accounts}
            - name: families
              table: public.parents
              joins:
                - {name: children, table: public.children, kind: many, on: {id: parent_id}, fields: [id, label], orderBy: [id]}
            """, Map.of(TestPipeline.SEARCH, List.of("accounts", "families"),
            TestPipeline.DOCUMENTS, List.of("accounts", "families"),
            TestPipeline.ANALYTICS, List.of("accounts")), Map.of());
    @Test
    void aNewGenerationsSnapshotAndSweepBringEverySinkBackToTheSource(PostgresEndpoint postgres, KafkaEndpoint kafka,
            ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("slot_loss_it");
        sql(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL, note text)",
                "INSERT INTO accounts SELECT i, i, 'before ' || i FROM generate_series(1, 40) i",
                "CREATE TABLE parents (id bigint PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE children (id bigint PRIMARY KEY, parent_id bigint, label text NOT NULL)",
                "INSERT INTO parents SELECT i, 'parent ' || i FROM generate_series(1, 6) i",
                "INSERT INTO children SELECT i, 1 + i % 6, 'child ' || i FROM generate_series(1, 24) i");
        TestPipeline pipeline = TestPipeline.create("slot_loss_it", db, kafka, es, mongo, clickhouse,
                List.of("accounts", "parents", "children"), VIEWS);
        PipelineRuntime runtime = TestPipeline.startStreaming(pipeline.spec());
        try {
            sql(db, "UPDATE accounts SET note = 'streamed' WHERE id <= 10", "DELETE FROM accounts WHERE id = 40");
            awaitEverySinkEqualsTheSource(runtime, pipeline, db, "generation 0");
            assertThat(runtime.views().metrics().swept()).as("a first start sweeps nothing").isZero();
            runtime.close();

            String slot = pipeline.spec().source().slot();
            sql(db, "SELECT pg_drop_replication_slot('" + slot + "')",
                    "DELETE FROM accounts WHERE id BETWEEN 20 AND 29",
                    "UPDATE accounts SET balance = balance + 1000, note = 'while the slot was gone' WHERE id <= 5",
                    "INSERT INTO accounts VALUES (100, 1.00, 'inserted while the slot was gone')",
                    "DELETE FROM children WHERE id IN (1, 2, 3)",
                    "DELETE FROM children WHERE parent_id = 6", "DELETE FROM parents WHERE id = 6");

            runtime = TestPipeline.startStreaming(pipeline.spec());
            awaitEverySinkEqualsTheSource(runtime, pipeline, db, "the new generation's snapshot and sweep");
            assertThat(runtime.views().metrics().swept()).as("rows deleted by the sweep, all tasks").isPositive();

            sql(db, "UPDATE accounts SET note = 'streamed in generation 1' WHERE id BETWEEN 6 AND 8",
                    "DELETE FROM accounts WHERE id = 1", "INSERT INTO children VALUES (50, 2, 'new child')");
            awaitEverySinkEqualsTheSource(runtime, pipeline, db, "streaming after the sweep");
        } finally {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    void resetSourceStartsOverAsTheNextGenerationOnceEvenWithTheSlotAlsoGone(PostgresEndpoint postgres, KafkaEndpoint kafka,
            ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("slot_reset_it");
        sql(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL, note text)",
                "INSERT INTO accounts SELECT i, i, 'before ' || i FROM generate_series(1, 30) i",
                "CREATE TABLE parents (id bigint PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE children (id bigint PRIMARY KEY, parent_id bigint, label text NOT NULL)");
        TestPipeline pipeline = TestPipeline.create("slot_reset_it", db, kafka, es, mongo, clickhouse,
                List.of("accounts", "parents", "children"), VIEWS);
        Path file = Files.writeString(pipeline.stateDir().resolve("cli.yaml"), pipeline.yaml()
                .replace("${TEST_PG_PASSWORD}", db.password()).replace("${TEST_CH_PASSWORD}", clickhouse.password()));
        PipelineRuntime runtime = TestPipeline.startStreaming(pipeline.spec());
        try {
            awaitEverySinkEqualsTheSource(runtime, pipeline, db, "generation 0");
            StringWriter refused = new StringWriter();
            assertThat(Main.commandLine().setOut(new PrintWriter(refused)).execute("reset", "-c", file.toString(), "--source",
                    "--yes")).as(refused.toString()).isEqualTo(1);
            assertThat(refused.toString()).contains("refused: slot " + pipeline.spec().source().slot() + " is in use by PID");
            runtime.close();

            sql(db, "SELECT pg_drop_replication_slot('" + pipeline.spec().source().slot() + "')",
                    "DELETE FROM accounts WHERE id > 20", "UPDATE accounts SET note = 'while stopped' WHERE id <= 3");
            StringWriter plan = new StringWriter();
            assertThat(Main.commandLine().setOut(new PrintWriter(plan)).execute("reset", "-c", file.toString(), "--source",
                    "--dry-run")).as(plan.toString()).isZero();
            assertThat(plan.toString()).contains("source generation: 0 -> 1", "does not exist", "dry run: nothing changed");
            StringWriter done = new StringWriter();
            assertThat(Main.commandLine().setOut(new PrintWriter(done)).execute("reset", "-c", file.toString(), "--source",
                    "--yes")).as(done.toString()).isZero();

            runtime = TestPipeline.startStreaming(pipeline.spec());
            awaitEverySinkEqualsTheSource(runtime, pipeline, db, "the reset's snapshot and sweep");
            assertThat(runtime.views().metrics().swept()).as("rows deleted by the sweep, all tasks").isEqualTo(10);
            assertThat(StoreContents.clickhouseVersions(pipeline.clickhouse(), pipeline.target("accounts"), "id").values())
                    .as("generation 1, once: the reset and the slot it dropped are one new generation")
                    .allMatch(version -> Versions.generation(version) == 1);
        } finally {
            pipeline.tearDown(runtime);
        }
    }

    private static void awaitEverySinkEqualsTheSource(PipelineRuntime runtime, TestPipeline pipeline, PostgresEndpoint db,
                                                      String step) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).isEmpty();
            List<String> differences = new ArrayList<>();
            ViewSchema accounts = runtime.schemas().get("accounts");
            ViewSchema families = runtime.schemas().get("families");
            var expectedAccounts = StoreContents.postgres(db, "accounts", accounts);
            var expectedFamilies = StoreContents.postgresQuery(db, "SELECT p.id, p.name, COALESCE((SELECT jsonb_agg("
                    + "jsonb_build_object('id', c.id, 'label', c.label) ORDER BY c.id) FROM children c WHERE c.parent_id = p.id),"
                    + " '[]'::jsonb) AS children FROM parents p", families);
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
            assertThat(differences).as("differences after %s", step).isEmpty();
        });
    }

    private static void compare(List<String> differences, String where, Map<String, Map<String, String>> expected,
                                Map<String, Map<String, String>> actual) {
        StoreContents.differences(expected, actual, 5).forEach(d -> differences.add(where + " " + d));
    }

    private static void sql(PostgresEndpoint db, String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
