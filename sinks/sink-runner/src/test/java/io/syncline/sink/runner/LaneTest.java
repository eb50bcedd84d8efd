package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.sink.Disposition;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.WriteOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a lane takes a batch: full, lingered, drained on stop; and what it forgets on revocation. */
class LaneTest {
    private static final Duration FOREVER = Duration.ofHours(1);

    private final FakeStore store = new FakeStore();
    private final FakeFaults faults = new FakeFaults();
    private final FirstFailure failure = new FirstFailure("fake");
    private final OffsetTracker tracker0 = new OffsetTracker();
    private final OffsetTracker tracker1 = new OffsetTracker();
    private Lane lane;
    private FakeSinkWriter writer;

    @AfterEach
    void stopLane() throws InterruptedException {
        lane.stop();
        assertThat(lane.awaitExit(System.nanoTime() + Duration.ofSeconds(5).toNanos())).isTrue();
    }

    @Test
    void writesAPartialBatchOnceItsOldestRecordLingered() throws Exception {
        lane = lane(100, Duration.ofMillis(200));
        long start = System.nanoTime();
        lane.add(TestRecords.pending(0, 0, "a", 1, tracker0));
        lane.add(TestRecords.pending(0, 1, "b", 1, tracker0));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.applied() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(lane.waiting()).isZero();
    }

