package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkWriter;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two runners of one sink against real Kafka and MongoDB. Runner A's store stalls while A holds
 * version 2 of every order: A's revocation waits for the hung write until the group evicts A
 * (max.poll.interval.ms), runner B takes every partition, writes version 2, then version 3 of half
 * the orders and deletes the other half. When A's store comes back, A must not land its version 2:
 * no guard could refuse it for a deleted order, whose document no longer exists.
 */
@RealServices
class RevokedLaneFencingIT {
    private static final int ORDERS = 30;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private KafkaFixture kafka;
    private MongoClient client;
    private String database;
    private MongoEndpoint mongo;
    private final List<SinkRunner> runners = new ArrayList<>();

    @BeforeEach
    void setUp(KafkaEndpoint kafkaEndpoint, MongoEndpoint mongo) throws Exception {
        this.kafka = new KafkaFixture(kafkaEndpoint);
        this.mongo = mongo;
        this.client = MongoClients.create(mongo.connectionString());
        this.database = kafka.pipeline;
    }

    @AfterEach
    void tearDown() {
        runners.forEach(SinkRunner::close);
        client.getDatabase(database).drop();
        client.close();
        kafka.close();
    }

    @Test
    void aStalledRunnerEvictedFromTheGroupNeverLandsItsOlderWritesAfterTheNewOwnersDeletes() throws Exception {
        PausableStoreWriter.Pause storeOfA = new PausableStoreWriter.Pause();
        SinkRunner a = runner(storeOfA);
        a.start();
        kafka.produce(versions(1, 0, ORDERS, Op.CREATE));
        await().atMost(TIMEOUT).until(() -> storedVersions().size() == ORDERS);

        storeOfA.pause();
        kafka.produce(versions(2, 0, ORDERS, Op.UPDATE));
        await().atMost(TIMEOUT).until(() -> storeOfA.hanging() > 0);

        SinkRunner b = runner(new PausableStoreWriter.Pause());
        b.start();
        await().atMost(TIMEOUT).until(() -> storedVersions().values().stream().allMatch(v -> v == 2L));
        List<ViewRecord> last = new ArrayList<>(versions(3, 0, ORDERS / 2, Op.DELETE));
        last.addAll(versions(3, ORDERS / 2, ORDERS, Op.UPDATE));
        kafka.produce(last);
        Map<String, Long> expected = new TreeMap<>();
        for (int i = ORDERS / 2; i < ORDERS; i++) {
            expected.put(id(i), 3L);
        }
        await().atMost(TIMEOUT).until(() -> storedVersions().equals(expected));

        storeOfA.resume();
        await().atMost(TIMEOUT).until(() -> storeOfA.hanging() == 0);
        Thread.sleep(2_000); // a late write of A's, were there one, lands within its retry backoff (≤ 200 ms)
        kafka.awaitCommittedAtEnd(a.options().consumerGroup());

        assertThat(storedVersions()).as("deleted orders stay deleted, the rest at version 3").isEqualTo(expected);
        assertThat(a.metrics().recordsAbandoned()).as("A dropped its version 2 writes").isPositive();
        assertThat(a.failure()).isEmpty();
        assertThat(b.failure()).isEmpty();
    }

    private SinkRunner runner(PausableStoreWriter.Pause pause) {
        SinkRunnerOptions fixture = kafka.options();
        // A member whose revocation outlives this is evicted and its partitions go to the others.
        SinkRunnerOptions options = new SinkRunnerOptions(fixture.sinkName(), fixture.pipelineName(),
                fixture.bootstrapServers(), Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "6000"),
                fixture.views(), fixture.deadLetterTopic(), fixture.batching(), fixture.retry(), Duration.ofSeconds(30));
        SinkOptions store = new SinkOptions(fixture.sinkName(), Map.of("uri", mongo.connectionString(), "database", database),
                Map.of(OrderHistory.VIEW, "orders"), Map.of(OrderHistory.VIEW, OrderHistory.SCHEMA));
        SinkRunner runner = new SinkRunner(options, () -> {
            SinkWriter writer = SinkFactories.discover().forType("mongodb").create(store);
            return new PausableStoreWriter(writer, pause);
        });
        runners.add(runner);
        return runner;
    }

    /** Version {@code version} of orders {@code from} (included) to {@code to} (excluded). */
    private static List<ViewRecord> versions(long version, int from, int to, Op op) {
        List<ViewRecord> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, Object> document = null;
            if (op != Op.DELETE) {
                document = new LinkedHashMap<>();
                document.put("id", id(i));
                document.put("seq", version);
                document.put("amount", BigDecimal.valueOf(100 * version + i, 2));
                document.put("customer", null);
            }
            records.add(new ViewRecord(id(i), version, op, 1_700_000_000_000L + version, document));
        }
        return records;
    }

    private static String id(int i) {
        return "order-" + i;
    }

    private Map<String, Long> storedVersions() {
        MongoCollection<Document> orders = client.getDatabase(database).getCollection("orders");
        Map<String, Long> versions = new TreeMap<>();
        for (Document document : orders.find()) {
            versions.put(document.getString("_id"), ((Number) document.get("_version")).longValue());
        }
        return versions;
    }
}
