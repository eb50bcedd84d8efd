package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.sink.Disposition;
import io.syncline.view.DeadLetterHeaders;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.WriteOutcome;
import io.syncline.view.ViewRecordCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outcome handling of one batch, with a mock dead-letter producer and a sleeper that does not sleep. */
class BatchWriterTest {
    private static final String TOPIC = TestRecords.TOPIC;
    private static final String DLQ = TestRecords.DLQ;
    private static final RetryPolicy RETRY = RetryPolicy.unlimited(Duration.ofMillis(100), Duration.ofSeconds(2));

    private final FakeStore store = new FakeStore();
    private final FakeFaults faults = new FakeFaults();
    private final Acknowledgements acks = new Acknowledgements();
    private final SinkRunnerMetrics metrics = new SinkRunnerMetrics();
    private final FirstFailure failure = new FirstFailure("fake");
    private final List<Duration> sleeps = new ArrayList<>();
    private final OffsetTracker tracker = new OffsetTracker();
    private MockProducer<byte[], byte[]> producer;

    @BeforeEach
    void setUp() {
        producer = TestRecords.deadLetterProducer();
    }

    @Test
    void acknowledgesWrittenAndStaleRecords() throws Exception {
        List<PendingRecord> batch = batch("a", "b", "c");
        store.apply(sinkRecord("b", 99, 50));

        writer(RETRY).write(batch);

        assertThat(acknowledgedUpTo()).hasValue(3);
        assertThat(metrics.recordsWritten()).isEqualTo(2);
        assertThat(metrics.recordsStale()).isEqualTo(1);
        assertThat(metrics.batches()).isEqualTo(1);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void deadLettersARejectedRecordWithItsCauseAndCoordinatesAndGoesOn() throws Exception {
        faults.reject("b");
        List<PendingRecord> batch = batch("a", "b", "c");

        writer(RETRY).write(batch);

        assertThat(acknowledgedUpTo()).hasValue(3);
        assertThat(metrics.recordsDeadLettered()).isEqualTo(1);
        assertThat(store.snapshot()).containsOnlyKeys("orders/a", "orders/c");
        ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
        ConsumerRecord<byte[], byte[]> original = batch.get(1).raw();
        assertThat(dead.topic()).isEqualTo(DLQ);
        assertThat(dead.key()).isEqualTo(original.key());
        assertThat(dead.value()).isEqualTo(original.value());
        assertThat(header(dead, ViewRecordCodec.VERSION_HEADER)).isEqualTo("2");
        assertThat(header(dead, DeadLetterHeaders.CAUSE)).isEqualTo("rejected by the test store: id b");
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION)).isEqualTo(FakeSinkWriter.RecordRejectedException.class.getName());
        assertThat(header(dead, DeadLetterHeaders.SINK)).isEqualTo("fake");
        assertThat(header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(TOPIC);
        assertThat(header(dead, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.OFFSET)).isEqualTo("1");
        assertThat(header(dead, DeadLetterHeaders.TIMESTAMP)).isEqualTo("1700000000001");
    }

