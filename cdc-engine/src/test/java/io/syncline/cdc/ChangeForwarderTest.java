package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.engine.ChangeEvent;
import io.debezium.embedded.EngineEvents;
import io.debezium.engine.DebeziumEngine;
import io.syncline.view.Versions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The forwarder marks a record processed only after Kafka acknowledged it (Kafka's MockProducer as the fake). */
class ChangeForwarderTest {
    private static final String TRUNCATE = "{\"before\":null,\"after\":null,\"source\":{\"lsn\":500},\"op\":\"t\"}";
    /** The orders topic with three partitions, as the pipeline creates change topics. */
    private static final Cluster CLUSTER = new Cluster("test", List.of(), List.of(0, 1, 2).stream()
            .map(p -> new PartitionInfo("shop.public.orders", p, null, null, null)).toList(), Set.of(), Set.of());
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(CLUSTER, false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final CaptureMetrics metrics = new CaptureMetrics(Map.of());
    private final ChangeForwarder forwarder = new ChangeForwarder(producer,
            Set.of("__debezium-heartbeat.shop", "shop.public.syncline_heartbeat"), "shop.syncline.notifications", metrics, 5, new SweepMarkers(producer, List.of(),
                    new LedgerInMemory(new CaptureLedger.Entry(5, true, true))));
    private final RecordingCommitter committer = new RecordingCommitter();
    private final ExecutorService debezium = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        debezium.shutdownNow();
    }

    @Test
    void marksEachRecordOnlyAfterItsAcknowledgementThenFinishesTheBatch() throws Exception {
        List<ChangeEvent<byte[], byte[]>> batch = List.of(event("shop.public.orders", "{\"id\":1}", "{\"op\":\"c\"}"),
                event("shop.public.orders", "{\"id\":1}", null), event("shop.public.items", "{\"id\":7}", "{\"op\":\"u\"}"));

        Future<?> handled = debezium.submit(() -> handle(batch));
        awaitSent(3);
        assertThat(committer.processed).as("nothing acknowledged yet").isEmpty();

        producer.completeNext();
        awaitProcessed(1);
        assertThat(committer.batchFinished).isFalse();
        producer.completeNext();
        producer.completeNext();
        handled.get(10, TimeUnit.SECONDS);

        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(committer.batchFinished).isTrue();
        assertThat(metrics.status().recordsSent()).isEqualTo(3);
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic)
                .containsExactly("shop.public.orders", "shop.public.orders", "shop.public.items");
        assertThat(new String(sent.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        assertThat(sent.get(1).value()).as("tombstone").isNull();
    }

    @Test
    void failedSendStopsTheBatchWithoutMarkingTheRecordOrAnyAfterIt() throws Exception {
        List<ChangeEvent<byte[], byte[]>> batch = List.of(event("shop.public.orders", "{\"id\":1}", "{}"),
                event("shop.public.orders", "{\"id\":2}", "{}"), event("shop.public.orders", "{\"id\":3}", "{}"));

        Future<?> handled = debezium.submit(() -> handle(batch));
        awaitSent(3);
        producer.completeNext();
        producer.errorNext(new RecordTooLargeException("too large"));
        producer.completeNext();

        assertThatThrownBy(() -> handled.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ChangeDeliveryException.class)
                .hasRootCauseInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("topic shop.public.orders")
                // A change too large to send says its size, the maximum and what to do: capture cannot skip it.
                .hasMessageContaining("This change event is 10 bytes; Syncline's maximum record size is 16 MiB (16777216 bytes)")
                .hasMessageContaining("Capture cannot skip a change")
                .hasMessageContaining("Make the row smaller in PostgreSQL");
        assertThat(committer.processed).containsExactly(batch.get(0));
        assertThat(committer.batchFinished).isFalse();
        assertThat(metrics.status().errors()).isEqualTo(1);
        assertThat(metrics.status().phase()).isEqualTo(CapturePhase.FAILED);
        assertThat(metrics.failure()).isInstanceOf(ChangeDeliveryException.class);
    }

    @Test
    void everyRecordCarriesTheSourceGeneration() throws Exception {
        List<ChangeEvent<byte[], byte[]>> batch = List.of(event("shop.public.orders", "{\"id\":1}", "{\"op\":\"c\"}"),
                event("shop.public.orders", "{\"id\":1}", null));

        Future<?> handled = debezium.submit(() -> handle(batch));
        awaitSent(2);
        producer.completeNext();
        producer.completeNext();
        handled.get(10, TimeUnit.SECONDS);

        assertThat(producer.history()).allSatisfy(sent -> assertThat(new String(
                sent.headers().lastHeader(Versions.GENERATION_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("5"));
    }

    @Test
    void aTruncateGoesToEveryPartitionAndIsMarkedOnlyWhenEveryOneAcknowledged() throws Exception {
        List<ChangeEvent<byte[], byte[]>> batch = List.of(event("shop.public.orders", "{\"id\":1}", "{\"op\":\"c\"}"),
                event("shop.public.orders", null, TRUNCATE));

        Future<?> handled = debezium.submit(() -> handle(batch));
        awaitSent(4);
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent.subList(1, 4)).extracting(ProducerRecord::partition).containsExactly(0, 1, 2);
        assertThat(sent.subList(1, 4)).allSatisfy(truncate -> {
            assertThat(truncate.key()).isNull();
            assertThat(new String(truncate.value(), StandardCharsets.UTF_8)).isEqualTo(TRUNCATE);
        });
        producer.completeNext();
        producer.completeNext();
        producer.completeNext();
        awaitProcessed(1);
        assertThat(committer.processed).as("the truncate waits for its last partition").hasSize(1);
        producer.completeNext();
        handled.get(10, TimeUnit.SECONDS);

        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(metrics.status().recordsSent()).isEqualTo(2);
    }

    @Test
    void anLsnBeyondWhatAVersionHoldsStopsCaptureBeforeThatChange() throws Exception {
        List<ChangeEvent<byte[], byte[]>> batch = List.of(
                EngineEvents.withOffset("shop.public.orders", bytes("{\"id\":1}"), bytes("{}"), Map.of("lsn", 1000L)),
                EngineEvents.withOffset("shop.public.orders", bytes("{\"id\":2}"), bytes("{}"),
                        Map.of("lsn", Versions.LSN_LIMIT)));

        Future<?> handled = debezium.submit(() -> handle(batch));
        awaitSent(1);
        producer.completeNext();

        assertThatThrownBy(() -> handled.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ChangeDeliveryException.class)
                .hasMessageContaining("source LSN 1000000/0 of a change for shop.public.orders is beyond FFFFFF/FFFFFFFF")
                .hasMessageContaining("raise source.generation");
        assertThat(committer.processed).containsExactly(batch.get(0));
        assertThat(producer.history()).hasSize(1);
        assertThat(metrics.status().phase()).isEqualTo(CapturePhase.FAILED);
    }

    @Test
    void heartbeatsAreMarkedProcessedButNotSent() throws Exception {
        List<ChangeEvent<byte[], byte[]>> batch = List.of(event("__debezium-heartbeat.shop", "{}", "{}"),
                event("shop.public.syncline_heartbeat", "{\"id\":1}", "{}"));

        handle(batch);

        assertThat(producer.history()).isEmpty();
        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(committer.batchFinished).isTrue();
        assertThat(metrics.status().recordsSent()).isZero();
    }

    private Void handle(List<ChangeEvent<byte[], byte[]>> batch) throws InterruptedException {
        forwarder.handleBatch(batch, committer);
        return null;
    }

    private void awaitSent(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (producer.history().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(producer.history()).hasSize(count);
    }

    private void awaitProcessed(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (committer.processed.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(committer.processed).hasSize(count);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ChangeEvent<byte[], byte[]> event(String topic, String key, String value) {
        byte[] k = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        return new ChangeEvent<>() {
            @Override
            public byte[] key() {
                return k;
            }

            @Override
            public byte[] value() {
                return v;
            }

            @Override
            public String destination() {
                return topic;
            }

            @Override
            public Integer partition() {
                return null;
            }
        };
    }

    private static final class RecordingCommitter implements DebeziumEngine.RecordCommitter<ChangeEvent<byte[], byte[]>> {
        final List<ChangeEvent<byte[], byte[]>> processed = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean batchFinished;

        @Override
        public void markProcessed(ChangeEvent<byte[], byte[]> record) {
            processed.add(record);
        }

        @Override
        public void markBatchFinished() {
            batchFinished = true;
        }

        @Override
        public void markProcessed(ChangeEvent<byte[], byte[]> record, DebeziumEngine.Offsets sourceOffsets) {
            processed.add(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException();
        }
    }
}
