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
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A view whose key is not the primary key (key: [code], a unique NOT NULL column; REPLICA IDENTITY
 * FULL so that updates and deletes carry the old code): Elasticsearch, MongoDB and ClickHouse hold
 * exactly the source's rows by code, value by value, through the snapshot, inserts, updates of the
 * code (the document moves: the old one is deleted), a swap of two codes, updates of other
 * columns and deletes. Without the key-change path the old codes' documents stay behind.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewKeyIT {
    private static final String VIEWS = "- {name: by_code, table: public.items, key: [code]}\n";

    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("view_key_it");
        sql("CREATE TABLE items (id bigint PRIMARY KEY, code text NOT NULL UNIQUE, name text, qty int)",
                "ALTER TABLE items REPLICA IDENTITY FULL",
                "INSERT INTO items SELECT i, 'C-' || i, 'item ' || i, i FROM generate_series(1, 20) i");
        pipeline = TestPipeline.create("view_key_it", db, kafka, es, mongo, clickhouse, List.of("items"),
                new TestPipeline.Views(VIEWS, Map.of(TestPipeline.SEARCH, List.of("by_code"),
                        TestPipeline.DOCUMENTS, List.of("by_code"), TestPipeline.ANALYTICS, List.of("by_code")), Map.of()));
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
    void theSnapshotAndInsertsAreKeyedByCode() throws Exception {
        sql("INSERT INTO items SELECT i, 'C-' || i, 'item ' || i, i FROM generate_series(21, 30) i");
        awaitEverySinkEqualsTheSource("snapshot and inserts");
    }

    @Test
    @Order(2)
    void changingTheCodeMovesTheDocument() throws Exception {
        sql("UPDATE items SET code = 'N-1' WHERE id = 1",
                "UPDATE items SET code = 'N-21', qty = 0 WHERE id = 21",
                // A swap through a third value, in one transaction: each code ends at the other row.
                "BEGIN", "UPDATE items SET code = 'tmp' WHERE id = 2", "UPDATE items SET code = 'C-2' WHERE id = 3",
                "UPDATE items SET code = 'C-3' WHERE id = 2", "COMMIT",
                // A code given up and taken by another row, whose change event is in another partition.
                "UPDATE items SET code = 'X-4' WHERE id = 4", "UPDATE items SET code = 'C-4' WHERE id = 5");

        awaitEverySinkEqualsTheSource("code changes");
        var documents = StoreContents.elasticsearch(pipeline.es(), pipeline.target("by_code"), schema());
        assertThat(documents).doesNotContainKeys("C-1", "C-21", "C-5", "tmp").containsKeys("N-1", "N-21", "X-4");
        assertThat(documents.get("C-2")).containsEntry("id", "3");
        assertThat(documents.get("C-4")).containsEntry("id", "5");
    }

    @Test
    @Order(3)
    void otherColumnsAndDeletesFollow() throws Exception {
        sql("UPDATE items SET name = 'renamed', qty = qty + 100 WHERE id IN (6, 7, 2)",
                "DELETE FROM items WHERE id IN (8, 1, 3)",
                "INSERT INTO items VALUES (31, 'N-1', 'reuses a deleted code', 1)");

        awaitEverySinkEqualsTheSource("updates and deletes");
        assertThat(runtime.views().metrics().deadLettered()).isZero();
    }

    private ViewSchema schema() {
        return runtime.schemas().get("by_code");
    }

    private void awaitEverySinkEqualsTheSource(String after) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            var source = StoreContents.postgres(db, "items", schema());
            assertThat(StoreContents.differences(source, StoreContents.elasticsearch(pipeline.es(),
                    pipeline.target("by_code"), schema()), 20)).as("Elasticsearch after %s", after).isEmpty();
            assertThat(StoreContents.differences(source, StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "by_code",
                    schema()), 20)).as("MongoDB after %s", after).isEmpty();
            assertThat(StoreContents.differences(source, StoreContents.clickhouse(pipeline.clickhouse(),
                    pipeline.target("by_code"), schema()), 20)).as("ClickHouse after %s", after).isEmpty();
        });
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
