package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A graceful stop and a restart lose nothing and repeat nothing, with either offset store. */
@RealServices
class CaptureResumeIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static PostgresEndpoint server;
    private static PostgresEndpoint db;
    private static KafkaEndpoint kafka;
    @TempDir
    static Path stateDir;

    @BeforeAll
    static void createDatabase(PostgresEndpoint pg, KafkaEndpoint k) throws Exception {
        server = pg;
        kafka = k;
        db = pg.createDatabase("cdc_resume");
    }

    @AfterAll
    static void dropSlots() throws Exception {
        Fixtures.dropSlots(server, "resume_");
    }

    @ParameterizedTest
    @EnumSource(CaptureOptions.OffsetStorage.class)
    void restartAfterGracefulStopDeliversEveryChangeOnce(CaptureOptions.OffsetStorage storage) throws Exception {
        String name = "resume_" + storage.name().toLowerCase();
        TableName table = new TableName("public", name + "_items");
        Fixtures.execute(db, "CREATE TABLE " + table + " (id int PRIMARY KEY, v text)",
                "INSERT INTO " + table + " SELECT i, 'v' || i FROM generate_series(1, 3) i");
        CaptureOptions options = Fixtures.options(name, db, kafka, List.of(table), stateDir.resolve(name))
                .withOffsetStorage(storage);
        String topic = options.changeTopic(table);

        try (TopicReader reader = new TopicReader(kafka)) {
            try (CaptureEngine capture = CaptureEngine.start(options)) {
                await().atMost(WAIT).until(() -> capture.status().phase() == CapturePhase.STREAMING);
                Fixtures.execute(db, "INSERT INTO " + table + " VALUES (4, 'v4'), (5, 'v5')");
                reader.await(topic, c -> true, 5, WAIT);
            }
            long firstLsn = StoredOffsets.highestLsn(storedOffset(options));
            assertThat(firstLsn).isPositive();
            assertOffsetsLiveOnlyIn(storage, options);

            Fixtures.execute(db, "INSERT INTO " + table + " VALUES (6, 'v6'), (7, 'v7'), (8, 'v8')",
                    "UPDATE " + table + " SET v = 'changed' WHERE id IN (1, 4)",
                    "DELETE FROM " + table + " WHERE id = 2");

            try (CaptureEngine capture = CaptureEngine.start(options)) {
                reader.await(topic, c -> true, 12, WAIT);
            }
            List<Change> changes = reader.read(topic);
            assertThat(changes).hasSize(12);
            assertThat(opsByKey(changes)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    1, List.of("r", "u"), 2, List.of("r", "d", "tombstone"), 3, List.of("r"),
                    4, List.of("c", "u"), 5, List.of("c"), 6, List.of("c"), 7, List.of("c"), 8, List.of("c")));
            assertThat(StoredOffsets.highestLsn(storedOffset(options))).isGreaterThan(firstLsn);
        }
    }

    private static JsonNode storedOffset(CaptureOptions options) throws Exception {
        return switch (options.offsetStorage()) {
            case KAFKA_TOPIC -> StoredOffsets.fromTopic(kafka, options.offsetsTopic(), options.engineName()).orElseThrow();
            case FILE -> StoredOffsets.fromFile(options.offsetsFile(), options.engineName()).orElseThrow();
        };
    }

    private static void assertOffsetsLiveOnlyIn(CaptureOptions.OffsetStorage storage, CaptureOptions options)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            boolean topicExists = admin.listTopics().names().get().contains(options.offsetsTopic());
            assertThat(topicExists).isEqualTo(storage == CaptureOptions.OffsetStorage.KAFKA_TOPIC);
        }
        assertThat(options.offsetsFile()).matches(file -> file.toFile().exists() == (storage == CaptureOptions.OffsetStorage.FILE));
    }

    private static Map<Integer, List<String>> opsByKey(List<Change> changes) {
        return changes.stream().collect(Collectors.groupingBy(c -> c.key().path("id").asInt(),
                Collectors.mapping(c -> c.tombstone() ? "tombstone" : c.op(), Collectors.toList())));
    }
}
