package io.syncline.processors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import io.syncline.processors.errors.FailureScope;
import io.syncline.processors.errors.ViewDeadLetters;
import io.syncline.view.RecordSizes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the view topology: exactly-once processing (the state store, the view topics and the
 * consumed offsets commit together), state under the pipeline's state directory.
 */
public final class ViewStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViewStreams.class);

    /** Where and how the topology runs. {@code properties} override the defaults. */
    public record Options(String applicationId, String bootstrapServers, Path stateDir, int replicationFactor,
                          String deadLetterTopic, Map<String, String> properties) {
    }

    static final int COMMIT_INTERVAL_MS = 100;
    static final int STREAM_THREADS = 2;

    private final KafkaStreams streams;
    private final ViewMetrics metrics = new ViewMetrics();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * {@code sourceRows} reads TOASTed values a change left out and no earlier version holds;
     * {@code schemaWatch} checks every change event's table schema (see {@link SourceSchemaCheck});
     * {@code schemaVersions}: the version of each view's schema as published, put on its records.
     */
    public ViewStreams(Options options, List<io.syncline.processors.plan.ViewPlan> views, SourceRows sourceRows,
                       SourceSchemaWatch schemaWatch, Map<String, Long> schemaVersions) {
        Properties properties = properties(options);
        ProcessorViews processorViews = new ProcessorViews();
        // One record's failure dead-letters it; only what is not about one record reaches the handler below.
        new ViewDeadLetters(options.deadLetterTopic(), metrics, processorViews).configure(properties);
        // Built with the configuration, so that the explicit-naming check below is enforced.
        StreamsBuilder builder = ViewTopology.build(
                new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties))), views, metrics, processorViews,
                sourceRows, schemaWatch, schemaVersions);
        this.streams = new KafkaStreams(builder.build(), properties);
        streams.setUncaughtExceptionHandler(error -> {
            // Global (FailureScope): replacing the thread would fail again on the same cause, so stop.
            failure.set(new IllegalStateException(FailureScope.describe(error), error));
            if (SourceSchemaChangedException.in(error).isPresent()) {
                LOG.info("view processing stopped for a source schema change: {}", SourceSchemaChangedException.in(error).get().getMessage());
            } else {
                LOG.error("view processing stopped: {}", FailureScope.describe(error), error);
            }
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    static Properties properties(Options options) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, options.stateDir().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, options.replicationFactor());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Stores and internal topics are named after views and joins; a generated name would change
        // when another view changes and silently orphan its state, so refuse to start with one.
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Under exactly-once, read_committed readers (the sinks) see a record only once its transaction
        // commits, so the interval bounds the view stage's latency; each commit blocks its stream thread
        // (flush, offsets, commit marker). Two threads overlap one's commit with the other's processing:
        // the stage alone kept its rate at 100 ms as at 200 (spine benchmark, S), and changes reach the
        // sinks up to 100 ms sooner.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, STREAM_THREADS);
        // The record cache is shared out among the threads; each keeps what one thread had (10 MiB), so
        // a large aggregate (a parent with thousands of children) is still sent once per commit, not per child.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, STREAM_THREADS * 10L * 1024 * 1024);
        p.put(StreamsConfig.POLL_MS_CONFIG, 10);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // After a crash the restarted daemon's consumer waits until the killed one's session expires
        // (45 s by default) before it gets the partitions back: keep that short.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        // A commit flushes what waits anyway; a longer linger makes fewer, fuller batches.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), COMMIT_INTERVAL_MS / 4);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        // Uncompressed (Kafka's default): every lz4 batch allocated two 64 KiB buffers, a quarter of what the
        // stream threads allocated (JFR), and the stage cost about 30% more CPU per snapshot row (spine benchmark, C).
        // The topics take more disk; `producer.compression.type` under kafka.properties sets it back.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "none");
        // The pipeline's one maximum record size, for the view topics and for the internal topics
        // Kafka Streams creates (repartition, changelog, foreign-key subscription and response topics).
        RecordSizes.producerConfig().forEach((key, value) -> p.put(StreamsConfig.producerPrefix(key), value));
        RecordSizes.topicConfig().forEach((key, value) -> p.put(StreamsConfig.topicPrefix(key), value));
        p.putAll(options.properties());
        return p;
    }

    public void start() {
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public ViewMetrics metrics() {
        return metrics;
    }

    /** The Kafka Streams client, e.g. to bind its metrics; closed with this. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /** Why processing stopped, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
