package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.testkit.PostgresEndpoint;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
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

/**
 * An {@code accounts} table under a stream of updates, inserts and deletes, for the tests that crash
 * or split the daemon while it streams: every change bumps a row's {@code revision}, so a sink that
 * went back to an older version shows it.
 */
final class AccountChanges {
    static final String TABLE = "accounts";
    private static final int PER_TRANSACTION = 100;

    private final PostgresEndpoint db;
    private final int rows;

    AccountChanges(PostgresEndpoint db, int rows) {
        this.db = db;
        this.rows = rows;
    }

    /** The table with {@code rows} accounts. */
    AccountChanges create() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL, "
                    + "revision bigint NOT NULL, updated_at timestamptz NOT NULL, note text)");
            s.execute("INSERT INTO accounts SELECT i, 100.00, 0, now(), 'account ' || i FROM generate_series(1, " + rows + ") i");
        }
        return this;
    }

    /** {@code changes} updates (94%), inserts and deletes, in transactions of 100; {@code applied} counts the committed. */
    void apply(int changes, AtomicInteger applied) {
        Random random = new Random(42);
        try (Connection c = db.connect();
             PreparedStatement update = c.prepareStatement(
                     "UPDATE accounts SET balance = balance + ?, revision = revision + 1, updated_at = now() WHERE id = ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO accounts VALUES (?, 0.01, 0, now(), 'late') ON CONFLICT (id) DO NOTHING");
             PreparedStatement delete = c.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= changes; i++) {
                int kind = random.nextInt(100);
                if (kind < 94) {
                    update.setBigDecimal(1, BigDecimal.valueOf(random.nextInt(10_000) - 5_000, 2));
                    update.setLong(2, 1 + random.nextInt(rows));
                    update.executeUpdate();
                } else if (kind < 97) {
                    insert.setLong(1, rows + 1 + random.nextInt(rows));
                    insert.executeUpdate();
                } else {
                    delete.setLong(1, 1 + random.nextInt(2 * rows));
                    delete.executeUpdate();
                }
                if (i % PER_TRANSACTION == 0) {
                    c.commit();
                    applied.set(i);
                }
            }
            c.commit();
            applied.set(changes);
        } catch (Exception e) {
            throw new IllegalStateException("writing changes failed", e);
        }
    }

    /** Waits until every sink holds exactly the source's rows, value by value, while all {@code daemons} live. */
    void awaitEverySinkEqualsTheSource(TestPipeline pipeline, ViewSchema schema, List<DaemonProcess> daemons,
                                       Duration timeout) {
        // Reads may fail while a target is still being created: keep polling until the timeout.
        await().atMost(timeout).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            for (DaemonProcess daemon : daemons) {
                assertThat(daemon.isAlive()).as("daemon alive; log:\n%s", daemon.tail()).isTrue();
            }
            var source = StoreContents.postgres(db, TABLE, schema);
            assertThat(StoreContents.elasticsearch(pipeline.es(), pipeline.target(TABLE), schema)).isEqualTo(source);
            assertThat(StoreContents.mongodb(pipeline.mongo(), pipeline.name(), TABLE, schema)).isEqualTo(source);
            assertThat(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(TABLE), schema)).isEqualTo(source);
        });
    }

    /** Reads every sink about four times a second: a row's revision must never go down in a sink. */
    static RegressionSampler regressionSampler(TestPipeline pipeline, ViewSchema schema) {
        Map<String, Callable<Map<String, Long>>> probes = new LinkedHashMap<>();
        probes.put("elasticsearch", () -> revisions(StoreContents.elasticsearch(pipeline.es(), pipeline.target(TABLE), schema)));
        probes.put("mongodb", () -> revisions(StoreContents.mongodb(pipeline.mongo(), pipeline.name(), TABLE, schema)));
        probes.put("clickhouse", () -> revisions(StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target(TABLE), schema)));
        // A deleted and re-inserted row starts again at 0: only a drop to a non-zero revision is a regression.
        return new RegressionSampler(probes, (before, now) -> now < before && now != 0, Duration.ofMillis(250));
    }

    private static Map<String, Long> revisions(Map<String, Map<String, String>> rows) {
        Map<String, Long> revisions = new LinkedHashMap<>();
        rows.forEach((id, row) -> revisions.put(id, Long.parseLong(row.get("revision"))));
        return revisions;
    }
}
