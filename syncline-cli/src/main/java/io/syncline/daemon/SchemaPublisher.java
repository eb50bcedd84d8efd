package io.syncline.daemon;

import io.syncline.view.PublishedSchema;
import io.syncline.view.ViewSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the views' schemas to the schemas topic, keyed by view name. The views process does, when
 * it starts and after every re-plan, before its view stage makes a record with a new schema: so a
 * sink that meets such a record finds its schema on the topic. The views role, not capture, because
 * it plans the views and notices the source's schema changes; capture knows tables, not views.
 */
final class SchemaPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaPublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final LongSupplier clock;

    SchemaPublisher(Producer<String, byte[]> producer, String topic, LongSupplier clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    static SchemaPublisher open(String bootstrap, Map<String, String> kafkaProperties, String topic, String clientId) {
        Map<String, Object> properties = new HashMap<>(kafkaProperties);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // Every replica has a schema before a record made with it can be read.
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new SchemaPublisher(new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer()), topic,
                System::currentTimeMillis);
    }

    /**
     * Publishes each schema that is not on the topic as it is ({@code onTopic}: the topic's latest per
     * view), and returns every view's schema as published, with its version. Returns once Kafka has
     * acknowledged every one.
     */
    Map<String, PublishedSchema> publish(Map<String, ViewSchema> schemas, Map<String, PublishedSchema> onTopic)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, PublishedSchema> published = new LinkedHashMap<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        long now = clock.getAsLong();
        schemas.forEach((view, schema) -> {
            PublishedSchema before = onTopic.get(view);
            PublishedSchema next = PublishedSchema.next(before, schema, now);
            published.put(view, next);
            if (!next.equals(before)) {
                LOG.info("view {}: publishing version {} of its schema on topic {}{}", view, next.version(), topic,
                        before == null ? "" : " (was version " + before.version() + ")");
                sent.add(producer.send(new ProducerRecord<>(topic, view, next.encode())));
            }
        });
        producer.flush();
        for (Future<RecordMetadata> send : sent) {
            send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return published;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
