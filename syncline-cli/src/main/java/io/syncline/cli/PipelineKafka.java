package io.syncline.cli;

import io.syncline.config.PipelineSpec;
import io.syncline.daemon.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The pipeline's Kafka for the commands ({@code dlq}, {@code backfill}): its {@code bootstrapServers}, or the broker a
 * running daemon embeds (found in its state directory). Reads are {@code read_committed} (the view
 * stage's dead letters are transactional) and never join a consumer group.
 */
public final class PipelineKafka implements AutoCloseable {
    /** How long a command waits for Kafka before it says Kafka cannot be reached. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String bootstrap;
    private final Map<String, Object> properties;
    private final Admin admin;
    private final boolean embedded;

    private PipelineKafka(String bootstrap, boolean embedded, Map<String, Object> properties) {
        this.bootstrap = bootstrap;
        this.embedded = embedded;
        this.properties = properties;
        this.admin = Admin.create(properties);
    }

    public static PipelineKafka connect(PipelineSpec spec) throws UnavailableException {
        String bootstrap = bootstrapServers(spec);
        return new PipelineKafka(bootstrap, spec.kafka().embedded(), clientProperties(spec, bootstrap));
    }

    /** The bootstrap servers, or why there are none to reach. */
    public static String bootstrapServers(PipelineSpec spec) throws UnavailableException {
        if (spec.kafka().embedded()) {
            Path dir = Path.of(spec.stateDir()).resolve("kafka");
            return EmbeddedKafkaBroker.lastBootstrapServers(dir).orElseThrow(() -> new UnavailableException(
                    "the pipeline uses the embedded Kafka broker, which has never run in " + dir, null));
        }
        return spec.kafka().bootstrapServers().orElseThrow();
    }

    /** Client properties for {@code bootstrap}: the pipeline's own, then the bootstrap servers and timeouts. */
    public static Map<String, Object> clientProperties(PipelineSpec spec, String bootstrap) {
        Map<String, Object> properties = new HashMap<>(spec.kafka().properties());
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return properties;
    }

    /** The topics that exist; the first call that reaches Kafka, so an unreachable broker is reported here. */
    public Set<String> topics() throws UnavailableException, InterruptedException {
        try {
            return admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new UnavailableException("Kafka at " + bootstrap + " cannot be reached" + (embedded
                    ? " (the pipeline's embedded broker runs only while the daemon runs)" : "")
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), e);
        }
    }

    /**
     * The offsets a consumer group has committed, by partition (a partition it never committed is
     * absent): how far a sink has written and acknowledged each view topic.
     */
    public Map<TopicPartition, Long> committedOffsets(String group) throws InterruptedException, ExecutionException,
            TimeoutException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, offset) -> {
                    if (offset != null) {
                        offsets.put(partition, offset.offset());
                    }
                });
        return offsets;
    }

    /** Every record of every partition of {@code topic}, up to the end offsets at the time of the call. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readFrom(topic, null);
    }

    /**
     * The records of {@code topic} from the given start offsets (by partition; null: every partition
     * from its beginning) up to the end offsets at the time of the call.
     */
    public List<ConsumerRecord<byte[], byte[]>> readFrom(String topic, Map<Integer, Long> starts) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .filter(tp -> starts == null || starts.containsKey(tp.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            for (TopicPartition tp : partitions) {
                if (starts == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, starts.get(tp.partition()));
                }
            }
            List<TopicPartition> open = new ArrayList<>(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos() * 4;
            while (!open.isEmpty()) {
                // read_committed: the position passes transaction markers and aborted records, so compare positions.
                open.removeIf(tp -> consumer.position(tp, TIMEOUT) >= ends.get(tp));
                if (open.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException("reading " + topic + " did not reach its end");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /** A consumer of the pipeline's Kafka that reads committed records and joins no group. */
    public KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = new HashMap<>(properties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> props = new HashMap<>(properties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "syncline-dlq-replay");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
