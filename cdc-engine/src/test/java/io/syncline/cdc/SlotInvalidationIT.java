package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.Versions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL invalidates the stopped capture's slot ({@code max_slot_wal_keep_size}, wal_status
 * lost) while rows change. The next start drops the dead slot and captures as the next generation:
 * a new snapshot, then one sweep marker per partition, before anything streamed after it; a third
 * start keeps that generation and sends nothing again.
 */
@RealServices
class SlotInvalidationIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    @Test
    void anInvalidatedSlotIsReplacedByTheNextGenerationsSnapshotAndSweep(PostgresEndpoint server, KafkaEndpoint kafka)
            throws Exception {
        PostgresEndpoint db = server.createDatabase("cdc_invalidated");
        TableName table = new TableName("public", "inval_items");
        Fixtures.execute(db, "CREATE TABLE " + table + " (id int PRIMARY KEY, v text)",
                "INSERT INTO " + table + " SELECT i, 'v' || i FROM generate_series(1, 10) i");
        CaptureOptions options = Fixtures.options("inval", db, kafka, List.of(table), stateDir);
        String topic = options.changeTopic(table);
        try (TopicReader reader = new TopicReader(kafka)) {
            try (CaptureEngine capture = CaptureEngine.start(options)) {
                await().atMost(WAIT).until(() -> capture.status().phase() == CapturePhase.STREAMING);
                reader.await(topic, c -> true, 10, WAIT);
            }
            try {
                Fixtures.execute(server, "ALTER SYSTEM SET max_slot_wal_keep_size = '1MB'", "SELECT pg_reload_conf()");
                Fixtures.execute(db, "DELETE FROM " + table + " WHERE id > 5");
                await().atMost(WAIT).until(() -> {
                    Fixtures.execute(db, "INSERT INTO " + table + " SELECT 1000 + i, repeat('x', 2000) FROM generate_series(1, 500) i",
                            "DELETE FROM " + table + " WHERE id > 1000", "SELECT pg_switch_wal()", "CHECKPOINT");
                    return "lost".equals(walStatus(db, options.slot()));
                });
            } finally {
                Fixtures.execute(server, "ALTER SYSTEM RESET max_slot_wal_keep_size", "SELECT pg_reload_conf()");
            }

            try (CaptureEngine capture = CaptureEngine.start(options)) {
                await().atMost(WAIT).until(() -> capture.status().phase() == CapturePhase.STREAMING);
                Fixtures.execute(db, "UPDATE " + table + " SET v = 'streamed' WHERE id = 1");
                reader.await(topic, c -> c.value() != null && "u".equals(c.value().path("op").asText()), 1, WAIT);
            }
            List<ConsumerRecord<byte[], byte[]>> records = reader.readRaw(topic);
            List<ConsumerRecord<byte[], byte[]>> generation1 = records.stream().filter(r -> generation(r) == 1).toList();
            assertThat(generation1).as("generation 1: 5 snapshot rows, a marker per partition, the update")
                    .hasSize(5 + 3 + 1);
            List<ConsumerRecord<byte[], byte[]>> markers = generation1.stream()
                    .filter(r -> r.key() == null && new String(r.value(), StandardCharsets.UTF_8).contains("\"op\":\"sweep\""))
                    .toList();
            assertThat(markers).extracting(ConsumerRecord::partition).containsExactlyInAnyOrder(0, 1, 2);
            for (ConsumerRecord<byte[], byte[]> marker : markers) {
                assertThat(records.stream().filter(r -> r.partition() == marker.partition() && r.offset() < marker.offset()
                        && generation(r) == 1)).allMatch(r -> TopicReader.parse(r.value()).path("op").asText().equals("r"));
                assertThat(records.stream().filter(r -> r.partition() == marker.partition() && r.offset() > marker.offset()))
                        .allMatch(r -> r.value() == null || !TopicReader.parse(r.value()).path("op").asText().equals("r"));
            }
            assertThat(walStatus(db, options.slot())).isNotEqualTo("lost");

            long before = reader.endOffsetSum(topic);
            try (CaptureEngine capture = CaptureEngine.start(options)) {
                await().atMost(WAIT).until(() -> capture.status().phase() == CapturePhase.STREAMING);
                Fixtures.execute(db, "UPDATE " + table + " SET v = 'generation 1 again' WHERE id = 2");
                reader.await(topic, c -> c.value() != null && "generation 1 again".equals(c.value().path("after").path("v").asText()),
                        1, WAIT);
            }
            assertThat(reader.endOffsetSum(topic)).as("a restart: only the update, no snapshot or marker").isEqualTo(before + 1);
            assertThat(reader.readRaw(topic).stream().filter(r -> r.value() != null
                    && new String(r.value(), StandardCharsets.UTF_8).contains("generation 1 again")))
                    .singleElement().extracting(SlotInvalidationIT::generation).isEqualTo(1);
        } finally {
            Fixtures.dropSlots(server, "inval_");
        }
    }

    private static int generation(ConsumerRecord<byte[], byte[]> record) {
        return Versions.generationOf(record.headers().lastHeader(Versions.GENERATION_HEADER) == null ? null
                : record.headers().lastHeader(Versions.GENERATION_HEADER).value());
    }

    private static String walStatus(PostgresEndpoint db, String slot) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("SELECT wal_status FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
