package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * jsonb of every shape reaches all three sinks value by value (issue 9): one key holding a number,
 * a string, an object and a mixed array in different rows, mixed-type arrays inside objects, 40
 * levels of nesting, empty objects and arrays, unicode keys and escapes, exact decimals, an array of
 * objects at the root, SQL NULL — inserted before the snapshot and while streaming, then updated to
 * other types and deleted. Elasticsearch maps json as {@code flattened} (the default), which refuses
 * a scalar or an array holding scalars at the root: those two shapes are left out here.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonVarietyIT {
    /** A different shape per row; the same key {@code v} has another type in each of the first five. */
    private static final List<String> SHAPES = List.of(
            "{\"v\": 1}",
            "{\"v\": \"one\"}",
            "{\"v\": {\"w\": true, \"n\": null}}",
            "{\"v\": [1, \"x\", null, {\"k\": 2.50}, [true, []], 1.0e-7]}",
            "{\"v\": 12345678901234567890.123456789, \"neg\": -42, \"zero\": 0.000}",
            nested(40),
            "{}",
            "{\"e\": [], \"o\": {}, \"deep\": {\"x\": {\"y\": []}}}",
            "{\"ключ\": \"значение\", \"键\": 1, \"🔑\": \"emoji\", \"café\": null, \"a b\": \"space\"}",
            "{\"s\": \"line\\nbreak \\\"quoted\\\" \\\\ tab\\t é 😀\", \"empty\": \"\"}",
            "[{\"a\": 1}, {\"b\": [\"x\", 2]}, {}]",
            "{\"rows\": [{\"id\": 1, \"tags\": [\"a\", \"b\"]}, {\"id\": \"two\", \"tags\": {}}]}");

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("json_variety_it");
        sql("CREATE TABLE docs (id bigint PRIMARY KEY, body jsonb, note text)");
        insert(0, SHAPES.size() / 2);
        sql("INSERT INTO docs VALUES (100, NULL, 'sql null')");
        pipeline = TestPipeline.create("json_variety_it", db, kafka, es, mongo, clickhouse, List.of("docs"));
        runtime = TestPipeline.startStreaming(pipeline.spec());
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    void everyShapeArrivesInEverySinkAsInTheSource() throws Exception {
        insert(SHAPES.size() / 2, SHAPES.size());
        awaitEverySinkEqualsTheSource();

        // While streaming: each of the first rows takes the type another row had for the same key.
        try (Connection c = db.connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE docs SET body = ?::jsonb, note = 'updated' WHERE id = ?")) {
            for (int i = 0; i < 5; i++) {
                update.setString(1, SHAPES.get((i + 1) % 5));
                update.setLong(2, i);
                update.executeUpdate();
            }
        }
        sql("UPDATE docs SET body = NULL WHERE id = 6", "UPDATE docs SET body = '{\"was\": null}' WHERE id = 100",
                "DELETE FROM docs WHERE id = 7");
        awaitEverySinkEqualsTheSource();
        assertThat(runtime.failure()).isEmpty();
    }

    private void awaitEverySinkEqualsTheSource() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            ViewSchema schema = runtime.schemas().get("docs");
            var source = StoreContents.postgres(db, "docs", schema);
            assertThat(StoreContents.differences(source,
                    StoreContents.elasticsearch(pipeline.es(), pipeline.target("docs"), schema), 20)).as("Elasticsearch").isEmpty();
            assertThat(StoreContents.differences(source,
                    StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "docs", schema), 20)).as("MongoDB").isEmpty();
            assertThat(StoreContents.differences(source,
                    StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("docs"), schema), 20)).as("ClickHouse").isEmpty();
        });
    }

    private void insert(int from, int to) throws Exception {
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO docs VALUES (?, ?::jsonb, ?)")) {
            for (int i = from; i < to; i++) {
                insert.setLong(1, i);
                insert.setString(2, SHAPES.get(i));
                insert.setString(3, "shape " + i);
                insert.executeUpdate();
            }
        }
    }

    private static String nested(int depth) {
        return "{\"a\": ".repeat(depth) + "[1, \"leaf\"]" + "}".repeat(depth);
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
