package io.syncline.testkit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.RealServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Kafka: an idempotent acks=all producer's records come back to a consumer, in order per key. */
@RealServices
class KafkaSmokeIT {
    private static final int RECORDS = 300;

    @Test
    void producesWithAcksAllAndConsumesEverything(KafkaEndpoint kafka) throws Exception {
        String topic = "smoke-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 10), String.valueOf(i))));
            }
        }
        for (Future<RecordMetadata> ack : acks) {
            assertThat(ack.get().hasOffset()).isTrue();
        }

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < RECORDS && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }

        assertThat(received).hasSize(RECORDS);
        assertThat(received).extracting(ConsumerRecord::value).map(Integer::parseInt)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, RECORDS).boxed().toList());
        // Same key, same partition, and the producer's order kept within it.
        for (int k = 0; k < 10; k++) {
            String key = "key-" + k;
            List<ConsumerRecord<String, String>> forKey = received.stream().filter(r -> r.key().equals(key)).toList();
            assertThat(forKey).extracting(ConsumerRecord::partition).containsOnly(forKey.get(0).partition());
            assertThat(forKey).extracting(r -> Integer.parseInt(r.value())).isSorted();
        }
    }
}
