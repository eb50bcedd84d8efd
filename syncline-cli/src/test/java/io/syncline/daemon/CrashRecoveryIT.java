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

    @Test
    void aKilledDaemonResumesAndEverySinkEndsEqualToTheSource(PostgresEndpoint postgres, KafkaEndpoint kafka,
            ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("crash_it");
        AccountChanges accounts = new AccountChanges(db, ROWS).create();
        TestPipeline pipeline = TestPipeline.create("crash_it", db, kafka, es, mongo, clickhouse, List.of("accounts"));
        var file = pipeline.writeFile();
        var log = pipeline.stateDir().resolve("daemon.log");

        DaemonProcess daemon = DaemonProcess.start(file, pipeline.environment(), log).awaitRunning(Duration.ofMinutes(3));
        ViewSchema schema = ViewSchemas.read(pipeline.spec()).get("accounts");
        // The crash should hit a pipeline that is writing to every sink, not one still starting.
        accounts.awaitEverySinkEqualsTheSource(pipeline, schema, List.of(daemon), Duration.ofMinutes(3));
        RegressionSampler sampler = AccountChanges.regressionSampler(pipeline, schema).start();
        AtomicInteger applied = new AtomicInteger();
        Thread writer = new Thread(() -> accounts.apply(CHANGES, applied), "crash-it-writer");
        writer.start();
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> applied.get() >= CHANGES / 3);
            daemon.crash();
            assertThat(daemon.isAlive()).isFalse();
            daemon = DaemonProcess.start(file, pipeline.environment(), log).awaitRunning(Duration.ofMinutes(3));
            writer.join(Duration.ofMinutes(5).toMillis());
            assertThat(applied.get()).isEqualTo(CHANGES);

            accounts.awaitEverySinkEqualsTheSource(pipeline, schema, List.of(daemon), Duration.ofMinutes(8));
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
}
