package io.syncline.daemon;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@link #INTERVAL} a process writes its {@link ProcessReport} to the pipeline's processes topic
 * (compacted, keyed by process), and on a clean stop a tombstone: so the processes of a pipeline spread
 * over machines can be listed from Kafka alone. A killed process leaves its last report, which ages.
 */
public final class ProcessRegistry implements AutoCloseable {
    /** How often a process reports; a report older than three of these is from a process that is gone. */
    public static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRegistry.class);

    private final String topic;
    private final String id;
    private final Supplier<ProcessReport> reports;
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService timer;

    private ProcessRegistry(String topic, String id, Supplier<ProcessReport> reports, KafkaProducer<String, byte[]> producer) {
        this.topic = topic;
        this.id = id;
        this.reports = reports;
        this.producer = producer;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "syncline-process-registry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reports now, then every {@link #INTERVAL}, on {@code topic} (created with the pipeline's other topics, {@link ViewTopics}). */
    public static ProcessRegistry start(String topic, String id, Map<String, Object> kafka, Supplier<ProcessReport> reports) {
        Map<String, Object> props = new java.util.HashMap<>(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "syncline-process-registry");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        ProcessRegistry registry = new ProcessRegistry(topic, id, reports,
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
        registry.timer.scheduleWithFixedDelay(registry::report, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return registry;
    }

    /** This machine's name (a container's is its hostname), as {@code hostname} prints it. */
    public static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    /** Reports are best effort: a failed one is logged and the next one tries again; nothing else depends on them. */
    private void report() {
        try {
            producer.send(new ProducerRecord<>(topic, id, reports.get().toJson()), (metadata, error) -> {
                if (error != null) {
                    LOG.warn("could not report this process on {}: {}", topic, error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("could not report this process on {}: {}", topic, e.toString());
        }
    }

    /** Stops reporting and writes the tombstone: this process stopped on purpose. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            producer.send(new ProducerRecord<>(topic, id, null));
            producer.flush();
        } catch (RuntimeException e) {
            LOG.warn("could not report the stop of this process on {}: {}", topic, e.toString());
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
