package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.DeadLetterHeaders;
import io.syncline.view.Topics;
import io.syncline.view.ViewSchema;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The daemon against real servers keeps running when the view stage meets records it cannot
 * process: a change event that is not JSON and one whose int column holds text (both written
 * straight into the change topic), and a numeric NaN inserted through SQL. They go to
 * {@code <prefix>.dlq.views}; every real row before and after reaches MongoDB; a restart neither
 * crash-loops nor dead-letters them again.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewDeadLetterIT {
    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("view_dlq_it");
        sql("CREATE TABLE things (id bigint PRIMARY KEY, qty integer, price numeric, name text)");
        pipeline = TestPipeline.create("view_dlq_it", db, kafka, es, mongo, clickhouse, List.of("things"),
                new TestPipeline.Views("- {name: things, table: public.things}\n",
                        Map.of(TestPipeline.DOCUMENTS, List.of("things")), Map.of()));
        runtime = startRuntime();
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    void poisonedRecordsAreDeadLetteredWhileEveryRealRowArrivesAcrossARestart() throws Exception {
        sql("INSERT INTO things VALUES (1, 1, 1.5, 'before'), (2, 2, 2.5, 'before')");
        awaitMongoHoldsEveryRealRow();

        String changeTopic = Topics.changeTopic(pipeline.name(), "public", "things");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(changeTopic, "{\"id\":900}", "this is not json {")).get();
            producer.send(new ProducerRecord<>(changeTopic, "{\"id\":901}", "{\"op\":\"c\",\"before\":null,"
                    + "\"after\":{\"id\":901,\"qty\":\"abc\",\"price\":\"1.00\",\"name\":\"poison\"},"
                    + "\"source\":{\"lsn\":1,\"ts_ms\":1700000000000}}")).get();
        }
        sql("INSERT INTO things VALUES (3, 3, 3.5, 'after'), (4, 4, 4.5, 'after')",
                "INSERT INTO things VALUES (5, 5, 'NaN', 'not a number')",
                "INSERT INTO things VALUES (6, 6, 6.5, 'after NaN')",
                "UPDATE things SET name = 'updated after poison' WHERE id = 1");
        awaitMongoHoldsEveryRealRow();

        List<ConsumerRecord<byte[], byte[]>> dead = awaitDeadLetters(2);
        ConsumerRecord<byte[], byte[]> notJson = byKey(dead, "{\"id\":900}");
        assertThat(new String(notJson.value(), StandardCharsets.UTF_8)).isEqualTo("this is not json {");
        assertThat(header(notJson, DeadLetterHeaders.TOPIC)).isEqualTo(changeTopic);
        assertThat(header(notJson, DeadLetterHeaders.PARTITION)).isNotNull();
        assertThat(header(notJson, DeadLetterHeaders.OFFSET)).isNotNull();
        assertThat(header(notJson, DeadLetterHeaders.EXCEPTION)).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(header(notJson, DeadLetterHeaders.CAUSE)).isEqualTo("change event is not JSON");
        assertThat(header(notJson, DeadLetterHeaders.VIEW)).isEqualTo("things");
        assertThat(header(notJson, DeadLetterHeaders.PROCESSOR)).startsWith("view-things-");
        assertThat(header(notJson, DeadLetterHeaders.KEY)).isEqualTo("{\"id\":900}");
        ConsumerRecord<byte[], byte[]> wrongType = byKey(dead, "{\"id\":901}");
        assertThat(header(wrongType, DeadLetterHeaders.CAUSE)).contains("not an integer");
        // numeric NaN is a value the view stage carries (view-model README): it arrives, it is not dead-lettered.
        assertThat(dead).extracting(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                .doesNotContain("{\"id\":5}");
        assertThat(mongo().get("5")).containsEntry("price", "NaN");
        int deadLetters = dead.size();

        // A clean restart: the poison is behind the committed offsets, so it is neither met nor dead-lettered again.
        runtime.close();
        runtime = startRuntime();
        sql("INSERT INTO things VALUES (7, 7, 7.5, 'after restart')");
        awaitMongoHoldsEveryRealRow();
        assertThat(mongo()).containsKey("7");
        Thread.sleep(2_000);
        assertThat(readDeadLetters(Duration.ofSeconds(5))).hasSize(deadLetters);
        assertThat(runtime.failure()).isEmpty();
    }

    private PipelineRuntime startRuntime() throws Exception {
        PipelineRuntime started = TestPipeline.startStreaming(pipeline.spec());
        return started;
    }

    /** Every row but the NaN one (checked on its own: NaN) is in MongoDB exactly. */
    private void awaitMongoHoldsEveryRealRow() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            var source = StoreContents.postgresQuery(db, "SELECT * FROM things WHERE price <> 'NaN'", schema());
            var sink = new java.util.TreeMap<>(mongo());
            sink.remove("5");
            assertThat(sink).isEqualTo(source);
        });
    }

    private Map<String, Map<String, String>> mongo() {
        return StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "things", schema());
    }

    private ViewSchema schema() {
        return runtime.schemas().get("things");
    }

    private List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (records.size() < atLeast && System.nanoTime() < deadline) {
            records = readDeadLetters(Duration.ofSeconds(3));
        }
        assertThat(records).as("view dead letters").hasSizeGreaterThanOrEqualTo(atLeast);
        return records;
    }

    /** Everything on the view stage's dead-letter topic, as a read_committed reader sees it. */
    private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(Duration quiet) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "view-dlq-it-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.viewDeadLetterTopic(pipeline.name())));
            long deadline = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static ConsumerRecord<byte[], byte[]> byKey(List<ConsumerRecord<byte[], byte[]>> records, String key) {
        return records.stream().filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter with key " + key));
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
