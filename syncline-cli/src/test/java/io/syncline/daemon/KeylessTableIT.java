package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.cli.ExitCodes;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * A table without a primary key (issue "Hardening II"): without consent, {@code validate --source}
 * refuses it with the statement to run and its place in the file, nothing is published, and the
 * application's UPDATE and DELETE keep working. With {@code source.replicaIdentity: full} the daemon
 * sets REPLICA IDENTITY FULL before publishing, the application keeps writing, and a view keyed by a
 * declared key ends equal to the source in every sink through snapshot, inserts, updates (one of them
 * changing the key) and deletes.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeylessTableIT {
    private static final String CONSENT = "  replicaIdentity: {stock: full}\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;

    @BeforeAll
    void createTable(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
                     ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("keyless_it");
        sql("CREATE TABLE stock (sku text NOT NULL, warehouse text, qty int, note text)",
                "INSERT INTO stock SELECT 'sku-' || i, 'w' || (i % 3), i, 'before start' FROM generate_series(1, 20) i");
        pipeline = TestPipeline.create("keyless_it", db, kafka, es, mongo, clickhouse, List.of("stock"),
                new TestPipeline.Views("- {name: stock, table: public.stock, key: [sku]}\n",
                        Map.of(TestPipeline.SEARCH, List.of("stock"), TestPipeline.DOCUMENTS, List.of("stock"),
                                TestPipeline.ANALYTICS, List.of("stock")), Map.of()));
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    @Order(1)
    void withoutConsentValidateRefusesAndTheApplicationKeepsWriting() throws Exception {
        String yaml = pipeline.yaml().replace("${TEST_PG_PASSWORD}", db.password())
                .replace("${TEST_CH_PASSWORD}", pipeline.clickhouse().password());
        Path file = Files.writeString(pipeline.stateDir().resolve("validate.yaml"), yaml);
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));

        int exit = command.execute("validate", "--source", "-c", file.toString());

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
        int line = lineOf(yaml, "tables: [public.stock]");
        assertThat(err.toString()).contains(file + ":" + line + ":12: source.tables[0]: table public.stock has no primary"
                + " key and REPLICA IDENTITY DEFAULT", "ALTER TABLE \"public\".\"stock\" REPLICA IDENTITY FULL",
                "source.replicaIdentity: {public.stock: full}");
        assertThat(query("SELECT count(*) FROM pg_publication_tables WHERE tablename = 'stock'")).isEqualTo("0");
        assertThat(query("SELECT relreplident FROM pg_class WHERE oid = 'public.stock'::regclass")).isEqualTo("d");
        sql("UPDATE stock SET qty = qty + 1 WHERE sku = 'sku-1'", "DELETE FROM stock WHERE sku = 'sku-20'");
    }

    @Test
    @Order(2)
    void withConsentEverySinkEqualsTheSource() throws Exception {
        Path file = Files.writeString(pipeline.stateDir().resolve("consented.yaml"),
                pipeline.yaml().replace("  heartbeatInterval: 1s\n", "  heartbeatInterval: 1s\n" + CONSENT));
        runtime = TestPipeline.startStreaming(new PipelineLoader().load(file, pipeline.environment(), SinkFactoryCatalog.discover()));
        assertThat(query("SELECT relreplident FROM pg_class WHERE oid = 'public.stock'::regclass")).isEqualTo("f");
        awaitEverySinkEqualsTheSource();

        sql("INSERT INTO stock SELECT 'sku-' || i, 'w9', i, 'streamed' FROM generate_series(21, 30) i",
                "UPDATE stock SET qty = qty * 10, note = NULL WHERE warehouse = 'w1'",
                "UPDATE stock SET sku = 'sku-2b' WHERE sku = 'sku-2'",
                "DELETE FROM stock WHERE warehouse = 'w2'",
                "DELETE FROM stock WHERE sku = 'sku-25'");
        awaitEverySinkEqualsTheSource();
        assertThat(runtime.failure()).isEmpty();

        // Keyed by the view's key (message.key.columns), so a row's changes stay in one partition, in order.
        List<ConsumerRecord<byte[], byte[]>> changes = readChangeTopic(Duration.ofSeconds(5));
        assertThat(changes).hasSizeGreaterThan(30).allSatisfy(change -> {
            JsonNode key = JSON.readTree(change.key());
            assertThat(key.fieldNames()).toIterable().containsExactly("sku");
            if (change.value() != null) {
                JsonNode envelope = JSON.readTree(change.value());
                JsonNode row = envelope.path("op").asText().equals("d") ? envelope.get("before") : envelope.get("after");
                assertThat(key.get("sku")).isEqualTo(row.get("sku"));
            }
        });
    }

    private List<ConsumerRecord<byte[], byte[]>> readChangeTopic(Duration quiet) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "keyless-it-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(pipeline.name() + ".public.stock"));
            long deadline = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private void awaitEverySinkEqualsTheSource() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            ViewSchema schema = runtime.schemas().get("stock");
            var source = StoreContents.postgres(db, "stock", schema);
            assertThat(StoreContents.differences(source,
                    StoreContents.elasticsearch(pipeline.es(), pipeline.target("stock"), schema), 20)).as("Elasticsearch").isEmpty();
            assertThat(StoreContents.differences(source,
                    StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "stock", schema), 20)).as("MongoDB").isEmpty();
            assertThat(StoreContents.differences(source,
                    StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("stock"), schema), 20)).as("ClickHouse").isEmpty();
        });
    }

    private static int lineOf(String yaml, String text) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the pipeline file");
    }

    private String query(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
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
