package io.syncline.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The {@link CaptureLedger} on the compacted topic {@code <prefix>.syncline.capture}, one record. */
final class KafkaCaptureLedger implements CaptureLedger, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = "capture".getBytes(StandardCharsets.UTF_8);
    private static final long TIMEOUT_SECONDS = 60;

    private final CaptureOptions options;
    private final Producer<byte[], byte[]> producer;
    private volatile Entry current;

    private KafkaCaptureLedger(CaptureOptions options, Entry current) {
        this.options = options;
        this.current = current;
        Properties producerProperties = clientProperties(options, "ledger");
        producerProperties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Creates the ledger's topic if needed and reads its last entry (none: the pipeline never captured). */
    static KafkaCaptureLedger open(CaptureOptions options) {
        createTopic(options);
        return new KafkaCaptureLedger(options, readLast(options));
    }

    static String topic(CaptureOptions options) {
        return options.kafka().topicPrefix() + ".syncline.capture";
    }

    @Override
    public Optional<Entry> current() {
        return Optional.ofNullable(current);
    }

    /** Writes {@code entry} and waits until Kafka has it. */
    @Override
    public synchronized void write(Entry entry) {
        try {
            producer.send(new ProducerRecord<>(topic(options), 0, KEY, JSON.writeValueAsBytes(entry)))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            current = entry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the capture ledger to Kafka topic " + topic(options)
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the capture ledger", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    private static Entry readLast(CaptureOptions options) {
        TopicPartition partition = new TopicPartition(topic(options), 0);
        Properties consumerProperties = clientProperties(options, "ledger-reader");
        consumerProperties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.setProperty(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(TIMEOUT_SECONDS)).get(partition);
            Entry last = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the capture ledger from Kafka topic "
                            + topic(options) + " within " + TIMEOUT_SECONDS + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        last = JSON.readValue(record.value(), Entry.class);
                    }
                }
            }
            return last;
        } catch (IOException e) {
            throw new IllegalStateException("the capture ledger in Kafka topic " + topic(options)
                    + " holds a record Syncline cannot read: " + e.getMessage(), e);
        }
    }

    private static void createTopic(CaptureOptions options) {
        Properties admin = clientProperties(options, "ledger-admin");
        try (Admin client = Admin.create(admin)) {
            NewTopic topic = new NewTopic(topic(options), 1, options.kafka().replicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            client.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the capture ledger topic " + topic(options)
                        + " in Kafka at " + options.kafka().bootstrapServers() + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + options.kafka().bootstrapServers() + " did not answer within "
                    + TIMEOUT_SECONDS + " s while creating the capture ledger topic", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the capture ledger topic", e);
        }
    }

    private static Properties clientProperties(CaptureOptions options, String role) {
        Properties p = new Properties();
        p.putAll(options.kafka().clientProperties());
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka().bootstrapServers());
        p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "syncline-" + options.name() + "-" + role);
        return p;
    }
}
