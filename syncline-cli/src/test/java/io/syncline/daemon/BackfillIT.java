package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.cdc.CaptureOptions;
import io.syncline.cli.Main;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code syncline backfill} of a 200,000-row table (to Elasticsearch and ClickHouse) and a
 * 20,000-row one (to MongoDB) the pipeline never snapshotted ({@code snapshot: no_data}), while a
 * writer keeps updating, inserting and deleting random rows: the daemon is killed with SIGKILL
 * half-way through the large table and restarted, the backfill goes on from its last chunk (the
 * chunk log, Debezium's notifications, shows it), and every sink ends equal to the source.
 * MongoDB takes the smaller table: the MongoDB endpoint here (mongo-java-server, in memory) slows
 * down with a collection's size (80,000 of 200,000 documents after ten minutes).
 */
@RealServices
class BackfillIT {
    private static final int ROWS = 200_000;
    private static final int LEDGER_ROWS = 20_000;

    @Test
    void aBackfillUnderWritesSurvivesAKillAndEveryDocumentEndsEqualToTheSource(PostgresEndpoint postgres,
            KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse)
            throws Exception {
        PostgresEndpoint db = postgres.createDatabase("backfill_it");
        sql(db, "CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL, revision bigint NOT NULL,"
                + " note text)", "INSERT INTO accounts SELECT i, i % 1000, 0, 'row ' || i FROM generate_series(1, " + ROWS + ") i",
                "CREATE TABLE ledger (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL, memo text)",
                "INSERT INTO ledger SELECT i, i, 'entry ' || i FROM generate_series(1, " + LEDGER_ROWS + ") i");
        TestPipeline.Views views = new TestPipeline.Views("""
                - {name: accounts, table: public.accounts}
                - {name: ledger, table: public.ledger}
                """, Map.of(TestPipeline.SEARCH, List.of("accounts"), TestPipeline.ANALYTICS, List.of("accounts"),
                TestPipeline.DOCUMENTS, List.of("ledger")), Map.of());
        TestPipeline pipeline = TestPipeline.create("backfill_it", db, kafka, es, mongo, clickhouse,
                List.of("accounts", "ledger"), views);
        // spec() writes the pipeline's own file: read what it gives before the file this test runs.
        String topic = CaptureOptions.notificationsTopic(pipeline.spec());
        Map<String, ViewSchema> schemas = ViewSchemas.read(pipeline.spec());
        ViewSchema schema = schemas.get("accounts");
        String slot = pipeline.spec().source().slot();
        String yaml = pipeline.yaml().replace("  heartbeatInterval: 1s\n", "  heartbeatInterval: 1s\n  snapshot: no_data\n");
        Path file = Files.writeString(pipeline.stateDir().resolve("pipeline.yaml"), yaml);
        Path cliFile = Files.writeString(pipeline.stateDir().resolve("cli.yaml"), yaml
                .replace("${TEST_PG_PASSWORD}", db.password()).replace("${TEST_CH_PASSWORD}", clickhouse.password()));
        Path log = pipeline.stateDir().resolve("daemon.log");
        // Debezium's account of resumes and backfill windows, for a failure's log.
        Map<String, String> environment = new HashMap<>(pipeline.environment());
        environment.put("SYNCLINE_DEBEZIUM_LOG_LEVEL", "INFO");

        DaemonProcess daemon = DaemonProcess.start(file, environment, log).awaitRunning(Duration.ofMinutes(3));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        AtomicLong frontier = new AtomicLong();
        Thread writer = new Thread(() -> write(db, writing, written, frontier), "backfill-it-writer");
        try {
            writer.start();
            // A backfill is read from the slot's stream: asked for before the slot exists, it would be lost.
            await().atMost(Duration.ofMinutes(1)).until(() -> slotActive(db, slot));
            StringWriter out = new StringWriter();
            int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                    .execute("backfill", "-c", cliFile.toString(), "--table", "public.accounts", "--table", "ledger", "--detach");
            assertThat(exit).as(out.toString()).isZero();
            Matcher asked = Pattern.compile("Backfill (backfill-[0-9a-f-]+) asked for").matcher(out.toString());
            assertThat(asked.find()).as(out.toString()).isTrue();
            String id = asked.group(1);

            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        frontier.set(lastKeyBefore(chunks(kafka, topic, id), Long.MAX_VALUE));
                        return frontier.get() >= ROWS / 2;
                    });
            daemon.crash();
            int chunksBeforeCrash = chunks(kafka, topic, id).size();
            long keyAtCrash = lastKeyBefore(chunks(kafka, topic, id), Long.MAX_VALUE);
            daemon = DaemonProcess.start(file, environment, log).awaitRunning(Duration.ofMinutes(3));

            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        List<JsonNode> all = BackfillNotifications.of(kafka, topic, id);
                        frontier.set(lastKeyBefore(chunks(all), Long.MAX_VALUE));
                        return all.stream().anyMatch(n -> "COMPLETED".equals(n.path("type").asText()));
                    });
            List<JsonNode> chunks = chunks(kafka, topic, id);
            System.out.println("[backfill chunk log] " + chunks.stream().map(c -> c.path("additional_data")
                    .path("last_processed_key").asText()).toList() + "; killed after chunk " + chunksBeforeCrash);
            assertThat(chunks.size()).as("chunks before the kill").isGreaterThan(chunksBeforeCrash);
            long firstAfterRestart = Long.parseLong(chunks.get(chunksBeforeCrash).path("additional_data")
                    .path("last_processed_key").asText());
            assertThat(firstAfterRestart).as("the first chunk after the restart goes on near %d, not from the start", keyAtCrash)
                    .isGreaterThan(keyAtCrash / 2);

            writing.set(false);
            writer.join();
            assertThat(written.get()).as("changes written during the backfill").isPositive();
            DaemonProcess running = daemon;
            List<String> lastDifferences = new ArrayList<>();
            try {
                await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
                    assertThat(running.isAlive()).as("daemon alive; log:\n%s", running.tail()).isTrue();
                    var source = StoreContents.postgres(db, "accounts", schema);
                    List<String> differences = new ArrayList<>();
                    StoreContents.differences(source, StoreContents.elasticsearch(pipeline.es(), pipeline.target("accounts"), schema), 5)
                            .forEach(d -> differences.add("Elasticsearch " + d));
                    StoreContents.differences(StoreContents.postgres(db, "ledger", schemas.get("ledger")),
                            StoreContents.mongodb(pipeline.mongo(), pipeline.name(), "ledger", schemas.get("ledger")), 5)
                            .forEach(d -> differences.add("MongoDB " + d));
                    StoreContents.differences(source, StoreContents.clickhouse(pipeline.clickhouse(), pipeline.target("accounts"), schema), 5)
                            .forEach(d -> differences.add("ClickHouse " + d));
                    lastDifferences.clear();
                    lastDifferences.addAll(differences);
                    assertThat(differences).isEmpty();
                });
            } catch (ConditionTimeoutException e) {
                // Where did the differing rows go astray? Their whole history in the change, view and dead-letter topics.
                Set<String> ids = TopicHistory.idsIn(lastDifferences);
                StringBuilder history = new StringBuilder(e.getMessage());
                for (String suffix : List.of(".public.accounts", ".view.accounts", ".public.ledger", ".view.ledger", ".dlq.views")) {
                    history.append('\n').append(TopicHistory.of(kafka, pipeline.name() + suffix, "id", ids));
                }
                throw new AssertionError(history.toString(), e);
            }
        } finally {
            writing.set(false);
            writer.join();
            daemon.close();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active "
                        + "AND slot_name = '" + slot + "'");
            }
        }
        pipeline.deleteStateDir();
    }

    /**
     * Updates, inserts and deletes random rows, 50 per transaction, about 250 a second, until told to
     * stop. Half the updates hit rows near {@code frontier}, the last chunk's end: the rows being read,
     * where a write races the chunk's query and its watermarks.
     */
    private static void write(PostgresEndpoint db, AtomicBoolean writing, AtomicInteger written, AtomicLong frontier) {
        Random random = new Random(7);
        try (Connection c = db.connect();
             PreparedStatement update = c.prepareStatement(
                     "UPDATE accounts SET balance = balance + 1, revision = revision + 1, note = ? WHERE id = ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO accounts VALUES (?, 0.01, 0, 'inserted') ON CONFLICT (id) DO NOTHING");
             PreparedStatement delete = c.prepareStatement("DELETE FROM accounts WHERE id = ?");
             PreparedStatement entry = c.prepareStatement("UPDATE ledger SET amount = amount + 1, memo = ? WHERE id = ?");
             PreparedStatement removeEntry = c.prepareStatement("DELETE FROM ledger WHERE id = ?")) {
            c.setAutoCommit(false);
            while (writing.get()) {
                for (int i = 0; i < 50; i++) {
                    int kind = random.nextInt(10);
                    if (kind < 7) {
                        update.setString(1, "updated " + random.nextInt());
                        long near = frontier.get() - 4096 + random.nextInt(3 * 4096);
                        update.setLong(2, random.nextBoolean() && near >= 1 && near <= ROWS ? near : 1 + random.nextInt(ROWS));
                        update.executeUpdate();
                    } else if (kind < 8) {
                        entry.setString(1, "updated " + random.nextInt());
                        entry.setLong(2, 1 + random.nextInt(LEDGER_ROWS + 100));
                        entry.executeUpdate();
                        insert.setLong(1, ROWS + 1 + random.nextInt(ROWS));
                        insert.executeUpdate();
                    } else {
                        delete.setLong(1, 1 + random.nextInt(2 * ROWS));
                        delete.executeUpdate();
                        removeEntry.setLong(1, 1 + random.nextInt(LEDGER_ROWS));
                        removeEntry.executeUpdate();
                    }
                }
                c.commit();
                written.addAndGet(50);
                Thread.sleep(200);
            }
        } catch (Exception e) {
            throw new IllegalStateException("writing changes failed", e);
        }
    }

    /** The large table's chunks. */
    private static List<JsonNode> chunks(KafkaEndpoint kafka, String topic, String id) {
        return chunks(BackfillNotifications.of(kafka, topic, id));
    }

    private static List<JsonNode> chunks(List<JsonNode> notifications) {
        return notifications.stream().filter(n -> "IN_PROGRESS".equals(n.path("type").asText())
                && "public.accounts".equals(n.path("additional_data").path("current_collection_in_progress").asText())).toList();
    }

    private static long lastKeyBefore(List<JsonNode> chunks, long limit) {
        return chunks.stream().mapToLong(c -> Long.parseLong(c.path("additional_data").path("last_processed_key").asText()))
                .filter(k -> k < limit).max().orElse(0);
    }

    private static boolean slotActive(PostgresEndpoint db, String slot) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND active")) {
            s.setString(1, slot);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static void sql(PostgresEndpoint db, String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
