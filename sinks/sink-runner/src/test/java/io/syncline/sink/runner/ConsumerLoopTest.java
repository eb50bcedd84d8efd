package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer thread against a mock consumer: it pauses while a lane backs off (and keeps
 * polling), never commits past a record a lane still holds, on revocation waits for the batch
 * in flight, commits and forgets the partition, and stops a partition at a record made with a
 * newer schema than its own.
 */
class ConsumerLoopTest {
    private static final TopicPartition P0 = new TopicPartition(TestRecords.TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TestRecords.TOPIC, 1);

    private final IdlingMockConsumer consumer = new IdlingMockConsumer();
    private final FakeStore store = new FakeStore();
    private final FakeFaults faults = new FakeFaults();
    private final FirstFailure failure = new FirstFailure("fake");
    private final SinkRunnerMetrics metrics = new SinkRunnerMetrics();
    /** Every backoff waits here, so a retrying lane stays retrying until the test opens it. */
    private final CountDownLatch retryGate = new CountDownLatch(1);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Lane> lanes = new ArrayList<>();
    private Thread thread;
    private ConsumerLoop loop;

    @AfterEach
    void stopLoop() throws InterruptedException {
        stop.set(true);
        retryGate.countDown();
        thread.join(5_000);
        for (Lane lane : lanes) {
            lane.stop();
            assertThat(lane.awaitExit(System.nanoTime() + TimeUnit.SECONDS.toNanos(5))).isTrue();
        }
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void pausesEveryPartitionWhileALaneBacksOffAndKeepsPolling() throws Exception {
        faults.failTransiently("a", 1);
        start(1, List.of(TestRecords.consumerRecord(0, 0, "a", 1), TestRecords.consumerRecord(1, 0, "b", 1)));

        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.paused().equals(Set.of(P0, P1)));
        CountDownLatch polledWhilePaused = new CountDownLatch(1);
        consumer.schedulePollTask(polledWhilePaused::countDown);
        assertThat(polledWhilePaused.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);

        retryGate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.paused().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> committed(P0) == 1 && committed(P1) == 1);
        assertThat(store.snapshot()).containsOnlyKeys("orders/a", "orders/b");
        assertThat(metrics.retries()).isEqualTo(1);
    }

    @Test
    void neverCommitsPastARecordAnotherLaneIsStillRetrying() throws Exception {
        String slow = "a";
        String fast = idInOtherLaneThan(slow);
        faults.failTransiently(slow, 1);
        start(2, List.of(TestRecords.consumerRecord(0, 0, slow, 1), TestRecords.consumerRecord(0, 1, fast, 1),
                TestRecords.consumerRecord(0, 2, fast, 2)));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.snapshot().containsKey("orders/" + fast)
                && store.snapshot().get("orders/" + fast).version() == 2);
        Thread.sleep(400); // several commit rounds
        assertThat(committed(P0)).as("offset 0 is still being retried").isLessThanOrEqualTo(0);

        retryGate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> committed(P0) == 3);
    }

    @Test
    void revocationAbandonsTheRetryingRecordsOfTheRevokedPartitionAndCommitsOnlyWhatWasWritten() throws Exception {
        faults.failTransiently("a", 1);
        start(1, List.of(TestRecords.consumerRecord(0, 0, "a", 1), TestRecords.consumerRecord(0, 1, "b", 1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !consumer.paused().isEmpty());

        CountDownLatch revoked = new CountDownLatch(1);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P1));
            revoked.countDown();
        });

        assertThat(revoked.await(2, TimeUnit.SECONDS)).as("revocation does not wait for a backoff").isTrue();
        assertThat(committed(P0)).as("a, still retrying, is left for the new owner").isEqualTo(0);
        retryGate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.recordsAbandoned() == 1);
        Thread.sleep(200); // a retry, were there one, would have landed by now
        assertThat(store.snapshot()).as("nothing written after revocation").containsOnlyKeys("orders/b");
        assertThat(committed(P0)).isEqualTo(0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(metrics.lag()).doesNotContainKey(P0));
    }

    @Test
    void revocationWaitsForAWriteUnderWayThenCommitsIt() throws Exception {
        AtomicBoolean hold = new AtomicBoolean(true);
        CountDownLatch writing = new CountDownLatch(1);
        faults.beforeWrite(() -> {
            writing.countDown();
            while (hold.get()) {
                Thread.sleep(5);
            }
        });
        start(1, List.of(TestRecords.consumerRecord(0, 0, "a", 1)));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            hold.set(false);
        });
        releaser.start();
        CountDownLatch revoked = new CountDownLatch(1);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P1));
            revoked.countDown();
        });

        assertThat(revoked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(committed(P0)).as("committed during revocation, after the write finished").isEqualTo(1);
        assertThat(store.snapshot()).containsOnlyKeys("orders/a");
        releaser.join();
    }

    @Test
    void lostPartitionsAreAbandonedWithoutWaitingOrCommitting() throws Exception {
        faults.failTransiently("a", 1);
        start(1, List.of(TestRecords.consumerRecord(0, 0, "a", 1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !consumer.paused().isEmpty());

        CountDownLatch lost = new CountDownLatch(1);
        ConsumerLoop loop = this.loop;
        consumer.schedulePollTask(() -> {
            loop.onPartitionsLost(List.of(P0));
            lost.countDown();
        });
        assertThat(lost.await(2, TimeUnit.SECONDS)).isTrue();
        retryGate.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.recordsAbandoned() == 1);
        assertThat(store.snapshot()).isEmpty();
        assertThat(committed(P0)).as("never past a, which nobody wrote").isLessThanOrEqualTo(0);
    }

    @Test
    void aRecordOfANewerSchemaIsNeitherWrittenNorCommittedAndItsPartitionStaysPaused() throws Exception {
        long since = System.currentTimeMillis();
        start(1, 5, List.of(TestRecords.consumerRecord(0, 0, "a", 1, 5), TestRecords.consumerRecord(0, 1, "b", 1, 6),
                TestRecords.consumerRecord(0, 2, "c", 1, 5), TestRecords.consumerRecord(1, 0, "d", 1, 4),
                TestRecords.consumerRecord(1, 1, "e", 1)));

        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.writtenUpToNewerSchemas(Set.of(TestRecords.TOPIC), since));
        assertThat(store.snapshot()).as("older, same and unversioned records are written; none after the newer one")
                .containsOnlyKeys("orders/a", "orders/d", "orders/e");
        await().atMost(Duration.ofSeconds(5)).until(() -> committed(P0) == 1 && committed(P1) == 2);
        assertThat(metrics.schemaHolds()).isEqualTo(Map.of(P0, new SchemaHold(OrderHistory.VIEW, 5, 6, 1, true)));
        assertThat(consumer.position(P0)).as("rewound to the held record").isEqualTo(1);
        Thread.sleep(300); // several rounds of polls, commits and backpressure
        assertThat(consumer.paused()).containsExactly(P0);
        assertThat(committed(P0)).isEqualTo(1);
        assertThat(store.snapshot()).doesNotContainKeys("orders/b", "orders/c");
    }

    @Test
    void aHoldIsNotWrittenUpToWhileARecordBeforeItIsStillRetried() throws Exception {
        long since = System.currentTimeMillis();
        faults.failTransiently("a", 1);
        start(1, 5, List.of(TestRecords.consumerRecord(0, 0, "a", 1, 5), TestRecords.consumerRecord(0, 1, "b", 1, 6)));

        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.schemaHolds().containsKey(P0));
        Thread.sleep(300);
        assertThat(metrics.schemaHolds().get(P0).writtenUpTo()).isFalse();
        assertThat(metrics.writtenUpToNewerSchemas(Set.of(TestRecords.TOPIC), since)).isFalse();

        retryGate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.writtenUpToNewerSchemas(Set.of(TestRecords.TOPIC), since));
        assertThat(store.snapshot()).containsOnlyKeys("orders/a");
        assertThat(consumer.paused()).containsExactly(P0);
    }

    @Test
    void anUnversionedViewTakesRecordsOfAnySchema() throws Exception {
        start(1, List.of(TestRecords.consumerRecord(0, 0, "a", 1, 6), TestRecords.consumerRecord(0, 1, "b", 1, 7)));

        await().atMost(Duration.ofSeconds(5)).until(() -> committed(P0) == 2);
        assertThat(store.snapshot()).containsOnlyKeys("orders/a", "orders/b");
        assertThat(metrics.schemaHolds()).isEmpty();
    }

    @Test
    void aRevokedPartitionsHoldIsForgotten() throws Exception {
        start(1, 5, List.of(TestRecords.consumerRecord(0, 0, "a", 1, 6)));
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.schemaHolds().containsKey(P0));

        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));

        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.schemaHolds().isEmpty());
        assertThat(store.snapshot()).isEmpty();
    }

    private void start(int laneCount, List<ConsumerRecord<byte[], byte[]>> records) {
        start(laneCount, SinkRunnerOptions.ViewTopic.UNVERSIONED, records);
    }

    /** {@code schemaVersion}: the version of the view's schema the runner writes with. */
    private void start(int laneCount, long schemaVersion, List<ConsumerRecord<byte[], byte[]>> records) {
        Acknowledgements acks = new Acknowledgements();
        DeadLetterProducer deadLetters = new DeadLetterProducer(TestRecords.deadLetterProducer(), TestRecords.DLQ, "fake");
        for (int i = 0; i < laneCount; i++) {
            FakeSinkWriter writer = new FakeSinkWriter(store, faults);
            try {
                writer.prepare();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            BatchWriter batchWriter = new BatchWriter("lane " + i, writer, deadLetters, acks, metrics, failure,
                    new Backoff(RetryPolicy.DEFAULT), delay -> retryGate.await());
            lanes.add(new Lane("lane " + i, batchWriter, failure, 10, Duration.ofMillis(10)));
        }
        loop = new ConsumerLoop("fake", consumer, new ViewDecoder(Map.of(OrderHistory.VIEW,
                new SinkRunnerOptions.ViewTopic(TestRecords.TOPIC, OrderHistory.SCHEMA, schemaVersion))), lanes, deadLetters, acks,
                metrics, failure, 10, Duration.ofSeconds(10));
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            consumer.rebalance(List.of(P0, P1));
            records.forEach(consumer::addRecord);
        });
        lanes.forEach(Lane::start);
        thread = new Thread(() -> loop.run(stop::get), "consumer loop");
        thread.start();
    }

    private long committed(TopicPartition partition) {
        return consumer.lastCommitted.getOrDefault(partition, -1L);
    }

    private static String idInOtherLaneThan(String id) {
        int lane = LaneAssignment.laneOf(TestRecords.TOPIC, id.getBytes(java.nio.charset.StandardCharsets.UTF_8), 2);
        for (int i = 0; ; i++) {
            String other = "other-" + i;
            if (LaneAssignment.laneOf(TestRecords.TOPIC, other.getBytes(java.nio.charset.StandardCharsets.UTF_8), 2) != lane) {
                return other;
            }
        }
    }

    /**
     * A mock consumer whose empty polls take a moment, as a real one's do, instead of spinning, and
     * which remembers the last offset committed per partition (assigned or not).
     */
    private static final class IdlingMockConsumer extends MockConsumer<byte[], byte[]> {
        final Map<TopicPartition, Long> lastCommitted = new ConcurrentHashMap<>();

        IdlingMockConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            offsets.forEach((partition, offset) -> lastCommitted.put(partition, offset.offset()));
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }
    }
}
