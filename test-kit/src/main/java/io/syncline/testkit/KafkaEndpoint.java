package io.syncline.testkit;

/** A Kafka cluster (PLAINTEXT listener) that accepts acks=all with replication factor 1. */
public record KafkaEndpoint(String bootstrapServers) {
    @Override
    public String toString() {
        return bootstrapServers;
    }
}
