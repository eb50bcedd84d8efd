package io.syncline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows one backfill on the pipeline's notifications topic (one partition), read from its start:
 * the topic is the round's own, so nothing before the signal is missed. {@link #rowsWhenCompleted}
 * is a {@link Convergence.Count} for one probe thread; {@link #failure} may be read from any thread.
 */
final class BackfillNotifications implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Returns as soon as a notification arrives; only bounds an idle poll. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BackfillScan scan;
    private final long rows;
    private volatile Optional<String> failure = Optional.empty();
    private volatile String description;

    /** {@code rows}: what the backfill must scan to count as complete. */
    BackfillNotifications(String bootstrapServers, String topic, String id, long rows) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        this.scan = new BackfillScan(id);
        this.rows = rows;
        this.description = scan.describe();
    }

    long rowsWhenCompleted() throws Exception {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            if (record.value() != null) {
                scan.accept(JSON.readTree(record.value()));
            }
        }
        failure = scan.failure(rows);
        description = scan.describe();
        return scan.rowsWhenCompleted();
    }

    Optional<String> failure() {
        return failure;
    }

    /** Chunks, rows scanned and the outcome, as last read. */
    String describe() {
        return description;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
