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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A partitioned table (list partitions, primary key on the root) is captured through its root: the
 * snapshot reads every partition's rows once, and streamed changes (publish_via_partition_root) reach
 * the root's change topic, including an update that moves a row to another partition (PostgreSQL
 * publishes it as a delete and an insert). Every sink ends equal to the source, value by value.
 */
@RealServices
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionedTableIT {
    private TestPipeline pipeline;
    private PipelineRuntime runtime;
    private PostgresEndpoint db;

    @BeforeAll
    void start(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo,
               ClickHouseEndpoint clickhouse) throws Exception {
        db = postgres.createDatabase("partitioned_it");
        sql("CREATE TABLE readings (id int, region text, v numeric(10,2), note text, PRIMARY KEY (id, region))"
                        + " PARTITION BY LIST (region)",
                "CREATE TABLE readings_eu PARTITION OF readings FOR VALUES IN ('eu')",
                "CREATE TABLE readings_us PARTITION OF readings FOR VALUES IN ('us')",
                "CREATE TABLE readings_asia PARTITION OF readings FOR VALUES IN ('asia')",
                "INSERT INTO readings SELECT i, (ARRAY['eu', 'us', 'asia'])[i % 3 + 1], i * 1.5, 'before start'"
                        + " FROM generate_series(1, 30) i");
        pipeline = TestPipeline.create("partitioned_it", db, kafka, es, mongo, clickhouse, List.of("readings"));
        runtime = TestPipeline.startStreaming(pipeline.spec());
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.tearDown(runtime);
        }
    }

    @Test
    void snapshotAndStreamedChangesOfEveryPartitionReachEverySink() throws Exception {
        awaitEverySinkEqualsTheSource();

        sql("INSERT INTO readings SELECT i, (ARRAY['eu', 'us', 'asia'])[i % 3 + 1], i * 2.25, 'streamed'"
                        + " FROM generate_series(31, 45) i",
                "UPDATE readings SET v = v + 100, note = 'updated' WHERE id % 4 = 0",
                // Moves rows to another partition: the old document goes, the new one comes.
                "UPDATE readings SET region = 'us', note = 'moved' WHERE region = 'eu' AND id < 10",
                "DELETE FROM readings WHERE region = 'asia' AND id > 20",
                "DELETE FROM readings WHERE id = 33");
        awaitEverySinkEqualsTheSource();
        assertThat(runtime.failure()).isEmpty();
    }

    private void awaitEverySinkEqualsTheSource() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).as("the pipeline keeps running").isEmpty();
            ViewSchema schema = runtime.schemas().get("readings");
            var source = StoreContents.postgres(db, "readings", schema);
            assertThat(source).hasSizeGreaterThan(20);
            assertThat(StoreContents.differences(source,
                    StoreContents.elasticsearch(pipeline.es(), pipeline.target("readings"), schema), 20)).as("Elasticsearch").isEmpty();
            assertThat(StoreContents.differences(source,
                    StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "readings", schema), 20)).as("MongoDB").isEmpty();
            assertThat(StoreContents.differences(source,
                    StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("readings"), schema), 20)).as("ClickHouse").isEmpty();
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
