package io.syncline.config;

import java.util.Map;
import java.util.Optional;

/**
 * Kafka: bootstrap servers (absent: Syncline runs an embedded single-node broker in its state
 * directory), the topic prefix, partitions and replication factor of the topics it creates, and
 * extra client properties passed through as they are.
 */
public record KafkaSpec(Optional<String> bootstrapServers, String topicPrefix, int partitions,
                        short replicationFactor, Map<String, String> properties) {

    public boolean embedded() {
        return bootstrapServers.isEmpty();
    }

    /** Properties under secret-like keys (e.g. {@code sasl.jaas.config}, {@code ssl.key.password}) are masked. */
    @Override
    public String toString() {
        return "KafkaSpec[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix + ", partitions="
                + partitions + ", replicationFactor=" + replicationFactor + ", properties=" + Redaction.masked(properties) + "]";
    }
}
