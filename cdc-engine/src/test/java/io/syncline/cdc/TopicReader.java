package io.syncline.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.testkit.KafkaEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads whole topics from the beginning to their current end (no consumer group). */
final class TopicReader implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicReader(KafkaEndpoint kafka) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.setProperty(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every record now in the topic (empty if it does not exist), in partition and offset order. */
    List<ConsumerRecord<byte[], byte[]>> readRaw(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        records.sort((a, b) -> a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
        return records;
    }

    List<Change> read(String topic) {
        return readRaw(topic).stream()
                .map(r -> new Change(r.partition(), r.offset(), r.key() == null ? null : parse(r.key()), r.value() == null ? null : parse(r.value())))
                .toList();
    }

    /** Reads the topic until at least {@code count} records match, or fails after the timeout. */
    List<Change> await(String topic, Predicate<Change> match, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Change> changes = read(topic);
            if (changes.stream().filter(match).count() >= count) {
                return changes;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " matching records in " + topic + " within " + timeout
                        + ", found " + changes.stream().filter(match).count() + " of " + changes.size());
            }
            Thread.sleep(200);
        }
    }

    long endOffsetSum(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null) {
            return 0;
        }
        return consumer.endOffsets(infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList())
                .values().stream().mapToLong(Long::longValue).sum();
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
