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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The daemon is killed with SIGKILL while 50,000 changes stream, and restarted: afterwards every
 * sink equals the source row for row, and no sink ever showed a row going back to an older
 * version (sampled all along).
 */
@RealServices
class CrashRecoveryIT {
    private static final int ROWS = 1_000;
    private static final int CHANGES = 50_000;
    private static final int PER_TRANSACTION = 100;

    @Test
    void aKilledDaemonResumesAndEverySinkEndsEqualToTheSource(PostgresEndpoint postgres, KafkaEndpoint kafka,
            ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("crash_it");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL, "
                    + "revision bigint NOT NULL, updated_at timestamptz NOT NULL, note text)");
            s.execute("INSERT INTO accounts SELECT i, 100.00, 0, now(), 'account ' || i FROM generate_series(1, " + ROWS + ") i");
        }
        TestPipeline pipeline = TestPipeline.create("crash_it", db, kafka, es, mongo, clickhouse, List.of("accounts"));
        var file = pipeline.writeFile();
        var log = pipeline.stateDir().resolve("daemon.log");

        DaemonProcess daemon = DaemonProcess.start(file, pipeline.environment(), log).awaitRunning(Duration.ofMinutes(3));
        ViewSchema schema = ViewSchemas.read(pipeline.spec()).get("accounts");
        // The crash should hit a pipeline that is writing to every sink, not one still starting.
        awaitEverySinkEqualsTheSource(db, pipeline, schema, daemon, Duration.ofMinutes(3));
        RegressionSampler sampler = regressionSampler(pipeline, schema).start();
        AtomicInteger applied = new AtomicInteger();
        Thread writer = new Thread(() -> applyChanges(db, applied), "crash-it-writer");
        writer.start();
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> applied.get() >= CHANGES / 3);
            daemon.crash();
            assertThat(daemon.isAlive()).isFalse();
            daemon = DaemonProcess.start(file, pipeline.environment(), log).awaitRunning(Duration.ofMinutes(3));
            writer.join(Duration.ofMinutes(5).toMillis());
            assertThat(applied.get()).isEqualTo(CHANGES);

            awaitEverySinkEqualsTheSource(db, pipeline, schema, daemon, Duration.ofMinutes(8));
        } finally {
            sampler.close();
            daemon.close();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active "
                        + "AND slot_name = '" + pipeline.spec().source().slot() + "'");
            }
        }
        pipeline.deleteStateDir(); // kept when the test fails: daemon.log is in it
        assertThat(sampler.samples()).as("samples taken while the changes streamed").isGreaterThan(3);
        assertThat(sampler.regressions()).as("rows that went back to an older revision in a sink").isEmpty();
    }

    private static void awaitEverySinkEqualsTheSource(PostgresEndpoint db, TestPipeline pipeline, ViewSchema schema,
                                                      DaemonProcess daemon, Duration timeout) {
        // Reads may fail while a target is still being created: keep polling until the timeout.
        await().atMost(timeout).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(daemon.isAlive()).as("daemon alive; log:\n%s", daemon.tail()).isTrue();
            var source = StoreContents.postgres(db, "accounts", schema);
            assertThat(StoreContents.elasticsearch(pipeline.es(), pipeline.target("accounts"), schema)).isEqualTo(source);
            assertThat(StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "accounts", schema)).isEqualTo(source);
            assertThat(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("accounts"), schema)).isEqualTo(source);
        });
    }

    /** 50,000 updates, inserts and deletes over the accounts, in transactions of 100. */
    private static void applyChanges(PostgresEndpoint db, AtomicInteger applied) {
        Random random = new Random(42);
        try (Connection c = db.connect();
             PreparedStatement update = c.prepareStatement(
                     "UPDATE accounts SET balance = balance + ?, revision = revision + 1, updated_at = now() WHERE id = ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO accounts VALUES (?, 0.01, 0, now(), 'late') ON CONFLICT (id) DO NOTHING");
             PreparedStatement delete = c.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= CHANGES; i++) {
                int kind = random.nextInt(100);
                if (kind < 94) {
                    update.setBigDecimal(1, java.math.BigDecimal.valueOf(random.nextInt(10_000) - 5_000, 2));
                    update.setLong(2, 1 + random.nextInt(ROWS));
                    update.executeUpdate();
                } else if (kind < 97) {
                    insert.setLong(1, ROWS + 1 + random.nextInt(ROWS));
                    insert.executeUpdate();
                } else {
                    delete.setLong(1, 1 + random.nextInt(2 * ROWS));
                    delete.executeUpdate();
                }
                if (i % PER_TRANSACTION == 0) {
                    c.commit();
                    applied.set(i);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("writing changes failed", e);
        }
    }

    /** Reads every sink about four times a second: a row's revision must never go down in a sink. */
    private static RegressionSampler regressionSampler(TestPipeline pipeline, ViewSchema schema) {
        Map<String, Callable<Map<String, Long>>> probes = new LinkedHashMap<>();
        probes.put("elasticsearch", () -> revisions(StoreContents.elasticsearch(pipeline.es(), pipeline.target("accounts"), schema)));
        probes.put("mongodb", () -> revisions(StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "accounts", schema)));
        probes.put("clickhouse", () -> revisions(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("accounts"), schema)));
        // A deleted and re-inserted row starts again at 0: only a drop to a non-zero revision is a regression.
        return new RegressionSampler(probes, (before, now) -> now < before && now != 0, Duration.ofMillis(250));
    }

    private static Map<String, Long> revisions(Map<String, Map<String, String>> rows) {
        Map<String, Long> revisions = new LinkedHashMap<>();
        rows.forEach((id, row) -> revisions.put(id, Long.parseLong(row.get("revision"))));
        return revisions;
    }
}