    @Test
    void writesAFullBatchWithoutWaitingForTheLinger() throws Exception {
        lane = lane(3, FOREVER);
        lane.add(TestRecords.pending(0, 0, "a", 1, tracker0));
        lane.add(TestRecords.pending(0, 1, "b", 1, tracker0));
        lane.add(TestRecords.pending(0, 2, "c", 1, tracker0));
        lane.add(TestRecords.pending(0, 3, "d", 1, tracker0));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.applied() == 3);
        assertThat(lane.waiting()).as("d waits for the linger").isEqualTo(1);
    }

    @Test
    void batchesAreBoundedByBytesAndALargerRecordIsABatchOfItsOwn() throws Exception {
        lane = lane(100, 1000, FOREVER);
        lane.add(TestRecords.pendingOfSize(0, 0, "a", 400, tracker0));
        lane.add(TestRecords.pendingOfSize(0, 1, "b", 400, tracker0));
        lane.add(TestRecords.pendingOfSize(0, 2, "c", 400, tracker0)); // 1200 bytes waiting: a batch of a and b
        lane.add(TestRecords.pendingOfSize(0, 3, "d", 5000, tracker0)); // alone over the limit
        lane.add(TestRecords.pendingOfSize(0, 4, "e", 100, tracker0));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.applied() == 4);
        assertThat(writer.batchSizes).containsExactly(2, 1, 1);
        assertThat(lane.waiting()).as("e waits for the linger").isEqualTo(1);
        assertThat(lane.waitingBytes()).isEqualTo(100);
    }

    @Test
    void aGracefulStopWritesWhatIsWaiting() throws Exception {
        lane = lane(100, FOREVER);
        lane.add(TestRecords.pending(0, 0, "a", 1, tracker0));
        lane.add(TestRecords.pending(0, 1, "b", 1, tracker0));

        lane.drainAndStop();

        assertThat(lane.awaitExit(System.nanoTime() + Duration.ofSeconds(5).toNanos())).isTrue();
        assertThat(store.applied()).isEqualTo(2);
    }

    @Test
    void forgetsTheWaitingRecordsOfRevokedPartitionsOnly() throws Exception {
        lane = lane(100, FOREVER);
        lane.add(TestRecords.pending(0, 0, "a", 1, tracker0));
        lane.add(TestRecords.pending(1, 0, "b", 1, tracker1));
        lane.add(TestRecords.pending(0, 1, "c", 1, tracker0));

        assertThat(lane.forget(Set.of(new TopicPartition(TestRecords.TOPIC, 0)), System.nanoTime())).isTrue();
        lane.drainAndStop();

        assertThat(lane.awaitExit(System.nanoTime() + Duration.ofSeconds(5).toNanos())).isTrue();
        assertThat(store.snapshot()).containsOnlyKeys("orders/b");
    }

    @Test
    void forgettingWaitsForTheBatchBeingWritten() throws Exception {
        lane = lane(1, FOREVER);
        faults.blockAfter(0);
        lane.add(TestRecords.pending(0, 0, "a", 1, tracker0));
        await().atMost(Duration.ofSeconds(5)).until(faults::hasBlocked);

        long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
        assertThat(lane.forget(List.of(new TopicPartition(TestRecords.TOPIC, 0)), deadline)).isFalse();
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
        lane.interrupt();
    }

    @Test
    void forgettingDoesNotWaitForAWriteOfOtherPartitions() throws Exception {
        lane = lane(1, FOREVER);
        faults.blockAfter(0);
        lane.add(TestRecords.pending(1, 0, "b", 1, tracker1));
        await().atMost(Duration.ofSeconds(5)).until(faults::hasBlocked);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        assertThat(lane.forget(List.of(new TopicPartition(TestRecords.TOPIC, 0)), deadline)).isTrue();
        assertThat(System.nanoTime()).isLessThan(deadline);
        lane.interrupt();
    }

    @Test
    void aRetryingBatchDropsTheRecordsOfAPartitionRevokedDuringItsAttempt() throws Exception {
        lane = lane(10, Duration.ofMillis(50));
        faults.failTransiently("a", 1).failTransiently("b", 1);
        faults.beforeWrite(tracker0::revoke);
        lane.add(TestRecords.pending(0, 0, "a", 1, tracker0));
        lane.add(TestRecords.pending(0, 1, "b", 1, tracker0));

        await().atMost(Duration.ofSeconds(5)).until(() -> faults.injected() == 2);
        Thread.sleep(200); // the retry, were there one, would have landed by now
        assertThat(store.snapshot()).as("no retry of a revoked partition's records").isEmpty();
    }

    @Test
    void anIdleLaneChecksTheStoreAndShowsItUnreachableUntilItAnswersAgain() throws Exception {
        AtomicBoolean answers = new AtomicBoolean(true);
        AtomicInteger checks = new AtomicInteger();
        SinkRunnerMetrics metrics = new SinkRunnerMetrics();
        writer = new FakeSinkWriter(store, faults);
        writer.prepare();
        SinkWriter checked = new SinkWriter() {
            @Override
            public void prepare() {
            }

            @Override
            public List<WriteOutcome> write(List<SinkRecord> batch) throws Exception {
                return writer.write(batch);
            }

            @Override
            public void checkReachable() throws IOException {
                checks.incrementAndGet();
                if (!answers.get()) {
                    throw new IOException("connection refused");
                }
            }

            @Override
            public Disposition classify(Throwable error) {
                return writer.classify(error);
            }

            @Override
            public void close() {
            }
        };
        BatchWriter batchWriter = new BatchWriter("test lane", checked,
                new DeadLetterProducer(TestRecords.deadLetterProducer(), TestRecords.DLQ, "fake"), new Acknowledgements(),
                metrics, failure, new Backoff(RetryPolicy.DEFAULT), delay -> { });
        lane = new Lane("test lane", batchWriter, failure, 100, SinkRunnerOptions.Batching.DEFAULT_MAX_BYTES,
                Duration.ofMillis(10), Duration.ofMillis(100));
        lane.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() >= 2);
        assertThat(metrics.unreachable()).isEmpty();
        answers.set(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.unreachable().isPresent());
        assertThat(metrics.unreachable().orElseThrow().message()).contains("connection refused");
        answers.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.unreachable().isEmpty());

        // Writing keeps the lane from checking: each batch restarts its idle clock.
        int before = checks.get();
        for (int i = 0; i < 10; i++) {
            lane.add(TestRecords.pending(0, i, "k" + i, 1, tracker0));
            Thread.sleep(30);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.applied() == 10);
        assertThat(checks.get() - before).as("checks while writing every 30 ms").isLessThanOrEqualTo(1);
    }

    private Lane lane(int maxRecords, Duration linger) throws Exception {
        return lane(maxRecords, SinkRunnerOptions.Batching.DEFAULT_MAX_BYTES, linger);
    }

    private Lane lane(int maxRecords, long maxBytes, Duration linger) throws Exception {
        writer = new FakeSinkWriter(store, faults);
        writer.prepare();
        BatchWriter batchWriter = new BatchWriter("test lane", writer,
                new DeadLetterProducer(TestRecords.deadLetterProducer(), TestRecords.DLQ, "fake"), new Acknowledgements(),
                new SinkRunnerMetrics(), failure, new Backoff(RetryPolicy.DEFAULT), delay -> { });
        Lane created = new Lane("test lane", batchWriter, failure, maxRecords, maxBytes, linger);
        created.start();
        return created;
    }
}
