package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot and streaming of the shop schema into change topics: envelope, keys, order, value forms, TOAST. */
@RealServices
class CaptureEngineIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final UUID LAMP = UUID.fromString("5b7f0a3c-1d2e-4f50-8a9b-0c1d2e3f4a5b");
    private static final UUID DESK = UUID.fromString("00000000-0000-4000-8000-000000000002");
    /** Random, so PostgreSQL cannot compress it under the TOAST threshold: stored out of line. */
    private static final String LONG_DESCRIPTION = randomText(20_000);

    private static PostgresEndpoint server;
    private static PostgresEndpoint db;
    private static KafkaEndpoint kafka;
    private static CaptureOptions options;
    private static CaptureEngine capture;
    private static TopicReader reader;
    @TempDir
    static Path stateDir;

    @BeforeAll
    static void start(PostgresEndpoint pg, KafkaEndpoint k) throws Exception {
        server = pg;
        kafka = k;
        db = pg.createDatabase("cdc_capture");
        try (Connection c = db.connect()) {
            ShopSchema.create(c);
            Fixtures.execute(db,
                    "INSERT INTO customers VALUES (1, 'ada@example.com', 'Ada', '{\"city\": \"London\", \"zip\": \"N1\"}',"
                            + " '{vip,early}', '2024-05-01 10:15:30.123456+02')",
                    "INSERT INTO customers VALUES (2, 'bob@example.com', NULL, NULL, NULL, '2024-05-02 00:00:00.5+00')",
                    "INSERT INTO products VALUES ('" + DESK + "', 'SKU-2', 'Desk', NULL, 199.99, NULL, false, NULL,"
                            + " NULL, NULL)",
                    "INSERT INTO orders VALUES (100, 1, 'new', 12.50, '2024-05-03 12:00:00.000001+00', NULL, NULL,"
                            + " '{\"channel\": \"web\"}', NULL)");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO products VALUES (?::uuid, 'SKU-1', 'Lamp', ?,"
                    + " 12.50, 1.5, true, '\\xdeadbeef'::bytea, '{\"color\": \"red\"}', '2024-01-31')")) {
                s.setString(1, LAMP.toString());
                s.setString(2, LONG_DESCRIPTION);
                s.execute();
            }
            Fixtures.execute(db, "INSERT INTO order_items VALUES (100, 1, '" + LAMP + "', 1, 12.50)");
        }
        options = Fixtures.options("cap", db, kafka, ShopSchema.TABLES, stateDir);
        capture = CaptureEngine.start(options);
        reader = new TopicReader(kafka);
        // Changes made before Debezium created the slot would be part of the snapshot, not the stream.
        await().atMost(WAIT).until(() -> capture.status().phase() == CapturePhase.STREAMING);
    }

    @AfterAll
    static void stop() throws Exception {
        if (capture != null) {
            capture.close();
        }
        if (reader != null) {
            reader.close();
        }
        Fixtures.dropSlots(server, "cap_");
    }

    @Test
    void snapshotDeliversExistingRowsAsReadsWithTheStandardEnvelope() throws Exception {
        List<Change> customers = reader.await(topic("customers"), c -> "r".equals(c.op()), 2, WAIT);

        Change ada = byKey(customers, "{\"id\":1}", "r");
        assertThat(ada.value().fieldNames()).toIterable().contains("before", "after", "source", "op", "ts_ms");
        assertThat(ada.before().isNull()).isTrue();
        assertThat(ada.source().path("snapshot").asText()).isIn("true", "first", "last");
        assertThat(ada.source().path("schema").asText()).isEqualTo("public");
        assertThat(ada.source().path("table").asText()).isEqualTo("customers");
        assertThat(ada.source().path("lsn").isNumber()).isTrue();
        assertThat(ada.value().path("ts_ms").asLong()).isPositive();
        JsonNode after = ada.after();
        assertThat(after.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(after.path("created_at").asText()).as("timestamptz: ISO UTC, microseconds")
                .isEqualTo("2024-05-01T08:15:30.123456Z");
        assertThat(after.path("address").isTextual()).as("jsonb travels as a string").isTrue();
        assertThat(TopicReader.JSON.readTree(after.path("address").asText()))
                .isEqualTo(TopicReader.JSON.readTree("{\"city\": \"London\", \"zip\": \"N1\"}"));
        assertThat(after.path("tags")).isEqualTo(TopicReader.JSON.readTree("[\"vip\", \"early\"]"));

        Change bob = byKey(customers, "{\"id\":2}", "r");
        assertThat(bob.after().path("name").isNull()).isTrue();
        assertThat(bob.after().path("created_at").asText()).as("padded to the column's six digits")
                .isEqualTo("2024-05-02T00:00:00.500000Z");
        assertThat(bob.after().path("address").isNull()).isTrue();
        assertThat(bob.after().path("tags").isNull()).isTrue();

        List<Change> items = reader.await(topic("order_items"), c -> "r".equals(c.op()), 1, WAIT);
        assertThat(items.get(0).key()).isEqualTo(TopicReader.JSON.readTree("{\"order_id\":100,\"line\":1}"));
    }

    @Test
    void snapshotKeepsExactValueForms() throws Exception {
        List<Change> products = reader.await(topic("products"), c -> "r".equals(c.op()), 2, WAIT);

        JsonNode lamp = byKey(products, "{\"id\":\"" + LAMP + "\"}", "r").after();
        assertThat(lamp.path("id").asText()).isEqualTo(LAMP.toString());
        assertThat(lamp.path("price").asText()).as("numeric(10,2) exact, as a string").isEqualTo("12.50");
        assertThat(lamp.path("sku").asText()).isEqualTo("SKU-1       ");
        assertThat(lamp.path("weight_kg").asDouble()).isEqualTo(1.5);
        assertThat(lamp.path("in_stock").asBoolean()).isTrue();
        assertThat(lamp.path("photo").asText()).as("bytea as base64").isEqualTo("3q2+7w==");
        assertThat(lamp.path("released").asLong()).as("date as days since the epoch")
                .isEqualTo(LocalDate.of(2024, 1, 31).toEpochDay());
        assertThat(lamp.path("description").asText()).isEqualTo(LONG_DESCRIPTION);

        JsonNode desk = byKey(products, "{\"id\":\"" + DESK + "\"}", "r").after();
        assertThat(desk.path("price").asText()).isEqualTo("199.99");
        assertThat(desk.path("photo").isNull()).isTrue();
    }

    @Test
    void insertUpdateDeleteArriveInOrderKeyedByPrimaryKeyWithTombstone() throws Exception {
        Fixtures.execute(db,
                "INSERT INTO customers VALUES (10, 'cy@example.com', 'Cy', NULL, '{}', '2024-06-01 00:00:00.000001+00')",
                "UPDATE customers SET email = 'cyril@example.com' WHERE id = 10",
                "DELETE FROM customers WHERE id = 10");

        JsonNode key = TopicReader.JSON.readTree("{\"id\":10}");
        List<Change> changes = reader.await(topic("customers"), c -> c.key().equals(key), 4, WAIT).stream()
                .filter(c -> c.key().equals(key)).toList();

        assertThat(changes).extracting(Change::op).containsExactly("c", "u", "d", null);
        assertThat(changes).extracting(Change::partition).containsOnly(changes.get(0).partition());
        Change insert = changes.get(0);
        Change update = changes.get(1);
        Change delete = changes.get(2);
        assertThat(insert.lsn()).isLessThan(update.lsn());
        assertThat(update.lsn()).isLessThan(delete.lsn());
        assertThat(insert.source().path("snapshot").asText()).isEqualTo("false");
        assertThat(insert.after().path("tags")).isEqualTo(TopicReader.JSON.createArrayNode());
        assertThat(update.before().isNull()).as("REPLICA IDENTITY DEFAULT: no old row on update").isTrue();
        assertThat(update.after().path("email").asText()).isEqualTo("cyril@example.com");
        assertThat(delete.before().path("id").asLong()).isEqualTo(10);
        assertThat(delete.after().isNull()).isTrue();
        assertThat(changes.get(3).tombstone()).isTrue();
    }

    @Test
    void streamedValuesKeepTheirExactForms() throws Exception {
        Fixtures.execute(db,
                "INSERT INTO orders VALUES (101, 2, 'new', 0.10, '2024-07-01 23:59:59.999999-05',"
                        + " '2024-07-02 08:00:00.123', '2024-07-03 09:30:00.654321', '{\"gift\": true, \"lines\": [1, 2]}', NULL)",
                "UPDATE orders SET total = 12345678.90 WHERE id = 101");

        JsonNode key = TopicReader.JSON.readTree("{\"id\":101}");
        List<Change> changes = reader.await(topic("orders"), c -> c.key().equals(key), 2, WAIT).stream()
                .filter(c -> c.key().equals(key)).toList();

        JsonNode inserted = changes.get(0).after();
        assertThat(inserted.path("total").asText()).isEqualTo("0.10");
        assertThat(inserted.path("placed_at").asText()).isEqualTo("2024-07-02T04:59:59.999999Z");
        assertThat(inserted.path("packed_at").asLong()).as("timestamp(3): epoch milliseconds")
                .isEqualTo(Instant.parse("2024-07-02T08:00:00.123Z").toEpochMilli());
        assertThat(inserted.path("shipped_at").asLong()).as("timestamp: epoch microseconds")
                .isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2024-07-03T09:30:00.654321Z")));
        assertThat(TopicReader.JSON.readTree(inserted.path("metadata").asText()))
                .isEqualTo(TopicReader.JSON.readTree("{\"gift\": true, \"lines\": [1, 2]}"));
        assertThat(changes.get(1).after().path("total").asText()).isEqualTo("12345678.90");
    }

    /**
     * With REPLICA IDENTITY DEFAULT an update that does not touch a TOASTed column does not carry it:
     * Debezium writes a placeholder, and the stream processor carries the previous value forward.
     */
    @Test
    void unchangedToastedColumnArrivesAsUnavailablePlaceholder() throws Exception {
        Fixtures.execute(db, "UPDATE products SET name = 'Lamp 2' WHERE id = '" + LAMP + "'",
                "UPDATE products SET description = 'short now' WHERE id = '" + LAMP + "'");

        JsonNode key = TopicReader.JSON.readTree("{\"id\":\"" + LAMP + "\"}");
        List<Change> updates = reader.await(topic("products"),
                c -> c.key().equals(key) && "u".equals(c.op()), 2, WAIT).stream()
                .filter(c -> c.key().equals(key) && "u".equals(c.op())).toList();

        assertThat(updates.get(0).after().path("name").asText()).isEqualTo("Lamp 2");
        assertThat(updates.get(0).after().path("description").asText()).isEqualTo("__debezium_unavailable_value");
        assertThat(updates.get(0).after().path("price").asText()).isEqualTo("12.50");
        assertThat(updates.get(1).after().path("description").asText()).isEqualTo("short now");
    }

    @Test
    void heartbeatsAdvanceButNeverReachKafkaAndStatusCountsWhatWasSent() throws Exception {
        long heartbeatsBefore = heartbeatTimestamp();
        await().atMost(WAIT).until(() -> heartbeatTimestamp() > heartbeatsBefore);

        await().atMost(WAIT).untilAsserted(() -> {
            long inTopics = 0;
            for (String table : List.of("customers", "products", "orders", "order_items")) {
                inTopics += reader.endOffsetSum(topic(table));
            }
            CaptureStatus status = capture.status();
            assertThat(status.phase()).isEqualTo(CapturePhase.STREAMING);
            assertThat(status.recordsSent()).as("every record sent once, heartbeats not at all").isEqualTo(inTopics);
            assertThat(status.lastLsn()).isPositive();
            assertThat(status.lastSourceTimeMs()).isPositive();
            assertThat(status.errors()).isZero();
        });
        assertThat(capture.failure()).isEmpty();
        assertThat(capture.isRunning()).isTrue();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).contains(topic("customers"), "cap.syncline.offsets")
                    .doesNotContain(topic("syncline_heartbeat"), "__debezium-heartbeat.cap");
        }
    }

    @Test
    void aSecondCaptureOnTheSameSlotIsRefusedBeforeItStarts() {
        assertThatThrownBy(() -> CaptureEngine.start(options))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("slot cap_slot is in use by PID ")
                .hasMessageContaining("(another Syncline or a stale process); stop it or choose another slot");
        assertThat(capture.isRunning()).isTrue();
    }

    private static long heartbeatTimestamp() throws Exception {
        try (Connection c = db.connect()) {
            return Fixtures.queryCount(c, "SELECT coalesce(max(extract(epoch FROM ts) * 1000000), 0)::bigint"
                    + " FROM syncline_heartbeat");
        }
    }

    private static String topic(String table) {
        return "cap.public." + table;
    }

    private static Change byKey(List<Change> changes, String key, String op) throws Exception {
        JsonNode k = TopicReader.JSON.readTree(key);
        return changes.stream().filter(c -> c.key().equals(k) && op.equals(c.op())).findFirst().orElseThrow();
    }

    private static String randomText(int length) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(94)));
        }
        return text.toString();
    }
}
