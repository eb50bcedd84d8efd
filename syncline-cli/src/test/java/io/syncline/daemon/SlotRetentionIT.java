package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.cdc.SlotMonitor;
import io.syncline.cdc.SlotStatus;
import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/**
 * source.walRetention against a real PostgreSQL: with capture paused, WAL written elsewhere in the
 * database grows the slot's retained WAL; the slot monitor of the running daemon reports WARNING, then
 * EXCEEDED, with one log line each; with drop_slot it stops capture and drops the slot, and the next
 * start recovers as a new source generation with every sink equal to the source.
 */
@RealServices
class SlotRetentionIT {
    private static final long MB = 1024 * 1024;

    @Test
    void warnsOnceAtTheWarningFractionAndOnceAboveTheBudget(PostgresEndpoint postgres, KafkaEndpoint kafka,
            ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("slot_retention_it");
        sql(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, note text)",
                "INSERT INTO accounts SELECT i, 'note ' || i FROM generate_series(1, 20) i",
                "CREATE TABLE filler (id bigint PRIMARY KEY, pad text)");
        TestPipeline pipeline = TestPipeline.create("slot_retention_it", db, kafka, es, mongo, clickhouse, List.of("accounts"));
        PipelineSpec spec = withRetention(pipeline, "{budget: 48MB, warnAt: 0.25, checkInterval: 1s}");
        PipelineRuntime runtime = TestPipeline.startStreaming(spec);
        LogLines log = LogLines.of(SlotMonitor.class);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.slot().state() == SlotStatus.State.OK);
            assertThat(runtime.slot().budgetBytes()).isEqualTo(48 * MB);
            assertThat(runtime.slot().warnBytes()).isEqualTo(12 * MB);

            runtime.capture().close(); // paused: nothing confirms WAL any more
            fill(db, 1, 15_000); // about 17 MB of WAL
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.slot().state() == SlotStatus.State.WARNING);
            SlotStatus warning = runtime.slot();
            assertThat(warning.retainedBytes()).isBetween(12 * MB, 48 * MB);
            assertThat(warning.active()).isFalse();
            assertThat(warning.confirmedFlushLagBytes()).isPositive();

            fill(db, 15_001, 65_000); // about 55 MB more
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.slot().state() == SlotStatus.State.EXCEEDED);
            assertThat(runtime.slot().retainedBytes()).isGreaterThan(48 * MB).isGreaterThan(warning.retainedBytes());
            Thread.sleep(4000); // four more readings: not logged again
            assertThat(runtime.slot().state()).isEqualTo(SlotStatus.State.EXCEEDED);
            assertThat(log.warnings()).as("one warning per state, not one per reading").hasSize(2);
            assertThat(log.warnings().get(0)).contains("replication slot " + spec.source().slot() + " retains",
                    "of source.walRetention.budget 48.0 MB", "capture NOT connected", "start the daemon");
            assertThat(log.warnings().get(1)).contains("above the budget", "onExceeded: warn keeps the slot");
            assertThat(slotExists(db, spec.source().slot())).as("warn keeps the slot").isTrue();
        } finally {
            log.close();
            pipeline.tearDown(runtime);
        }
    }

    @Test
    void dropSlotStopsThePipelineAndTheNextStartRecoversAsANewGeneration(PostgresEndpoint postgres, KafkaEndpoint kafka,
            ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("slot_drop_it");
        sql(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, note text)",
                "INSERT INTO accounts SELECT i, 'note ' || i FROM generate_series(1, 40) i",
                "CREATE TABLE filler (id bigint PRIMARY KEY, pad text)");
        TestPipeline pipeline = TestPipeline.create("slot_drop_it", db, kafka, es, mongo, clickhouse, List.of("accounts"));
        PipelineSpec spec = withRetention(pipeline, "{budget: 16MB, warnAt: 0.5, onExceeded: drop_slot, checkInterval: 1s}");
        PipelineRuntime runtime = TestPipeline.startStreaming(spec);
        try {
            awaitEverySinkEqualsTheSource(runtime, pipeline, db, "generation 0");
            runtime.capture().close(); // paused
            sql(db, "DELETE FROM accounts WHERE id > 30", "UPDATE accounts SET note = 'while paused' WHERE id <= 5",
                    "INSERT INTO accounts VALUES (100, 'inserted while paused')");
            fill(db, 1, 30_000); // about 33 MB of WAL
            PipelineRuntime paused = runtime;
            await().atMost(Duration.ofSeconds(60)).until(() -> paused.stoppedWith().isPresent());
            assertThat(paused.stoppedWith().get().error().getMessage()).contains("above source.walRetention.budget 16.0 MB",
                    "capture stopped and the slot dropped", "next start", "new source generation");
            assertThat(slotExists(db, spec.source().slot())).isFalse();
            runtime.close();

            runtime = TestPipeline.startStreaming(spec);
            awaitEverySinkEqualsTheSource(runtime, pipeline, db, "the new generation's snapshot and sweep");
            PipelineRuntime restarted = runtime;
            await().atMost(Duration.ofSeconds(30)).until(() -> restarted.slot().state() == SlotStatus.State.OK);
        } finally {
            pipeline.tearDown(runtime);
        }
    }

    private static PipelineSpec withRetention(TestPipeline pipeline, String retention) throws Exception {
        String yaml = pipeline.yaml().replace("  heartbeatInterval: 1s\n", "  heartbeatInterval: 1s\n  walRetention: " + retention + "\n");
        assertThat(yaml).contains("walRetention");
        Path file = Files.writeString(pipeline.stateDir().resolve("pipeline.yaml"), yaml);
        return new PipelineLoader().load(file, pipeline.environment(), SinkFactoryCatalog.discover());
    }

    /** Rows of about 1 kB into a table no pipeline captures: WAL the slot retains all the same. */
    private static void fill(PostgresEndpoint db, int from, int to) throws Exception {
        sql(db, "INSERT INTO filler SELECT i, repeat(md5(i::text), 32) FROM generate_series(" + from + ", " + to + ") i");
    }

    private static boolean slotExists(PostgresEndpoint db, String slot) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static void awaitEverySinkEqualsTheSource(PipelineRuntime runtime, TestPipeline pipeline, PostgresEndpoint db,
                                                      String step) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(runtime.failure()).isEmpty();
            List<String> differences = new ArrayList<>();
            ViewSchema accounts = runtime.schemas().get("accounts");
            var expected = StoreContents.postgres(db, "accounts", accounts);
            StoreContents.differences(expected, StoreContents.elasticsearch(pipeline.es(), pipeline.target("accounts"), accounts), 5)
                    .forEach(d -> differences.add("Elasticsearch " + d));
            StoreContents.differences(expected, StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "accounts", accounts), 5)
                    .forEach(d -> differences.add("MongoDB " + d));
            StoreContents.differences(expected, StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("accounts"), accounts), 5)
                    .forEach(d -> differences.add("ClickHouse " + d));
            assertThat(differences).as("differences after %s", step).isEmpty();
        });
    }

    private static void sql(PostgresEndpoint db, String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The WARN lines one class logs while the test runs. */
    static final class LogLines extends AbstractAppender implements AutoCloseable {
        private final List<LogEvent> events = new CopyOnWriteArrayList<>();
        private final Logger logger;

        private LogLines(Logger logger) {
            super("test-" + logger.getName(), null, null, true, Property.EMPTY_ARRAY);
            this.logger = logger;
        }

        static LogLines of(Class<?> type) {
            Logger logger = (Logger) LogManager.getLogger(type);
            LogLines lines = new LogLines(logger);
            lines.start();
            logger.addAppender(lines);
            return lines;
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }

        List<String> warnings() {
            return events.stream().filter(e -> e.getLevel() == Level.WARN).map(e -> e.getMessage().getFormattedMessage()).toList();
        }

        @Override
        public void close() {
            logger.removeAppender(this);
            stop();
        }
    }
}
