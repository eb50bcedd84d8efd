package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.PreflightException;
import io.syncline.cli.ExitCodes;
import io.syncline.cli.Main;
import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Tables whose names a Kafka topic cannot hold: spaces in the schema and the table ({@code "Stock Room"."Item
 * Lots"}, with a column {@code "Lot No"}; the schema also holds Syncline's signal and heartbeat tables) and
 * non-ASCII letters ({@code public."Bestände"}). Debezium writes their changes to sanitized topics, which the
 * view stage must read: the snapshot, streamed changes and a {@code syncline backfill} of {@code "Bestände"}
 * reach every sink, value by value; a backfill of the table with spaces is refused with the reason. Two tables
 * whose topics come out the same are refused before capture starts.
 */
@RealServices
class OddTableNamesIT {
    private static final String LOTS = "\"Stock Room\".\"Item Lots\"";
    private static final String STOCK = "public.\"Bestände\"";
    private static final String VIEWS = """
            - {name: item_lots, table: "Stock Room.Item Lots"}
            - {name: bestaende, table: "public.Bestände"}
            """;

    @Test
    void snapshotChangesAndABackfillOfOddlyNamedTablesReachEverySink(PostgresEndpoint postgres, KafkaEndpoint kafka,
            ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("odd_names_it");
        sql(db, "CREATE SCHEMA \"Stock Room\"",
                "CREATE TABLE " + LOTS + " (id int PRIMARY KEY, \"Lot No\" int NOT NULL, note text)",
                "INSERT INTO " + LOTS + " SELECT i, 1000 + i, 'lot ' || i FROM generate_series(1, 50) i",
                "CREATE TABLE " + STOCK + " (id int PRIMARY KEY, \"Menge\" numeric(10,2), \"Größe\" text)",
                "INSERT INTO " + STOCK + " SELECT i, i * 1.5, 'Größe ' || i FROM generate_series(1, 30) i");
        TestPipeline pipeline = TestPipeline.create("odd_names_it", db, kafka, es, mongo, clickhouse, List.of("x"),
                new TestPipeline.Views(VIEWS, Map.of(TestPipeline.SEARCH, List.of("item_lots", "bestaende"),
                        TestPipeline.DOCUMENTS, List.of("item_lots", "bestaende"),
                        TestPipeline.ANALYTICS, List.of("item_lots", "bestaende")), Map.of()));
        String yaml = pipeline.yaml().replace("  tables: [public.x]\n", "  tables: [\"Stock Room.Item Lots\", \"public.Bestände\"]\n");
        Path file = Files.writeString(pipeline.stateDir().resolve("odd.yaml"), yaml);
        Path cliFile = Files.writeString(pipeline.stateDir().resolve("cli.yaml"), yaml
                .replace("${TEST_PG_PASSWORD}", db.password()).replace("${TEST_CH_PASSWORD}", clickhouse.password()));
        PipelineSpec spec = new PipelineLoader().load(file, pipeline.environment(), SinkFactoryCatalog.discover());
        Map<String, ViewSchema> schemas = ViewSchemas.read(spec);
        String topic = CaptureOptions.notificationsTopic(spec);
        Path log = pipeline.stateDir().resolve("daemon.log");

        DaemonProcess daemon = DaemonProcess.start(file, pipeline.environment(), log).awaitRunning(Duration.ofMinutes(3));
        try {
            awaitSinksEqualSource(daemon, db, pipeline, schemas, "the snapshot");

            sql(db, "INSERT INTO " + LOTS + " VALUES (51, 2051, 'new lot'), (52, 2052, NULL)",
                    "UPDATE " + LOTS + " SET \"Lot No\" = \"Lot No\" + 1, note = 'moved' WHERE id <= 10",
                    "DELETE FROM " + LOTS + " WHERE id BETWEEN 20 AND 24",
                    "INSERT INTO " + STOCK + " VALUES (31, 99.99, 'Übergröße')",
                    "UPDATE " + STOCK + " SET \"Menge\" = 0, \"Größe\" = 'leer' WHERE id % 3 = 0",
                    "DELETE FROM " + STOCK + " WHERE id IN (1, 2)");
            awaitSinksEqualSource(daemon, db, pipeline, schemas, "streamed changes");

            // Debezium keeps a running backfill's tables unquoted in its offsets and cannot read whitespace back
            // (capture would stop at the next offset commit): such a table is refused, with the reason.
            StringWriter refused = new StringWriter();
            int refusedExit = Main.commandLine().setOut(new PrintWriter(refused)).setErr(new PrintWriter(refused))
                    .execute("backfill", "-c", cliFile.toString(), "--table", "Stock Room.Item Lots", "--detach");
            assertThat(refusedExit).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(refused.toString()).contains("table Stock Room.Item Lots cannot be backfilled: its name holds whitespace");

            long stock = count(db, STOCK);
            StringWriter out = new StringWriter();
            int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                    .execute("backfill", "-c", cliFile.toString(), "--table", "public.Bestände", "--detach");
            assertThat(exit).as(out.toString()).isZero();
            Matcher asked = Pattern.compile("Backfill (backfill-[0-9a-f-]+) asked for").matcher(out.toString());
            assertThat(asked.find()).as(out.toString()).isTrue();
            String id = asked.group(1);
            // Debezium reads a table it cannot find as nothing, and completes at once: the scan shows it found it.
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(BackfillNotifications.of(kafka, topic, id)).as("backfill notifications; daemon log:\n%s", daemon.tail())
                            .anySatisfy(n -> {
                                assertThat(n.path("type").asText()).isEqualTo("TABLE_SCAN_COMPLETED");
                                assertThat(n.path("additional_data").path("scanned_collection").asText())
                                        .isEqualTo("public.Bestände");
                                assertThat(n.path("additional_data").path("status").asText()).isEqualTo("SUCCEEDED");
                                assertThat(n.path("additional_data").path("total_rows_scanned").asLong())
                                        .isEqualTo(stock);
                            }));
            sql(db, "UPDATE " + LOTS + " SET note = 'after the backfill' WHERE id = 30");
            assertThat(daemon.isAlive()).as("capture goes on after the backfill; log:\n%s", daemon.tail()).isTrue();
            awaitSinksEqualSource(daemon, db, pipeline, schemas, "the backfill");
        } finally {
            daemon.close();
            sql(db, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active"
                    + " AND slot_name = '" + spec.source().slot() + "'");
        }
        pipeline.deleteStateDir();
    }

    @Test
    void twoTablesWhoseChangeTopicsComeOutTheSameAreRefusedBeforeCaptureStarts(PostgresEndpoint postgres,
            KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse)
            throws Exception {
        PostgresEndpoint db = postgres.createDatabase("odd_names_clash_it");
        sql(db, "CREATE TABLE \"a b\" (id int PRIMARY KEY)", "CREATE TABLE a_b (id int PRIMARY KEY)");
        TestPipeline pipeline = TestPipeline.create("odd_names_clash_it", db, kafka, es, mongo, clickhouse,
                List.of("x"), new TestPipeline.Views("- {name: a_b, table: public.a_b}\n",
                        Map.of(TestPipeline.SEARCH, List.of("a_b")), Map.of()));
        String yaml = pipeline.yaml().replace("  tables: [public.x]\n", "  tables: [\"public.a b\", public.a_b]\n");
        Path file = Files.writeString(pipeline.stateDir().resolve("clash.yaml"), yaml);
        PipelineSpec spec = new PipelineLoader().load(file, pipeline.environment(), SinkFactoryCatalog.discover());

        assertThatThrownBy(() -> PipelineRuntime.start(spec).close()).isInstanceOf(PreflightException.class)
                .hasMessageContaining("tables \"public\".\"a b\" and \"public\".\"a_b\" would share the change topic "
                        + spec.kafka().topicPrefix() + ".public.a_b")
                .hasMessageContaining("rename one of them").hasMessageContaining("capture only one of them");
        assertThat(count(db, "pg_replication_slots WHERE slot_name = '" + spec.source().slot() + "'"))
                .as("no slot: capture never started").isZero();
        pipeline.deleteStateDir();
    }

    private static void awaitSinksEqualSource(DaemonProcess daemon, PostgresEndpoint db, TestPipeline pipeline,
            Map<String, ViewSchema> schemas, String after) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(daemon.isAlive()).as("daemon alive; log:\n%s", daemon.tail()).isTrue();
            List<String> differences = new ArrayList<>();
            for (Map.Entry<String, String> view : Map.of("item_lots", LOTS, "bestaende", STOCK).entrySet()) {
                ViewSchema schema = schemas.get(view.getKey());
                var source = StoreContents.postgres(db, view.getValue(), schema);
                StoreContents.differences(source, StoreContents.elasticsearch(pipeline.es(),
                        pipeline.target(view.getKey()), schema), 5).forEach(d -> differences.add("Elasticsearch " + d));
                StoreContents.differences(source, StoreContents.mongodb(pipeline.mongo(), pipeline.name(),
                        view.getKey(), schema), 5).forEach(d -> differences.add("MongoDB " + d));
                StoreContents.differences(source, StoreContents.clickhouse(pipeline.clickhouse(),
                        pipeline.target(view.getKey()), schema), 5).forEach(d -> differences.add("ClickHouse " + d));
            }
            assertThat(differences).as("after " + after).isEmpty();
        });
    }

    private static long count(PostgresEndpoint db, String from) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(PostgresEndpoint db, String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
