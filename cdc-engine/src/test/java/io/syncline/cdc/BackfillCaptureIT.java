package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
            JsonNode any = changes.get(0).value();
            System.out.println("RECORD " + any);
        } finally {
            Fixtures.dropSlots(server, "fill_");
        }
    }
}
