package io.syncline.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one view topic between offsets with a consumer of its own: assigned partitions, no
 * consumer group, nothing committed, so the daemon's sink consumer group never sees it. Reads
 * {@code read_committed}, as the sink runner does, so its end offsets are the last stable offsets.
 */
public final class ViewTopicReader implements AutoCloseable {
    /** Takes one batch of records, in the topic's order within each partition. */
    public interface Batches {
        void accept(List<ConsumerRecord<byte[], byte[]>> batch) throws Exception;
    }

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    public ViewTopicReader(Map<String, Object> clientProperties, String topic) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partitions = consumer.partitionsFor(topic, PipelineKafka.TIMEOUT).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
    }

    public Map<TopicPartition, Long> beginnings() {
        return consumer.beginningOffsets(partitions, PipelineKafka.TIMEOUT);
    }

    /** Where each partition ends now (for {@code read_committed}: its last stable offset). */
    public Map<TopicPartition, Long> ends() {
        return consumer.endOffsets(partitions, PipelineKafka.TIMEOUT);
    }

    /**
     * Hands every record from {@code from} (inclusive) to {@code to} (exclusive) to {@code batches},
     * at most {@code maxRecords} at a time.
     *
     * @return how many records were read
     */
    public long read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, int maxRecords, Batches batches)
            throws Exception {
        List<TopicPartition> open = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            if (from.get(partition) < to.get(partition)) {
                consumer.seek(partition, from.get(partition));
                open.add(partition);
            }
        }
        consumer.pause(partitions);
        consumer.resume(open);
        long read = 0;
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        long lastProgress = System.nanoTime();
        while (true) {
            // read_committed: positions pass transaction markers and aborted records, so compare positions.
            List<TopicPartition> done = open.stream().filter(p -> consumer.position(p, PipelineKafka.TIMEOUT) >= to.get(p)).toList();
            if (!done.isEmpty()) {
                open.removeAll(done);
                consumer.pause(done);
                lastProgress = System.nanoTime();
            }
            if (open.isEmpty()) {
                break;
            }
            if (System.nanoTime() - lastProgress > PipelineKafka.TIMEOUT.toNanos()) {
                throw new TimeoutException("reading " + topic + " made no progress for " + PipelineKafka.TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                lastProgress = System.nanoTime();
                if (record.offset() < to.get(new TopicPartition(record.topic(), record.partition()))) {
                    batch.add(record);
                    if (batch.size() >= maxRecords) {
                        read += batch.size();
                        batches.accept(batch);
                        batch = new ArrayList<>();
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            read += batch.size();
            batches.accept(batch);
        }
        return read;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
