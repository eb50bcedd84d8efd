package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.view.DeadLetterHeaders;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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

/**
 * The spine against real servers: PostgreSQL changes reach Elasticsearch, MongoDB and ClickHouse
 * with exact values and types; TOASTed values survive updates that leave them alone; a record
 * Elasticsearch rejects is dead-lettered while later rows arrive; replaying a sink changes nothing.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {
    private static final String LONG_TEXT_SQL = "(SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 700))";

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("pipeline_it");
        sql("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2), "
                        + "happened timestamptz, local_ts timestamp, day date, meta jsonb, uid uuid, tags text[], "
                        + "blob bytea, qty integer, description text)",
                "ALTER TABLE items ALTER COLUMN description SET STORAGE EXTERNAL",
                "CREATE TABLE lines (order_id bigint, line_no integer, sku text NOT NULL, amount numeric(12,3), "
                        + "PRIMARY KEY (order_id, line_no))",
                // Rows that exist before the pipeline starts arrive through the snapshot.
                "INSERT INTO items (id, name, price, happened, meta, tags, qty) VALUES "
                        + "(1, 'snapshot row', 0.01, '2026-01-01 00:00:00.000001+00', '{\"a\": 1}', '{x}', 1)",
                "INSERT INTO lines VALUES (1, 1, 'SKU-1', 1.005), (1, 2, 'SKU-2', 2.5)");
        // meta as a dynamic object in Elasticsearch (not the default flattened), so a row can conflict with the mapping.
        pipeline = TestPipeline.create("pipeline_it", db, kafka, es, mongo, clickhouse, List.of("items", "lines"),
                TestPipeline.Views.ofTables(List.of("items", "lines")).withSearchMappings("items", "meta: object"));
        runtime = TestPipeline.startStreaming(pipeline.spec());
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    @Order(1)
    void insertsUpdatesAndDeletesReachEverySinkWithExactValues() throws Exception {
        sql("INSERT INTO items VALUES "
                        + "(2, 'Zoë ''quoted'' \\ back', 12345678.90, '2026-11-21 10:15:30.123456+00', "
                        + "'2026-11-21 23:59:59.999999', '2026-02-28', '{\"nested\": {\"k\": [1.25, 2.50], \"s\": \"x\"}, \"a\": 2}', "
                        + "'6f1c2b1e-8d3a-4f59-9a8e-0b1c2d3e4f50', '{red,\"with space\",NULL}', '\\x00ff10', 42, 'short'),"
                        + "(3, 'nulls', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + "(4, 'to delete', 1.00, now(), now(), current_date, '{}', gen_random_uuid(), '{}', '', 0, 'x')",
                "UPDATE items SET price = 99999999.99, happened = '1999-12-31 23:59:59.5+01' WHERE id = 2",
                "DELETE FROM items WHERE id = 4",
                "INSERT INTO lines VALUES (2, 1, 'SKU-3', 0.001)",
                "UPDATE lines SET amount = 7.125 WHERE order_id = 1 AND line_no = 2",
                "DELETE FROM lines WHERE order_id = 1 AND line_no = 1");

        awaitEverySinkEqualsTheSource();
        assertThat(StoreContents.postgres(db, "items", schema("items")).get("2").get("price")).isEqualTo("99999999.99");
    }

    @Test
    @Order(2)
    void anUpdateThatLeavesATOASTedColumnAloneKeepsItsRealValueInEverySink() throws Exception {
        sql("INSERT INTO items (id, name, qty, description) VALUES (10, 'toasted', 1, " + LONG_TEXT_SQL + ")");
        awaitEverySinkEqualsTheSource();
        sql("UPDATE items SET qty = 2 WHERE id = 10");

        awaitEverySinkEqualsTheSource();
        String description = StoreContents.postgres(db, "items", schema("items")).get("10").get("description");
        assertThat(description).hasSizeGreaterThan(20_000);
        assertThat(StoreContents.elasticsearch(pipeline.es(), pipeline.target("items"), schema("items")).get("10"))
                .containsEntry("qty", "2").containsEntry("description", description);
        assertThat(runtime.views().metrics().toastCarried()).isPositive();
    }

    @Test
    @Order(3)
    void aRecordElasticsearchRejectsIsDeadLetteredAndLaterRowsStillArrive() throws Exception {
        // meta.a is mapped as a number by now; an object there is a mapping conflict.
        sql("INSERT INTO items (id, name, meta) VALUES (20, 'conflict', '{\"a\": {\"b\": 2}}')",
                "INSERT INTO items (id, name, meta) VALUES (21, 'after the conflict', '{\"a\": 3}')");

        List<ConsumerRecord<byte[], byte[]>> dead = awaitDeadLetters("search", 1);
        ConsumerRecord<byte[], byte[]> record = dead.get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("20");
        assertThat(header(record, DeadLetterHeaders.CAUSE)).contains("document_parsing_exception");
        assertThat(header(record, DeadLetterHeaders.SINK)).isEqualTo("search");
        assertThat(header(record, DeadLetterHeaders.TOPIC)).isEqualTo(pipeline.name() + ".view.items");
        assertThat(record.value()).isNotNull();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var es = StoreContents.elasticsearch(pipeline.es(), pipeline.target("items"), schema("items"));
            assertThat(es).containsKey("21").doesNotContainKey("20");
        });
        // The other sinks took the row Elasticsearch refused.
        awaitSinksEqualSource(Set.of("documents", "analytics"));
        assertThat(runtime.sinks().get("search").metrics().recordsDeadLettered()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void replayingEverySinkFromTheStartOfItsViewTopicsChangesNothing() throws Exception {
        Map<String, Long> esVersions = StoreContents.elasticsearchVersions(pipeline.es(), pipeline.target("items"));
        Map<String, Long> mongoVersions = StoreContents.mongodbVersions(pipeline.mongo(), pipeline.name(), "items");
        var esBefore = StoreContents.elasticsearch(pipeline.es(), pipeline.target("items"), schema("items"));
        var mongoBefore = StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "items", schema("items"));
        var clickhouseBefore = StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("items"), schema("items"));
        runtime.close();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.kafka().bootstrapServers()))) {
            List<String> groups = List.of("search", "documents", "analytics").stream()
                    .map(s -> "syncline." + pipeline.name() + ".sink." + s).toList();
            admin.deleteConsumerGroups(groups).all().get();
        }
        runtime = PipelineRuntime.start(pipeline.spec());
        // Done when every sink has consumed its view topics to the end again.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> runtime.sinks().values().forEach(sink -> {
            assertThat(sink.metrics().recordsWritten() + sink.metrics().recordsStale()).isPositive();
            assertThat(sink.metrics().lag()).isNotEmpty().allSatisfy((partition, lag) -> assertThat(lag).isZero());
        }));

        assertThat(StoreContents.elasticsearch(pipeline.es(), pipeline.target("items"), schema("items"))).isEqualTo(esBefore);
        assertThat(StoreContents.elasticsearchVersions(pipeline.es(), pipeline.target("items"))).isEqualTo(esVersions);
        assertThat(StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "items", schema("items"))).isEqualTo(mongoBefore);
        assertThat(StoreContents.mongodbVersions(pipeline.mongo(), pipeline.name(), "items")).isEqualTo(mongoVersions);
        assertThat(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("items"), schema("items")))
                .isEqualTo(clickhouseBefore);
        // Elasticsearch and MongoDB saw the replay as stale versions: nothing was rewritten.
        assertThat(runtime.sinks().get("search").metrics().recordsStale()).isPositive();
        assertThat(runtime.sinks().get("documents").metrics().recordsStale()).isPositive();
    }

    private void awaitEverySinkEqualsTheSource() {
        awaitSinksEqualSource(Set.of("search", "documents", "analytics"));
    }

    private void awaitSinksEqualSource(Set<String> sinks) {
        // Reads may fail while a target is still being created: keep polling until the timeout.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).isEmpty();
            for (String table : pipeline.tables()) {
                ViewSchema schema = schema(table);
                var source = StoreContents.postgres(db, table, schema);
                if (sinks.contains("search")) {
                    assertThat(StoreContents.elasticsearch(pipeline.es(), pipeline.target(table), schema))
                            .as("Elasticsearch %s", table).isEqualTo(source);
                }
                if (sinks.contains("documents")) {
                    assertThat(StoreContents.mongodb(pipeline.mongo(), pipeline.name(), table, schema))
                            .as("MongoDB %s", table).isEqualTo(source);
                }
                if (sinks.contains("analytics")) {
                    assertThat(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(table), schema))
                            .as("ClickHouse %s", table).isEqualTo(source);
                }
            }
        });
    }

    private ViewSchema schema(String view) {
        return runtime.schemas().get(view);
    }


    private List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(String sink, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(pipeline.deadLetterTopic(sink)));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records).as("dead letters of " + sink).hasSize(count);
        return records;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "pipeline-it-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

}
