package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Offsets never pass a record Kafka did not acknowledge: while the change topic refuses every record
 * (max.message.bytes=1) the capture fails and the stored position stays before the refused changes;
 * once the topic accepts them again, a restart delivers every one of them.
 */
@RealServices
class AckBeforeCommitIT {
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
        db = pg.createDatabase("cdc_ack");
    }

    @AfterAll
    static void dropSlots() throws Exception {
        Fixtures.dropSlots(server, "ack_");
    }

    @ParameterizedTest
    @EnumSource(CaptureOptions.OffsetStorage.class)
    void refusedRecordsAreNotCommittedAndAreDeliveredAfterRestart(CaptureOptions.OffsetStorage storage)
            throws Exception {
        String name = "ack_" + storage.name().toLowerCase();
        TableName table = new TableName("public", name + "_items");
        Fixtures.execute(db, "CREATE TABLE " + table + " (id int PRIMARY KEY, v text)",
                "INSERT INTO " + table + " VALUES (1, 'one'), (2, 'two')");
        CaptureOptions options = Fixtures.options(name, db, kafka, List.of(table), stateDir.resolve(name))
                .withOffsetStorage(storage);
        String topic = options.changeTopic(table);

        try (TopicReader reader = new TopicReader(kafka)) {
            try (CaptureEngine capture = CaptureEngine.start(options)) {
                reader.await(topic, c -> "r".equals(c.op()), 2, WAIT);
                await().atMost(WAIT).until(() -> capture.status().phase() == CapturePhase.STREAMING);
            }

            setMaxMessageBytes(topic, "1");
            long walBeforeRefusedChanges = Fixtures.currentWalLsn(db);
            Fixtures.execute(db, "INSERT INTO " + table + " VALUES (10, 'ten'), (11, 'eleven')",
                    "UPDATE " + table + " SET v = 'uno' WHERE id = 1");

            try (CaptureEngine capture = CaptureEngine.start(options)) {
                assertThat(capture.awaitStopped(WAIT)).as("a refused record stops the capture").isTrue();
                assertThat(capture.failure()).get().satisfies(failure -> assertThat(failure)
                        .hasRootCauseInstanceOf(RecordTooLargeException.class));
                assertThat(capture.status().phase()).isEqualTo(CapturePhase.FAILED);
                assertThat(capture.status().errors()).isPositive();
            }
            assertThat(StoredOffsets.highestLsn(storedOffset(options)))
                    .as("the stored position stays before the refused changes")
                    .isLessThan(walBeforeRefusedChanges);
            assertThat(reader.read(topic)).hasSize(2);

            setMaxMessageBytes(topic, Integer.toString(ChangeTopics.MAX_MESSAGE_BYTES));
            try (CaptureEngine capture = CaptureEngine.start(options)) {
                reader.await(topic, c -> true, 5, WAIT);
            }
            assertThat(reader.read(topic)).extracting(c -> c.key().path("id").asInt() + ":" + c.op())
                    .containsExactlyInAnyOrder("1:r", "2:r", "10:c", "11:c", "1:u");
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode storedOffset(CaptureOptions options) throws Exception {
        return switch (options.offsetStorage()) {
            case KAFKA_TOPIC -> StoredOffsets.fromTopic(kafka, options.offsetsTopic(), options.engineName()).orElseThrow();
            case FILE -> StoredOffsets.fromFile(options.offsetsFile(), options.engineName()).orElseThrow();
        };
    }

    private static void setMaxMessageBytes(String topic, String bytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Collection<AlterConfigOp> ops = List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes), AlterConfigOp.OpType.SET));
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
        }
    }
}