    @Test
    void retriesOnlyTheRecordsThatFailedTransiently() throws Exception {
        faults.failTransiently("b", 2);
        List<PendingRecord> batch = batch("a", "b", "c");

        writer(RETRY).write(batch);

        assertThat(acknowledgedUpTo()).hasValue(3);
        assertThat(metrics.retries()).isEqualTo(2);
        assertThat(metrics.recordsWritten()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        for (PendingRecord record : batch) {
            assertThat(store.deliveriesOf(record.sinkRecord().coordinates())).as("written once").isEqualTo(1);
        }
    }

    @Test
    void retriesTheWholeBatchWhenTheWriteThrowsARetriableError() throws Exception {
        faults.failBatches(3);

        writer(RETRY).write(batch("a", "b"));

        assertThat(acknowledgedUpTo()).hasValue(2);
        assertThat(metrics.retries()).isEqualTo(3);
        assertThat(metrics.recordsWritten()).isEqualTo(2);
        assertThat(failure.failed()).isFalse();
    }

    @Test
    void whileRetryingTheMetricsSayWhyAndOnceWrittenTheyNoLonger() throws Exception {
        faults.failBatches(2);
        List<Boolean> retryingDuringBackoff = new ArrayList<>();
        FakeSinkWriter fake = new FakeSinkWriter(store, faults);
        fake.prepare();
        BatchWriter writer = new BatchWriter("test lane", fake, new DeadLetterProducer(producer, DLQ, "fake"), acks,
                metrics, failure, new Backoff(RETRY, () -> 0.5), delay -> retryingDuringBackoff.add(metrics.retryingOn().isPresent()));

        writer.write(batch("a", "b"));

        assertThat(retryingDuringBackoff).containsExactly(true, true);
        assertThat(metrics.retryingOn()).isEmpty();
        assertThat(metrics.lastError()).hasValueSatisfying(last -> assertThat(last.at()).isNotNull());
    }

    @Test
    void tellsEveryListenerOfEveryWrittenRecordButNotOfStaleOnes() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        List<String> alsoAcknowledged = new ArrayList<>();
        metrics.onAcknowledged((view, sourceTimestampMs, at) -> {
            throw new IllegalStateException("a failing listener");
        });
        metrics.onAcknowledged((view, sourceTimestampMs, at) -> acknowledged.add(view + "@" + sourceTimestampMs));
        metrics.onAcknowledged((view, sourceTimestampMs, at) -> alsoAcknowledged.add(view + "@" + sourceTimestampMs));
        store.apply(sinkRecord("b", 99, 50));

        writer(RETRY).write(batch("a", "b", "c"));

        assertThat(acknowledged).containsExactly(OrderHistory.VIEW + "@" + TestRecords.TIMESTAMP,
                OrderHistory.VIEW + "@" + TestRecords.TIMESTAMP);
        assertThat(alsoAcknowledged).isEqualTo(acknowledged);
    }

    @Test
    void deadLettersEveryRecordWhenTheWholeBatchIsRejected() throws Exception {
        faults.rejectBatches(1);

        writer(RETRY).write(batch("a", "b"));

        assertThat(acknowledgedUpTo()).hasValue(2);
        assertThat(producer.history()).hasSize(2);
        assertThat(header(producer.history().get(0), DeadLetterHeaders.EXCEPTION))
                .isEqualTo(FakeSinkWriter.BatchRejectedException.class.getName());
        assertThat(store.snapshot()).isEmpty();
    }

