package io.syncline.sink.runner;

import static org.awaitility.Awaitility.await;

import io.syncline.sink.RecordCoordinates;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.view.Topics;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import io.syncline.view.ViewSchemaHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One test's topics on the real Kafka: a view topic with three partitions and a dead-letter topic,
 * under a fresh prefix (which is also the pipeline name, so the consumer group is fresh too).
 */
final class KafkaFixture implements AutoCloseable {
    static final int PARTITIONS = 3;
    static final String SINK = "fake";

    /** A record as it went to the view topic. */
    record Produced(ViewRecord record, RecordCoordinates coordinates, byte[] key, byte[] value, long timestamp) {
    }

    final String pipeline = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String viewTopic = Topics.viewTopic(pipeline, OrderHistory.VIEW);
    final String deadLetterTopic = Topics.deadLetterTopic(pipeline, SINK);
    private final KafkaEndpoint kafka;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ViewRecordCodec codec = new ViewRecordCodec(OrderHistory.SCHEMA);

    KafkaFixture(KafkaEndpoint kafka) throws Exception {
        this.kafka = kafka;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(viewTopic, PARTITIONS, (short) 1),
                new NewTopic(deadLetterTopic, 1, (short) 1))).all().get();
        // Producing to partitions the broker has not set up yet trips KAFKA-15591 (retried requests
        // rejected forever): wait for their leaders, and keep one request in flight.
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1, ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
        await().atMost(Duration.ofSeconds(30)).until(() -> hasLeaders(viewTopic) && hasLeaders(deadLetterTopic));
    }

    private boolean hasLeaders(String topic) {
        List<PartitionInfo> partitions = producer.partitionsFor(topic);
        return !partitions.isEmpty() && partitions.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    /** Options for a runner of this test's pipeline: 3 lanes, small batches, fast retries. */
    SinkRunnerOptions options() {
        return options(SinkRunnerOptions.ViewTopic.UNVERSIONED);
    }

    /** {@link #options()}, writing with version {@code schemaVersion} of the view's schema. */
    SinkRunnerOptions options(long schemaVersion) {
        return new SinkRunnerOptions(SINK, pipeline, kafka.bootstrapServers(), Map.of(),
                Map.of(OrderHistory.VIEW, new SinkRunnerOptions.ViewTopic(viewTopic, OrderHistory.SCHEMA, schemaVersion)),
                deadLetterTopic, new SinkRunnerOptions.Batching(200, Duration.ofMillis(20), 3),
                RetryPolicy.unlimited(Duration.ofMillis(5), Duration.ofMillis(200)), Duration.ofSeconds(10));
    }

    /** Produces the records with the view-topic wire format (keys, values or tombstones, headers). */
    List<Produced> produce(List<ViewRecord> records) throws Exception {
        return produce(records, SinkRunnerOptions.ViewTopic.UNVERSIONED);
    }

    /** {@link #produce(List)}, made with version {@code schemaVersion} of the view's schema (none for unversioned). */
    List<Produced> produce(List<ViewRecord> records, long schemaVersion) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (ViewRecord record : records) {
            RecordHeaders headers = new RecordHeaders();
            ViewRecordCodec.headers(record).forEach(headers::add);
            if (schemaVersion != SinkRunnerOptions.ViewTopic.UNVERSIONED) {
                headers.add(ViewSchemaHeader.NAME, ViewSchemaHeader.encode(schemaVersion));
            }
            byte[] value = codec.encodeValue(record);
            values.add(value);
            sent.add(producer.send(new ProducerRecord<>(viewTopic, null, ViewRecordCodec.encodeKey(record.id()), value, headers)));
        }
        List<Produced> produced = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RecordMetadata metadata = sent.get(i).get();
            produced.add(new Produced(records.get(i), new RecordCoordinates(viewTopic, metadata.partition(), metadata.offset()),
                    ViewRecordCodec.encodeKey(records.get(i).id()), values.get(i), metadata.timestamp()));
        }
        return produced;
    }

    /** Produces bytes that are not a view record. */
    RecordMetadata produceRaw(byte[] key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(viewTopic, key, value)).get();
    }

    Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(viewTopic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(latest).all().get();
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Sets the view topic's delete.retention.ms, as the daemon does from kafka.tombstoneRetention. */
    void setTombstoneRetention(Duration retention) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, viewTopic);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry(
                TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())), AlterConfigOp.OpType.SET))))
                .all().get();
    }

    /** The offset metadata the group committed, per partition. */
    Map<TopicPartition, String> committedMetadata(String group) throws Exception {
        Map<TopicPartition, String> metadata = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
            if (offset != null) {
                metadata.put(partition, offset.metadata());
            }
        });
        return metadata;
    }

    Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    long committedTotal(String group) throws Exception {
        return committedOffsets(group).values().stream().mapToLong(Long::longValue).sum();
    }

    void awaitCommittedAtEnd(String group) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> committedOffsets(group).equals(endOffsets()));
    }

    /** Moves the (empty) group back to the start of every partition. */
    void resetToBeginning(String group) {
        Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            beginning.put(new TopicPartition(viewTopic, p), new OffsetAndMetadata(0));
        }
        // The group may still be finishing its last member's departure for a moment.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> {
                    admin.alterConsumerGroupOffsets(group, beginning).all().get();
                    return true;
                });
    }

    /** Reads the dead-letter topic until it holds {@code expected} records. */
    List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, pipeline + "-dlq-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(deadLetterTopic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // Anything beyond the expected count would be a defect too: one more short look.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
