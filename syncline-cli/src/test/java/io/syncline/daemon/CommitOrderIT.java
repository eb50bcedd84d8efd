package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.cdc.CapturePhase;
import io.syncline.config.PipelineSpec;
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
import org.junit.jupiter.api.Test;

/**
 * Transactions that write rows before the snapshot point and commit after it: their changes reach
 * every sink although they were written at an LSN below the snapshot's (the view stage orders by
 * commit, not by write position). The slot is created in advance, so Debezium cannot read the
 * snapshot the slot exported: the snapshot then reads the rows as they were before those
 * transactions, at a later LSN than the one they wrote at.
 */
@RealServices
class CommitOrderIT {
    private static final String TABLE = "accounts";

    @Test
    void changesWrittenBeforeTheSnapshotPointAndCommittedAfterItReachEverySink(PostgresEndpoint postgres,
            KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse)
            throws Exception {
        PostgresEndpoint db = postgres.createDatabase("commit_order_it");
        sql(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL, note text)",
                "INSERT INTO accounts SELECT i, i * 10, 'initial ' || i FROM generate_series(1, 20) i");
        TestPipeline pipeline = TestPipeline.create("commit_order_it", db, kafka, es, mongo, clickhouse, List.of(TABLE));
        PipelineSpec spec = pipeline.spec();
        // The publication must exist before the slot's first decoded change; the slot before the held transactions.
        sql(db, "CREATE TABLE syncline_heartbeat (id int PRIMARY KEY, ts timestamptz)",
                "CREATE PUBLICATION " + spec.source().publication() + " FOR TABLE accounts, syncline_heartbeat",
                "SELECT pg_create_logical_replication_slot('" + spec.source().slot() + "', 'pgoutput')");

        List<Connection> held = new ArrayList<>();
        PipelineRuntime runtime = null;
        try {
            Connection first = begin(db, held);
            Connection second = begin(db, held);
            Connection third = begin(db, held);
            // Written now, below the snapshot point; committed only after the snapshot.
            run(first, "UPDATE accounts SET balance = 111.11, note = 'first: updated' WHERE id = 1",
                    "DELETE FROM accounts WHERE id = 2",
                    "INSERT INTO accounts VALUES (101, 1.01, 'first: inserted')");
            run(second, "DELETE FROM accounts WHERE id = 3",
                    "INSERT INTO accounts VALUES (3, 333.33, 'second: deleted and inserted again')",
                    "UPDATE accounts SET balance = balance + 0.44, note = 'second: updated' WHERE id = 4",
                    "UPDATE accounts SET note = 'second: updated twice' WHERE id = 4");
            run(third, "UPDATE accounts SET note = 'third: updated' WHERE id = 5");

            runtime = PipelineRuntime.start(spec);
            PipelineRuntime started = runtime;
            await().atMost(Duration.ofSeconds(120)).until(() -> started.capture().status().phase() == CapturePhase.STREAMING);

            // Interleaved after the snapshot: each row's writers follow one another, commits in another order.
            sql(db, "UPDATE accounts SET balance = 6.66, note = 'autocommit after the snapshot' WHERE id = 6");
            run(second, "UPDATE accounts SET note = 'second: after the autocommit' WHERE id = 6");
            run(third, "DELETE FROM accounts WHERE id = 7");
            commit(second);
            run(first, "UPDATE accounts SET note = 'first: after second committed' WHERE id = 4",
                    "UPDATE accounts SET balance = 8.88 WHERE id = 8");
            commit(third);
            run(first, "INSERT INTO accounts VALUES (7, 7.77, 'first: inserted after third deleted it')");
            commit(first);

            ViewSchema schema = runtime.schemas().get(TABLE);
            PipelineRuntime running = runtime;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
                assertThat(running.failure()).isEmpty();
                var source = StoreContents.postgres(db, TABLE, schema);
                assertThat(source).containsKeys("1", "3", "7", "101").doesNotContainKey("2");
                assertThat(StoreContents.differences(source,
                        StoreContents.elasticsearch(es, pipeline.target(TABLE), schema), 10)).as("Elasticsearch").isEmpty();
                assertThat(StoreContents.differences(source,
                        StoreContents.mongodb(mongo, pipeline.name(), TABLE, schema), 10)).as("MongoDB").isEmpty();
                assertThat(StoreContents.differences(source,
                        StoreContents.clickhouse(clickhouse, pipeline.target(TABLE), schema), 10)).as("ClickHouse").isEmpty();
            });
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
            pipeline.tearDown(runtime);
        }
    }

    private static Connection begin(PostgresEndpoint db, List<Connection> held) throws Exception {
        Connection connection = db.connect();
        held.add(connection);
        connection.setAutoCommit(false);
        return connection;
    }

    private static void run(Connection connection, String... statements) throws Exception {
        try (Statement s = connection.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static void commit(Connection connection) throws Exception {
        connection.commit();
    }

    private static void sql(PostgresEndpoint db, String... statements) throws Exception {
        try (Connection c = db.connect()) {
            run(c, statements);
        }
    }
}
