package io.syncline.daemon;

import io.syncline.view.PublishedSchema;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view schemas on the schemas topic, as the views process published them ({@link SchemaPublisher}):
 * read to the topic's end on the caller's thread, then, once {@link #tail tailed}, on a thread of its own
 * that tells a listener of every change. Reads Kafka only: this is how a process without the views role
 * learns the schemas, with no access to PostgreSQL.
 */
final class PublishedSchemas implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedSchemas.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WAITING_LOG_INTERVAL = Duration.ofSeconds(30);

    /** Told of the latest schema of every view, once when tailing starts and after each change. */
    interface Listener {
        void published(Map<String, PublishedSchema> latest) throws InterruptedException;
    }

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Map<String, PublishedSchema> latest = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private List<TopicPartition> partitions;
    private Thread tail;
    private volatile boolean stopped;

    PublishedSchemas(Consumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    static PublishedSchemas open(String bootstrap, Map<String, String> kafkaProperties, String topic, String clientId) {
        Map<String, Object> properties = new HashMap<>(kafkaProperties);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // Assigned, not subscribed: every process reads the whole topic and commits nothing.
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new PublishedSchemas(new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer()),
                topic);
    }

    /** Every view's latest schema, read to the topic's end as it is now; before {@link #tail}. */
    Map<String, PublishedSchema> readToEnd() {
        assign();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TOPIC_TIMEOUT);
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, TOPIC_TIMEOUT) < ends.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read topic " + topic + " to its end within " + TOPIC_TIMEOUT);
            }
            poll();
        }
        return latest();
    }

    /**
     * Every view's latest schema once {@code views} all have one, reading on as long as one is missing
     * (the views process publishes them when it starts); before {@link #tail}.
     */
    Map<String, PublishedSchema> await(Collection<String> views) {
        readToEnd();
        long nextLog = System.nanoTime();
        while (true) {
            List<String> missing = views.stream().filter(view -> !latest.containsKey(view)).distinct().toList();
            if (missing.isEmpty()) {
                return latest();
            }
            if (System.nanoTime() - nextLog >= 0) {
                missing.forEach(view -> LOG.info("waiting for the views process to publish the schema of view {} on"
                        + " topic {}", view, topic));
                nextLog = System.nanoTime() + WAITING_LOG_INTERVAL.toNanos();
            }
            poll();
        }
    }

    /** Reads on, on a thread of its own, telling {@code listener} of the latest schemas now and after each change. */
    void tail(Listener listener) {
        tail = new Thread(() -> run(listener), "syncline-schemas");
        tail.setDaemon(true);
        tail.start();
    }

    private void run(Listener listener) {
        try {
            listener.published(latest());
            while (!stopped) {
                if (poll()) {
                    listener.published(latest());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            if (!stopped) {
                failure.set(e);
                LOG.error("reading the view schemas from topic {} failed", topic, e);
            }
        }
    }

    /** The latest schema of each view read so far. */
    Map<String, PublishedSchema> latest() {
        return Map.copyOf(latest);
    }

    /** Why tailing stopped, if it failed: the schemas can no longer follow the views process. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** One poll; true when a view's schema changed. */
    private boolean poll() {
        boolean changed = false;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            if (record.key() == null || record.value() == null) {
                continue; // nobody writes these: nothing to learn from them
            }
            PublishedSchema schema;
            try {
                schema = PublishedSchema.decode(record.value());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("topic " + topic + " holds a view schema this Syncline cannot read (view "
                        + record.key() + ", offset " + record.offset() + "): " + e.getMessage(), e);
            }
            PublishedSchema before = latest.put(record.key(), schema);
            changed |= before == null || before.version() != schema.version();
        }
        return changed;
    }

    private void assign() {
        if (partitions != null) {
            return;
        }
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        List<PartitionInfo> found = consumer.partitionsFor(topic, TOPIC_TIMEOUT);
        // Just created, the topic may not be in the metadata yet.
        while (found == null || found.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            sleep();
            found = consumer.partitionsFor(topic, TOPIC_TIMEOUT);
        }
        partitions = found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schemas topic", e);
        }
    }

    /** Stops tailing (a listener call under way is interrupted) and closes the consumer. */
    @Override
    public void close() {
        stopped = true;
        if (tail != null) {
            consumer.wakeup();
            tail.interrupt();
            try {
                tail.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer.close(Duration.ofSeconds(10));
    }
}
