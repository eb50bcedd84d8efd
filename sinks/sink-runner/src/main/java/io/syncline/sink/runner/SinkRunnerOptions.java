package io.syncline.sink.runner;

import io.syncline.view.ViewSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one sink runner needs: the sink and pipeline names (they name the consumer group), Kafka
 * (bootstrap servers plus extra client properties passed through as they are, e.g. security
 * settings), the views it consumes (view name to topic and schema), the dead-letter topic, batching,
 * the retry policy, what happens to records that cannot be written, and how long a stop or a
 * partition revocation waits for in-flight batches.
 */
public record SinkRunnerOptions(String sinkName, String pipelineName, String bootstrapServers,
                                Map<String, String> kafkaProperties, Map<String, ViewTopic> views,
                                String deadLetterTopic, Batching batching, RetryPolicy retry,
                                ErrorPolicy errors, Duration shutdownTimeout) {

    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The view topic a view is read from, its schema (to decode its records) and that schema's
     * version ({@link io.syncline.view.PublishedSchema}): a record made with a newer one is not
     * written, the runner stops consuming its partition there ({@link SchemaHold}).
     * {@link #UNVERSIONED} takes every record, whatever schema made it.
     */
    public record ViewTopic(String topic, ViewSchema schema, long schemaVersion) {
        public static final long UNVERSIONED = 0;

        public ViewTopic(String topic, ViewSchema schema) {
            this(topic, schema, UNVERSIONED);
        }
    }

    /**
     * A lane flushes at {@code maxRecords}, at {@code maxBytes} of records (their key and value as read
     * from Kafka; a record larger than that is a batch of its own) or once its oldest waiting record
     * has waited {@code linger}; {@code maxInFlight} lanes, each with its own writer, write at the same time.
     */
    public record Batching(int maxRecords, long maxBytes, Duration linger, int maxInFlight) {
        public static final long DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
        public static final Batching DEFAULT = new Batching(1000, Duration.ofMillis(100), 2);

        public Batching(int maxRecords, Duration linger, int maxInFlight) {
            this(maxRecords, DEFAULT_MAX_BYTES, linger, maxInFlight);
        }
    }

    public SinkRunnerOptions {
        kafkaProperties = Map.copyOf(kafkaProperties);
        views = Map.copyOf(views);
        List<String> problems = problems(sinkName, pipelineName, bootstrapServers, views, deadLetterTopic,
                batching, retry, shutdownTimeout);
        if (errors == null) {
            problems.add("errors is required");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid sink runner options: " + String.join("; ", problems));
        }
    }

    /** With the default error policy. */
    public SinkRunnerOptions(String sinkName, String pipelineName, String bootstrapServers,
                             Map<String, String> kafkaProperties, Map<String, ViewTopic> views, String deadLetterTopic,
                             Batching batching, RetryPolicy retry, Duration shutdownTimeout) {
        this(sinkName, pipelineName, bootstrapServers, kafkaProperties, views, deadLetterTopic, batching, retry,
                ErrorPolicy.DEFAULT, shutdownTimeout);
    }

    /** The consumer group: {@code syncline.<pipeline>.sink.<sink>}. */
    public String consumerGroup() {
        return consumerGroup(pipelineName, sinkName);
    }

    public static String consumerGroup(String pipelineName, String sinkName) {
        return "syncline." + pipelineName + ".sink." + sinkName;
    }

    public SinkRunnerOptions withBatching(Batching newBatching) {
        return new SinkRunnerOptions(sinkName, pipelineName, bootstrapServers, kafkaProperties, views,
                deadLetterTopic, newBatching, retry, errors, shutdownTimeout);
    }

    public SinkRunnerOptions withRetry(RetryPolicy newRetry) {
        return new SinkRunnerOptions(sinkName, pipelineName, bootstrapServers, kafkaProperties, views,
                deadLetterTopic, batching, newRetry, errors, shutdownTimeout);
    }

    public SinkRunnerOptions withShutdownTimeout(Duration newShutdownTimeout) {
        return new SinkRunnerOptions(sinkName, pipelineName, bootstrapServers, kafkaProperties, views,
                deadLetterTopic, batching, retry, errors, newShutdownTimeout);
    }

    public SinkRunnerOptions withErrors(ErrorPolicy newErrors) {
        return new SinkRunnerOptions(sinkName, pipelineName, bootstrapServers, kafkaProperties, views,
                deadLetterTopic, batching, retry, newErrors, shutdownTimeout);
    }

    private static List<String> problems(String sinkName, String pipelineName, String bootstrapServers,
                                         Map<String, ViewTopic> views, String deadLetterTopic, Batching batching,
                                         RetryPolicy retry, Duration shutdownTimeout) {
        List<String> problems = new ArrayList<>();
        requireText(problems, "sinkName", sinkName);
        requireText(problems, "pipelineName", pipelineName);
        requireText(problems, "bootstrapServers", bootstrapServers);
        requireText(problems, "deadLetterTopic", deadLetterTopic);
        if (views.isEmpty()) {
            problems.add("views: at least one view is needed");
        }
        Set<String> topics = new HashSet<>();
        views.forEach((view, source) -> {
            if (source == null || source.topic() == null || source.topic().isBlank() || source.schema() == null) {
                problems.add("views." + view + ": a topic and a schema are needed");
            } else if (!topics.add(source.topic())) {
                problems.add("views." + view + ": topic " + source.topic() + " is routed twice");
            } else if (source.schemaVersion() < 0) {
                problems.add("views." + view + ": a schema version is positive (or 0, unversioned), was "
                        + source.schemaVersion());
            } else if (source.topic().equals(deadLetterTopic)) {
                problems.add("views." + view + ": topic " + source.topic() + " is also the dead-letter topic");
            }
        });
        if (batching == null) {
            problems.add("batching is required");
        } else {
            if (batching.maxRecords() < 1) {
                problems.add("batching.maxRecords must be at least 1, was " + batching.maxRecords());
            }
            if (batching.maxBytes() < 1) {
                problems.add("batching.maxBytes must be at least 1, was " + batching.maxBytes());
            }
            if (batching.linger() == null || batching.linger().isNegative()) {
                problems.add("batching.linger must be zero or positive, was " + batching.linger());
            }
            if (batching.maxInFlight() < 1) {
                problems.add("batching.maxInFlight must be at least 1, was " + batching.maxInFlight());
            }
        }
        if (retry == null) {
            problems.add("retry is required");
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            problems.add("shutdownTimeout must be zero or positive, was " + shutdownTimeout);
        }
        return problems;
    }

    private static void requireText(List<String> problems, String name, String value) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
        }
    }
}
