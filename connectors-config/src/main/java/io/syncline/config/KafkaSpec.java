package io.syncline.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka: bootstrap servers (absent: Syncline runs an embedded single-node broker in its state
 * directory), the topic prefix, partitions and replication factor of the topics it creates, how
 * long the view topics keep tombstones (deletes), and extra client properties passed through as they are.
 */
public record KafkaSpec(Optional<String> bootstrapServers, String topicPrefix, int partitions,
                        short replicationFactor, Duration tombstoneRetention, Map<String, String> properties) {

    /** How long view topics keep a delete when {@code kafka.tombstoneRetention} is not given. */
    public static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofDays(7);

    /** With the default tombstone retention. */
    public KafkaSpec(Optional<String> bootstrapServers, String topicPrefix, int partitions, short replicationFactor,
                     Map<String, String> properties) {
        this(bootstrapServers, topicPrefix, partitions, replicationFactor, DEFAULT_TOMBSTONE_RETENTION, properties);
    }

    public boolean embedded() {
        return bootstrapServers.isEmpty();
    }

    /** Properties under secret-like keys (e.g. {@code sasl.jaas.config}, {@code ssl.key.password}) are masked. */
    @Override
    public String toString() {
        return "KafkaSpec[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix + ", partitions="
                + partitions + ", replicationFactor=" + replicationFactor + ", tombstoneRetention=" + tombstoneRetention
                + ", properties=" + Redaction.masked(properties) + "]";
    }
}
