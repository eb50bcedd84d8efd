package io.syncline.sink.runner;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Told of each Kafka client a sink runner opens (its consumer, its dead-letter producer), e.g. to
 * bind the client's metrics; the runner closes the returned handle before it closes the client.
 */
public interface KafkaClientObserver {
    /** Observes nothing. */
    KafkaClientObserver NONE = new KafkaClientObserver() {
        @Override
        public AutoCloseable consumerOpened(Consumer<?, ?> consumer) {
            return () -> { };
        }

        @Override
        public AutoCloseable producerOpened(Producer<?, ?> producer) {
            return () -> { };
        }
    };

    AutoCloseable consumerOpened(Consumer<?, ?> consumer);

    AutoCloseable producerOpened(Producer<?, ?> producer);
}
