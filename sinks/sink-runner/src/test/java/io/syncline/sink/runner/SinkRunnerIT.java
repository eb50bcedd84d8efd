package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.sink.RecordCoordinates;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.DeadLetterHeaders;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner against a real Kafka, writing into an in-memory version-guarded store. */
@RealServices
class SinkRunnerIT {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);

    private KafkaFixture kafka;
    private final FakeStore store = new FakeStore();
    private final List<FakeSinkWriter> writers = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp(KafkaEndpoint endpoint) throws Exception {
        kafka = new KafkaFixture(endpoint);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void deliversEveryRecordOfThreePartitionsAndConvergesToTheLastVersionPerId() throws Exception {
        List<ViewRecord> history = OrderHistory.generate(5_000, 600, 1);
        assertThat(history).filteredOn(ViewRecord::isDelete).hasSizeGreaterThan(200);
        List<KafkaFixture.Produced> produced = kafka.produce(history);
        assertThat(produced).extracting(p -> p.coordinates().partition()).containsOnly(0, 1, 2);

        SinkRunnerMetrics metrics;
        try (SinkRunner runner = runner(new FakeFaults())) {
            runner.start();
            awaitDelivered(produced);
            assertThat(store.snapshot()).isEqualTo(OrderHistory.finalState(history));
            assertThat(store.snapshot().values()).filteredOn(entry -> entry.document() == null).isNotEmpty();
            await().atMost(DELIVERY_TIMEOUT).untilAsserted(() -> {
                assertThat(runner.metrics().lag()).hasSize(KafkaFixture.PARTITIONS);
                assertThat(runner.metrics().lag().values()).containsOnly(0L);
                assertThat(runner.metrics().lastCommit()).isPresent();
            });
            assertThat(runner.state()).isEqualTo(SinkRunnerState.RUNNING);
            metrics = runner.metrics();
        }
        assertThat(metrics.recordsWritten() + metrics.recordsStale()).isEqualTo(store.applied());
        assertThat(metrics.recordsDeadLettered()).isZero();
        assertThat(metrics.batches()).isGreaterThanOrEqualTo(5_000 / 200);
        assertThat(writers).hasSize(3).allMatch(FakeSinkWriter::closed);
    }

    /**
     * Records made with a newer schema than the runner's are left to its successor: the runner writes
     * and commits everything before the first of them in each partition, and nothing from there on;
     * the successor, with the newer schema, writes the rest.
     */
    @Test
    void aRunnerStopsEachPartitionAtTheFirstRecordOfANewerSchemaAndItsSuccessorWritesTheRest() throws Exception {
        List<ViewRecord> history = OrderHistory.generate(2_000, 300, 7);
        List<KafkaFixture.Produced> older = kafka.produce(history.subList(0, 1_000), 5);
        List<KafkaFixture.Produced> newer = kafka.produce(history.subList(1_000, 2_000), 6);
        Map<TopicPartition, Long> firstNewer = new HashMap<>();
        newer.forEach(p -> firstNewer.merge(new TopicPartition(kafka.viewTopic, p.coordinates().partition()),
                p.coordinates().offset(), Math::min));
        assertThat(firstNewer).hasSize(KafkaFixture.PARTITIONS);
        String group = kafka.options().consumerGroup();

        long since = System.currentTimeMillis();
        try (SinkRunner runner = new SinkRunner(kafka.options(5), () -> writer(new FakeFaults()), sleeps::add, Math::random)) {
            runner.start();
            await().atMost(DELIVERY_TIMEOUT).until(() -> runner.metrics().writtenUpToNewerSchemas(Set.of(kafka.viewTopic), since));
            await().atMost(DELIVERY_TIMEOUT).until(() -> kafka.committedOffsets(group).equals(firstNewer));
            assertThat(store.delivered()).isEqualTo(older.stream().map(KafkaFixture.Produced::coordinates).collect(Collectors.toSet()));
            assertThat(runner.metrics().schemaHolds().keySet()).isEqualTo(firstNewer.keySet());
            assertThat(runner.metrics().schemaHolds().values()).allSatisfy(hold -> {
                assertThat(hold.recordVersion()).isEqualTo(6);
                assertThat(hold.runnerVersion()).isEqualTo(5);
            });
        }
        assertThat(kafka.committedOffsets(group)).as("the stop committed nothing past the holds").isEqualTo(firstNewer);

        try (SinkRunner successor = new SinkRunner(kafka.options(6), () -> writer(new FakeFaults()), sleeps::add, Math::random)) {
            successor.start();
            awaitDelivered(newer);
            kafka.awaitCommittedAtEnd(group);
            assertThat(store.snapshot()).isEqualTo(OrderHistory.finalState(history));
            assertThat(successor.metrics().schemaHolds()).isEmpty();
        }
    }

    /**
     * A sink idle for longer than the tombstone retention but caught up is not at risk (its commits
     * are kept fresh); one that stopped and came back after the retention, with records waiting,
     * is reported.
     */
    @Test
    void reportsASinkThatWasAwayLongerThanTheTombstoneRetention() throws Exception {
        Duration retention = Duration.ofSeconds(6);
        kafka.setTombstoneRetention(retention);
        String group = kafka.options().consumerGroup();
        kafka.produce(OrderHistory.generate(300, 50, 3));
        try (SinkRunner runner = runner(new FakeFaults())) {
            runner.start();
            kafka.awaitCommittedAtEnd(group);
            Map<org.apache.kafka.common.TopicPartition, String> first = kafka.committedMetadata(group);
            assertThat(first.values()).allMatch(metadata -> metadata.startsWith("committedAt="));
            Thread.sleep(retention.plusSeconds(2).toMillis()); // idle, caught up, longer than the retention
            assertThat(kafka.committedMetadata(group)).allSatisfy((partition, metadata) ->
                    assertThat(metadata).isNotEqualTo(first.get(partition)));
        }
        kafka.produce(OrderHistory.generate(300, 50, 4));
        try (SinkRunner runner = runner(new FakeFaults())) {
            runner.start();
            kafka.awaitCommittedAtEnd(group);
            assertThat(runner.metrics().tombstoneRetentionExceeded()).isZero();
        }

        Thread.sleep(retention.plusSeconds(1).toMillis()); // away longer than the retention
        kafka.produce(OrderHistory.generate(300, 50, 5));
        try (SinkRunner runner = runner(new FakeFaults())) {
            runner.start();
            kafka.awaitCommittedAtEnd(group);
            assertThat(runner.metrics().tombstoneRetentionExceeded()).isEqualTo(KafkaFixture.PARTITIONS);
            await().atMost(DELIVERY_TIMEOUT).until(() -> runner.metrics().tombstoneRisk().isEmpty());
        }
    }

    @Test
    void deadLettersRejectedAndUndecodableRecordsWithTheirCauseAndKeepsGoing() throws Exception {
        List<ViewRecord> history = OrderHistory.generate(1_000, 100, 2);
        String rejectedId = history.get(500).id();
        List<KafkaFixture.Produced> produced = new ArrayList<>(kafka.produce(history.subList(0, 800)));
        RecordMetadata garbage = kafka.produceRaw("garbage-1".getBytes(StandardCharsets.UTF_8),
                "not a view record".getBytes(StandardCharsets.UTF_8));
        RecordMetadata keyless = kafka.produceRaw(null, "{}".getBytes(StandardCharsets.UTF_8));
        produced.addAll(kafka.produce(history.subList(800, 1_000)));
        List<KafkaFixture.Produced> rejected = produced.stream().filter(p -> p.record().id().equals(rejectedId)).toList();
        assertThat(rejected).hasSizeGreaterThan(3);

        List<ConsumerRecord<byte[], byte[]>> deadLetters;
        try (SinkRunner runner = runner(new FakeFaults().reject(rejectedId))) {
            runner.start();
            awaitDelivered(produced.stream().filter(p -> !p.record().id().equals(rejectedId)).toList());
            deadLetters = kafka.readDeadLetters(rejected.size() + 2);
            kafka.awaitCommittedAtEnd(kafka.options().consumerGroup());
            assertThat(runner.metrics().recordsDeadLettered()).isEqualTo(rejected.size() + 2);
            assertThat(runner.failure()).isEmpty();
        }

        assertThat(store.snapshot()).isEqualTo(OrderHistory.finalState(history, id -> !id.equals(rejectedId)));
        assertThat(deadLetters).hasSize(rejected.size() + 2);
        Map<String, ConsumerRecord<byte[], byte[]>> byOrigin = deadLetters.stream().collect(Collectors.toMap(
                r -> header(r, DeadLetterHeaders.PARTITION) + "@" + header(r, DeadLetterHeaders.OFFSET), Function.identity()));
        for (KafkaFixture.Produced original : rejected) {
            ConsumerRecord<byte[], byte[]> dead = byOrigin.get(original.coordinates().partition() + "@" + original.coordinates().offset());
            assertThat(dead).as("dead letter of %s", original.coordinates()).isNotNull();
            assertThat(dead.key()).isEqualTo(original.key());
            assertThat(dead.value()).isEqualTo(original.value());
            assertThat(header(dead, ViewRecordCodec.VERSION_HEADER)).isEqualTo(Long.toString(original.record().version()));
            assertThat(header(dead, ViewRecordCodec.OP_HEADER)).isEqualTo(original.record().op().code());
            assertThat(header(dead, DeadLetterHeaders.CAUSE)).isEqualTo("rejected by the test store: id " + rejectedId);
            assertThat(header(dead, DeadLetterHeaders.EXCEPTION)).isEqualTo(FakeSinkWriter.RecordRejectedException.class.getName());
            assertThat(header(dead, DeadLetterHeaders.SINK)).isEqualTo(KafkaFixture.SINK);
            assertThat(header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(kafka.viewTopic);
            assertThat(header(dead, DeadLetterHeaders.TIMESTAMP)).isEqualTo(Long.toString(original.timestamp()));
        }
        for (RecordMetadata undecodable : List.of(garbage, keyless)) {
            ConsumerRecord<byte[], byte[]> dead = byOrigin.get(undecodable.partition() + "@" + undecodable.offset());
            assertThat(dead).isNotNull();
            assertThat(header(dead, DeadLetterHeaders.CAUSE)).startsWith("undecodable view record: ");
            assertThat(header(dead, DeadLetterHeaders.EXCEPTION)).isEqualTo(IllegalArgumentException.class.getName());
        }
        assertThat(byOrigin.get(garbage.partition() + "@" + garbage.offset()).value())
                .isEqualTo("not a view record".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void retriesTransientFailuresWithoutLosingOrDeadLetteringAnything() throws Exception {
        List<ViewRecord> history = OrderHistory.generate(1_000, 100, 3);
        FakeFaults faults = new FakeFaults().failPrepares(2).failBatches(2);
        List<String> flaky = history.stream().map(ViewRecord::id).distinct().limit(5).toList();
        flaky.forEach(id -> faults.failTransiently(id, 3));
        List<KafkaFixture.Produced> produced = kafka.produce(history);

        try (SinkRunner runner = runner(faults)) {
            runner.start();
            awaitDelivered(produced);
            kafka.awaitCommittedAtEnd(kafka.options().consumerGroup());
            assertThat(faults.injected()).isEqualTo(2 + 2 + 5 * 3);
            // Each flaky id fails three times in a row: at least three retry rounds. Failed prepares and
            // batches of parallel lanes can share a round, so they add at most one round each.
            assertThat(runner.metrics().retries()).isBetween(3L, 2L + 2 + 5 * 3);
            assertThat(runner.metrics().recordsDeadLettered()).isZero();
            assertThat(runner.failure()).isEmpty();
        }
        assertThat(store.snapshot()).isEqualTo(OrderHistory.finalState(history));
        assertThat(sleeps).as("a back-off before every retry round").hasSizeGreaterThanOrEqualTo(3).allSatisfy(delay ->
                assertThat(delay).isBetween(Duration.ZERO, Duration.ofMillis(200)));
        assertThat(kafka.readDeadLetters(0)).isEmpty();
    }

    @Test
    void aStoppedRunnerHasCommittedTheEndOfEveryPartition() throws Exception {
        List<KafkaFixture.Produced> produced = kafka.produce(OrderHistory.generate(2_000, 300, 4));

        try (SinkRunner runner = runner(new FakeFaults())) {
            runner.start();
            awaitDelivered(produced);
        }

        assertThat(kafka.committedOffsets(kafka.options().consumerGroup())).isEqualTo(kafka.endOffsets());
    }

    @Test
    void afterACrashMidStreamARestartDeliversEveryRecordAndTheStateIsExact() throws Exception {
        List<ViewRecord> history = OrderHistory.generate(3_000, 400, 5);
        List<KafkaFixture.Produced> produced = kafka.produce(history);
        String group = kafka.options().consumerGroup();

        FakeFaults stalling = new FakeFaults().blockAfter(1_000);
        SinkRunner crashed = new SinkRunner(kafka.options().withShutdownTimeout(Duration.ofMillis(500)),
                () -> writer(stalling), sleeps::add, Math::random);
        crashed.start();
        await().atMost(DELIVERY_TIMEOUT).until(stalling::hasBlocked);
        await().atMost(DELIVERY_TIMEOUT).until(() -> kafka.committedTotal(group) > 0);
        crashed.close();
        assertThat(crashed.failure()).isEmpty();
        long committedAtCrash = kafka.committedTotal(group);
        assertThat(committedAtCrash).as("the crash left records unwritten").isLessThan(history.size());
        assertThat(store.delivered()).hasSizeLessThan(history.size());

        try (SinkRunner restarted = runner(new FakeFaults())) {
            restarted.start();
            awaitDelivered(produced);
            kafka.awaitCommittedAtEnd(group);
        }

        assertThat(store.delivered()).containsAll(produced.stream().map(KafkaFixture.Produced::coordinates).toList());
        assertThat(store.snapshot()).isEqualTo(OrderHistory.finalState(history));
    }

    @Test
    void replayingFromTheBeginningChangesNothingAndEveryRecordIsStale() throws Exception {
        List<ViewRecord> history = OrderHistory.generate(2_000, 300, 6);
        List<KafkaFixture.Produced> produced = kafka.produce(history);
        String group = kafka.options().consumerGroup();
        try (SinkRunner first = runner(new FakeFaults())) {
            first.start();
            awaitDelivered(produced);
            kafka.awaitCommittedAtEnd(group);
        }
        Map<String, FakeStore.Entry> afterFirstPass = store.snapshot();
        assertThat(afterFirstPass).isEqualTo(OrderHistory.finalState(history));

        kafka.resetToBeginning(group);
        assertThat(kafka.committedTotal(group)).isZero();
        try (SinkRunner replay = runner(new FakeFaults())) {
            replay.start();
            kafka.awaitCommittedAtEnd(group);
            assertThat(replay.metrics().recordsStale()).isEqualTo(history.size());
            assertThat(replay.metrics().recordsWritten()).isZero();
        }

        assertThat(store.snapshot()).isEqualTo(afterFirstPass);
        for (KafkaFixture.Produced record : produced) {
            assertThat(store.deliveriesOf(record.coordinates())).as("%s", record.coordinates()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aWriteErrorClassifiedFailStopsTheRunnerAndCommitsNothingOfItsBatch() throws Exception {
        kafka.produce(OrderHistory.generate(500, 50, 7));

        SinkRunner runner = runner(new FakeFaults().breakBatches(1));
        runner.start();

        assertThat(runner.awaitTermination(DELIVERY_TIMEOUT)).isTrue();
        assertThat(runner.state()).isEqualTo(SinkRunnerState.STOPPED);
        assertThat(runner.failure()).get().isInstanceOf(SinkRunnerException.class)
                .satisfies(error -> assertThat(error.getCause()).hasMessage("store bug"));
        assertThat(kafka.committedTotal(kafka.options().consumerGroup()))
                .as("the failed batch is not committed").isLessThan(500);
        assertThat(writers).allMatch(FakeSinkWriter::closed);
        runner.close();
    }

    private SinkRunner runner(FakeFaults faults) {
        return new SinkRunner(kafka.options(), () -> writer(faults), sleeps::add, Math::random);
    }

    private FakeSinkWriter writer(FakeFaults faults) {
        FakeSinkWriter writer = new FakeSinkWriter(store, faults);
        writers.add(writer);
        return writer;
    }

    private void awaitDelivered(List<KafkaFixture.Produced> produced) {
        Set<RecordCoordinates> expected = produced.stream().map(KafkaFixture.Produced::coordinates).collect(Collectors.toSet());
        await().atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> store.delivered().containsAll(expected));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