    @Test
    void givesUpAfterTheLastAttemptAndLeavesTheRecordUnacknowledged() throws Exception {
        faults.failTransiently("b", 10);

        writer(RetryPolicy.limited(Duration.ofMillis(10), Duration.ofMillis(100), 3)).write(batch("a", "b", "c"));

        assertThat(failure.get()).get().asString().contains("gave up after 3 attempts").contains("id b");
        assertThat(acknowledgedUpTo()).as("b at offset 1 is not acknowledged").hasValue(1);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void givesUpOnceMaxTimeHasPassedSinceTheFirstAttempt() throws Exception {
        faults.failTransiently("b", 1_000);
        faults.beforeWrite(() -> Thread.sleep(20));

        writer(RETRY.withMaxTime(Duration.ofMillis(50))).write(batch("a", "b"));

        assertThat(failure.get()).get().asString().contains("gave up after").contains("id b");
        assertThat(sleeps).hasSizeBetween(1, 4);
        assertThat(acknowledgedUpTo()).hasValue(1);
    }

    @Test
    void deadLettersTheRecordsLeftWhenRetriesRunOutIfToldTo() throws Exception {
        faults.failTransiently("b", 10);
        ErrorPolicy deadLetterWhenExhausted = new ErrorPolicy(ErrorPolicy.Action.DEAD_LETTER, ErrorPolicy.Action.DEAD_LETTER);

        writer(RetryPolicy.limited(Duration.ofMillis(10), Duration.ofMillis(100), 3), deadLetterWhenExhausted)
                .write(batch("a", "b", "c"));

        assertThat(failure.failed()).isFalse();
        assertThat(acknowledgedUpTo()).hasValue(3);
        assertThat(producer.history()).singleElement().satisfies(dead -> {
            assertThat(header(dead, DeadLetterHeaders.CAUSE)).startsWith("retries exhausted: StoreUnavailableException");
            assertThat(header(dead, DeadLetterHeaders.OFFSET)).isEqualTo("1");
        });
    }

    @Test
    void aRejectedRecordStopsTheRunnerIfToldTo() throws Exception {
        faults.reject("b");
        ErrorPolicy stopOnRejects = new ErrorPolicy(ErrorPolicy.Action.STOP, ErrorPolicy.Action.STOP);

        writer(RETRY, stopOnRejects).write(batch("a", "b", "c"));

        assertThat(failure.get()).get().asString().contains("rejected").contains("id b");
        assertThat(producer.history()).isEmpty();
        assertThat(acknowledgedUpTo()).as("b at offset 1 is not acknowledged").hasValue(1);
    }

    @Test
    void aRejectedBatchStopsTheRunnerIfToldTo() throws Exception {
        faults.rejectBatches(1);

        writer(RETRY, new ErrorPolicy(ErrorPolicy.Action.STOP, ErrorPolicy.Action.STOP)).write(batch("a", "b"));

        assertThat(failure.failed()).isTrue();
        assertThat(producer.history()).isEmpty();
        assertThat(acknowledgedUpTo()).hasValue(0);
    }

    @Test
    void aFailOutcomeStopsTheRunnerWithoutDeadLettering() throws Exception {
        SinkWriter failing = new FailingWriter(List.of(WriteOutcome.WRITTEN,
                WriteOutcome.failed(Disposition.FAIL, "permission denied", new SecurityException("denied"))));

        writer(failing, RETRY).write(batch("a", "b"));

        assertThat(failure.get()).get().asString().contains("permission denied");
        assertThat(acknowledgedUpTo()).hasValue(1);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aWrongNumberOfOutcomesIsAFailure() throws Exception {
        writer(new FailingWriter(List.of(WriteOutcome.WRITTEN)), RETRY).write(batch("a", "b"));

        assertThat(failure.get()).get().asString().contains("1 outcomes for 2 records");
        assertThat(acknowledgedUpTo()).hasValue(0);
    }

    @Test
    void aDeadLetterTopicThatRefusesTheRecordStopsTheRunner() throws Exception {
        faults.reject("a");
        producer.sendException = new TopicAuthorizationException(Set.of(DLQ));

        writer(RETRY).write(batch("a", "b"));

        assertThat(failure.get()).get().asString().contains("dead-letter topic");
        assertThat(acknowledgedUpTo()).as("a is not acknowledged").hasValue(0);
    }

    private BatchWriter writer(RetryPolicy policy) {
        FakeSinkWriter writer = new FakeSinkWriter(store, faults);
        try {
            writer.prepare();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return writer(writer, policy);
    }

    private BatchWriter writer(SinkWriter writer, RetryPolicy policy) {
        return new BatchWriter("test lane", writer, new DeadLetterProducer(producer, DLQ, "fake"), acks, metrics,
                failure, new Backoff(policy, () -> 0.5), sleeps::add);
    }

    private BatchWriter writer(RetryPolicy policy, ErrorPolicy errors) throws Exception {
        FakeSinkWriter writer = new FakeSinkWriter(store, faults);
        writer.prepare();
        return new BatchWriter("test lane", writer, new DeadLetterProducer(producer, DLQ, "fake"), acks, metrics,
                failure, new Backoff(policy, () -> 0.5), errors, sleeps::add);
    }

    /** Where the partition could be committed now. */
    private OptionalLong acknowledgedUpTo() {
        acks.applyAll();
        return tracker.commitOffset();
    }

    private List<PendingRecord> batch(String... ids) {
        List<PendingRecord> batch = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            batch.add(pending(ids[i], i + 1, i));
        }
        return batch;
    }

    /** A record handed out at {@code offset} of partition 0 (and tracked), version {@code version}. */
    private PendingRecord pending(String id, long version, long offset) {
        return TestRecords.pending(0, offset, id, version, tracker);
    }

    private static SinkRecord sinkRecord(String id, long version, long offset) {
        return TestRecords.sinkRecord(0, offset, id, version);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Returns fixed outcomes, whatever the batch. */
    private record FailingWriter(List<WriteOutcome> outcomes) implements SinkWriter {
        @Override
        public void prepare() {
        }

        @Override
        public List<WriteOutcome> write(List<SinkRecord> batch) {
            return outcomes;
        }

        @Override
        public Disposition classify(Throwable error) {
            return Disposition.FAIL;
        }

        @Override
        public void close() {
        }
    }
}
