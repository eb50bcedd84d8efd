package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.DeadLetterHeaders;
import io.syncline.view.RecordSizes;
import io.syncline.view.Topics;
import java.nio.charset.StandardCharsets;
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
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Records far beyond Kafka's 1 MiB default flow through the daemon to all three sinks: a row with a
 * 5 MB text column, and a parent joined with 20,000 children ({@code many}). A joined document beyond
 * the pipeline's maximum record size (16 MiB) is dead-lettered to {@code <prefix>.dlq.views} with its
 * cause while the daemon keeps running and later changes still arrive.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeRecordsIT {
    private static final int CHILDREN = 20_000;
    private static final int BIG_TEXT_CHARS = 5_000_000;

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("large_records_it");
        sql("CREATE TABLE docs (id bigint PRIMARY KEY, body text)",
                "CREATE TABLE parents (id bigint PRIMARY KEY, name text)",
                "CREATE TABLE children (id bigint PRIMARY KEY, parent_id bigint, label text)");
        String views = """
                - {name: docs, table: public.docs}
                - name: parents
                  table: public.parents
                  joins:
                    - {name: children, table: public.children, kind: many, on: {id: parent_id}, orderBy: [id], fields: [id, label]}
                """;
        List<String> both = List.of("docs", "parents");
        pipeline = TestPipeline.create("large_it", db, kafka, es, mongo, clickhouse, List.of("docs", "parents", "children"),
                new TestPipeline.Views(views, Map.of(TestPipeline.SEARCH, both, TestPipeline.DOCUMENTS, both,
                        TestPipeline.ANALYTICS, both), Map.of()));
        runtime = TestPipeline.startStreaming(pipeline.spec());
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    void largeRowsAndParentsWithThousandsOfChildrenReachEverySinkAndAnOversizedDocumentIsDeadLettered() throws Exception {
        // md5 text does not compress away: the sizes are real on the wire too.
        sql("INSERT INTO docs SELECT 1, left(string_agg(md5(i::text), ''), " + BIG_TEXT_CHARS + ") FROM generate_series(1, "
                        + (BIG_TEXT_CHARS / 32 + 1) + ") i",
                "INSERT INTO parents VALUES (1, 'many children')",
                "INSERT INTO children SELECT i, 1, 'child ' || i FROM generate_series(1, " + CHILDREN + ") i");

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            var source = StoreContents.postgres(db, "docs", runtime.schemas().get("docs"));
            assertThat(source.get("1").get("body")).hasSize(BIG_TEXT_CHARS);
            assertThat(StoreContents.elasticsearch(pipeline.es(), pipeline.target("docs"), runtime.schemas().get("docs")))
                    .isEqualTo(source);
            assertThat(StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "docs", runtime.schemas().get("docs")))
                    .isEqualTo(source);
            assertThat(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("docs"), runtime.schemas().get("docs")))
                    .isEqualTo(source);
            assertThat(childLabels(1)).as("children of parent 1 in each sink (count, first, last)")
                    .containsOnly(List.of(String.valueOf(CHILDREN), "child 1", "child " + CHILDREN));
        });

        // Parent 2's children are each well within the maximum, but together beyond it: the child that
        // would make the document too large is dead-lettered, and the document keeps the ones before it.
        int childChars = 6_000_000;
        sql("INSERT INTO parents VALUES (2, 'too many big children')");
        for (int id = 100_001; id <= 100_003; id++) {
            sql("INSERT INTO children SELECT " + id + ", 2, left(string_agg(md5((i + " + id + ")::text), ''), " + childChars
                    + ") FROM generate_series(1, " + (childChars / 32 + 1) + ") i");
        }
        sql("INSERT INTO docs VALUES (2, 'after the oversized document')");

        List<ConsumerRecord<byte[], byte[]>> dead = awaitViewDeadLetters();
        assertThat(dead).allSatisfy(record -> {
            assertThat(header(record, DeadLetterHeaders.CAUSE)).contains("beyond the view stage's limit of "
                    + RecordSizes.MAX_VIEW_VALUE_BYTES + " bytes");
            assertThat(header(record, DeadLetterHeaders.VIEW)).isEqualTo("parents");
        });
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            assertThat(StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "docs", runtime.schemas().get("docs")))
                    .containsKey("2");
            assertThat(mongoChildCount(2)).isEqualTo(2);
        });
        assertThat(runtime.failure()).isEmpty();
    }

    /** Per sink: the number of parent {@code id}'s children, the first label and the last. */
    private List<List<String>> childLabels(long id) throws Exception {
        List<List<String>> perSink = new ArrayList<>();
        try (MongoClient client = MongoClients.create(pipeline.mongo().connectionString())) {
            Document parent = client.getDatabase(pipeline.name()).getCollection("parents").find(new Document("_id", String.valueOf(id))).first();
            List<Document> children = parent.getList("children", Document.class);
            perSink.add(List.of(String.valueOf(children.size()), children.get(0).getString("label"),
                    children.get(children.size() - 1).getString("label")));
        }
        try (Connection c = pipeline.clickhouse().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT length(children), JSONExtractString(children[1], 'label'), "
                     + "JSONExtractString(children[-1], 'label') FROM " + pipeline.target("parents") + " FINAL WHERE id = " + id)) {
            assertThat(rs.next()).isTrue();
            perSink.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
        var es = StoreContents.elasticsearchSource(pipeline.es(), pipeline.target("parents"), String.valueOf(id));
        var children = es.get("children");
        perSink.add(List.of(String.valueOf(children.size()), children.get(0).get("label").asText(),
                children.get(children.size() - 1).get("label").asText()));
        return perSink;
    }

    private int mongoChildCount(long id) {
        try (MongoClient client = MongoClients.create(pipeline.mongo().connectionString())) {
            Document parent = client.getDatabase(pipeline.name()).getCollection("parents")
                    .find(new Document("_id", String.valueOf(id))).first();
            return parent == null ? -1 : parent.getList("children", Document.class).size();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> awaitViewDeadLetters() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "large-records-it-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.viewDeadLetterTopic(pipeline.name())));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records).as("view dead letters").isNotEmpty();
        return records;
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
