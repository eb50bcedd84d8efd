package io.syncline.sink.runner;

import io.syncline.view.RecordSizes;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Client settings of a sink runner: the user's extra properties first, then the settings its
 * guarantees rest on, which they cannot override.
 */
final class KafkaClients {
    private KafkaClients() {
    }

    static Map<String, Object> consumerProperties(SinkRunnerOptions options) {
        Map<String, Object> props = new HashMap<>(options.kafkaProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.consumerGroup());
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, options.consumerGroup());
        // Only what the processors committed; offsets committed by the runner alone, after acknowledgement.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new sink starts from the beginning of the (compacted) view topics.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A restarted runner gets the partitions of the one it replaces once that one's session
        // expires: 10 s instead of the default 45 s after a crash. Users may set their own.
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    static Map<String, Object> producerProperties(SinkRunnerOptions options) {
        // A dead letter carries the record as it was read: up to the pipeline's maximum record size.
        Map<String, Object> props = new HashMap<>(RecordSizes.producerConfig());
        props.putAll(options.kafkaProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, options.consumerGroup() + ".dlq");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Dead letters are few. One request in flight keeps them clear of KAFKA-15591, where an
        // idempotent producer's retried first request to a new partition is never accepted.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    static Producer<byte[], byte[]> deadLetterProducer(SinkRunnerOptions options) {
        return new KafkaProducer<>(producerProperties(options));
    }
}
