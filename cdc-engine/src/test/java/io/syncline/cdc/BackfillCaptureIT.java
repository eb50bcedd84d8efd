package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.config.SnapshotMode;
import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill is an incremental snapshot Debezium runs when a row in the signal table asks for it:
 * every row of the table arrives as a snapshot read ({@code source.snapshot} incremental) while
 * streaming goes on, and its progress arrives on the notifications topic.
 */
@RealServices
class BackfillCaptureIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    @Test
    void aSignalRowStartsAnIncrementalSnapshotWhoseProgressIsNotified(PostgresEndpoint server, KafkaEndpoint kafka)
            throws Exception {
        PostgresEndpoint db = server.createDatabase("cdc_backfill");
        TableName table = new TableName("public", "fill_items");
        Fixtures.execute(db, "CREATE TABLE " + table + " (id int PRIMARY KEY, v text)",
                "INSERT INTO " + table + " SELECT i, 'v' || i FROM generate_series(1, 10000) i");
        CaptureOptions options = Fixtures.options("fill", db, kafka, List.of(table), stateDir)
                .withSnapshotMode(SnapshotMode.NO_DATA);
        try (TopicReader reader = new TopicReader(kafka); CaptureEngine capture = CaptureEngine.start(options)) {
            await().atMost(WAIT).until(() -> capture.status().phase() == CapturePhase.STREAMING);
            Fixtures.execute(db, "INSERT INTO public.syncline_signal (id, type, data) VALUES ('fill-1', 'execute-snapshot',"
                    + " '{\"data-collections\": [\"public.fill_items\"], \"type\": \"incremental\"}')");
            Fixtures.execute(db, "UPDATE " + table + " SET v = 'streamed' WHERE id = 9000");
            List<Change> changes = reader.await(options.changeTopic(table),
                    c -> c.value() != null && "incremental".equals(c.value().path("source").path("snapshot").asText()),
                    9999, WAIT);
            assertThat(changes.stream().filter(c -> c.value() != null && "u".equals(c.value().path("op").asText())))
                    .hasSize(1);
            await().atMost(WAIT).until(() -> reader.read(options.notificationsTopic()).stream()
                    .anyMatch(n -> "COMPLETED".equals(n.value().path("type").asText())));
            for (Change n : reader.read(options.notificationsTopic())) {
                System.out.println("NOTIFICATION key=" + n.key() + " value=" + n.value());
            }
            assertThat(reader.read(options.notificationsTopic())).extracting(n -> n.value().path("type").asText())
                    .contains("STARTED", "IN_PROGRESS", "TABLE_SCAN_COMPLETED", "COMPLETED");
        } finally {
            Fixtures.dropSlots(server, "fill_");
        }
    }

    @Test
    void aTableAddedToThePipelineIsBackfilledAtTheNextStart(PostgresEndpoint server, KafkaEndpoint kafka) throws Exception {
        PostgresEndpoint db = server.createDatabase("cdc_added");
        TableName first = new TableName("public", "added_first");
        TableName later = new TableName("public", "added_later");
        Fixtures.execute(db, "CREATE TABLE " + first + " (id int PRIMARY KEY, v text)",
                "CREATE TABLE " + later + " (id int PRIMARY KEY, v text)",
                "INSERT INTO " + first + " SELECT i, 'v' || i FROM generate_series(1, 10) i",
                "INSERT INTO " + later + " SELECT i, 'v' || i FROM generate_series(1, 500) i");
        CaptureOptions before = Fixtures.options("added", db, kafka, List.of(first), stateDir);
        CaptureOptions after = Fixtures.options("added", db, kafka, List.of(first, later), stateDir);
        try (TopicReader reader = new TopicReader(kafka)) {
            try (CaptureEngine capture = CaptureEngine.start(before)) {
                await().atMost(WAIT).until(() -> capture.status().phase() == CapturePhase.STREAMING);
                reader.await(before.changeTopic(first), c -> true, 10, WAIT);
            }
            try (CaptureEngine capture = CaptureEngine.start(after)) {
                List<Change> rows = reader.await(after.changeTopic(later), c -> c.value() != null
                        && "incremental".equals(c.value().path("source").path("snapshot").asText()), 500, WAIT);
                assertThat(rows).hasSize(500);
            }
            assertThat(reader.read(after.changeTopic(first))).as("the first table is not read again").hasSize(10);
            try (CaptureEngine capture = CaptureEngine.start(after)) {
                await().atMost(WAIT).until(() -> capture.status().phase() == CapturePhase.STREAMING);
                Fixtures.execute(db, "UPDATE " + later + " SET v = 'streamed' WHERE id = 1");
                reader.await(after.changeTopic(later), c -> c.value() != null && "u".equals(c.value().path("op").asText()),
                        1, WAIT);
            }
            assertThat(reader.read(after.changeTopic(later))).as("no second backfill at the next start").hasSize(501);
        } finally {
            Fixtures.dropSlots(server, "added_");
        }
    }
}
