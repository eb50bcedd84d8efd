package io.syncline.processors.errors;

import io.syncline.processors.ProcessorViews;
import io.syncline.processors.ViewMetrics;
import io.syncline.view.DeadLetterHeaders;
import io.syncline.view.RecordSizes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view stage's dead-letter path: builds the record that goes to {@code <prefix>.dlq.views}
 * (the original key, value and headers plus {@link DeadLetterHeaders}), counts it per processor and
 * logs it by its coordinates — never by its payload, which may hold personal data. Kafka Streams
 * sends what the handlers return through the task's own producer, so under exactly-once the dead
 * letter commits in the same transaction as the input offset that skipped it.
 *
 * <p>Kafka Streams creates the handlers by class name, so this object reaches them through the
 * configuration ({@link #CONFIG}).
 */
public final class ViewDeadLetters {
    /** The configuration key under which the handlers find this object. */
    public static final String CONFIG = "syncline.view.dead.letters";
    private static final Logger LOG = LoggerFactory.getLogger(ViewDeadLetters.class);
    private static final int MAX_CAUSE_LENGTH = 500;

    private final String topic;
    private final ViewMetrics metrics;
    private final ProcessorViews processorViews;

    public ViewDeadLetters(String topic, ViewMetrics metrics, ProcessorViews processorViews) {
        this.topic = topic;
        this.metrics = metrics;
        this.processorViews = processorViews;
    }

    /** Sets the handlers and the dead-letter topic in the Streams configuration. */
    public void configure(Properties properties) {
        properties.put(CONFIG, this);
        properties.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic);
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ViewProcessingExceptionHandler.class);
        // Also for global tables (the views have none): as Kafka 5.0 will by default. Left off, Kafka Streams
        // warns about it four times at every start: twice from the client's configuration and once per stream
        // thread from its partition assignor, which reads only the main consumer's configuration.
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        properties.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                ViewDeserializationExceptionHandler.class);
    }

    static ViewDeadLetters from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG);
        if (!(value instanceof ViewDeadLetters deadLetters)) {
            throw new IllegalStateException(CONFIG + " is not set: configure Kafka Streams with ViewDeadLetters.configure");
        }
        return deadLetters;
    }

    public String topic() {
        return topic;
    }

    /**
     * The dead letter for a record {@code context} describes; {@code rawKey}/{@code rawValue} are
     * the bytes as consumed, or (when Kafka Streams no longer has them, e.g. a record flushed from a
     * cache) what the failing processor had; {@code key} is that processor's key.
     */
    ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] rawKey, byte[] rawValue, Object key,
                                             Exception error) {
        String node = context.processorNodeId();
        String views = processorViews.viewsOf(node);
        // A dead letter is itself a record: a value that cannot fit in one is left out, and the cause says so.
        boolean valueFits = rawValue == null || rawValue.length <= RecordSizes.MAX_VIEW_VALUE_BYTES;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, rawKey, valueFits ? rawValue : null);
        Headers headers = record.headers();
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                if (!DeadLetterHeaders.ALL.contains(header.key())) {
                    headers.add(header);
                }
            }
        }
        String cause = shorten(error.getMessage() == null ? error.toString() : error.getMessage());
        add(headers, DeadLetterHeaders.CAUSE, valueFits ? cause
                : cause + " (the value, " + rawValue.length + " bytes, is left out of this dead letter)");
        add(headers, DeadLetterHeaders.EXCEPTION, error.getClass().getName());
        add(headers, DeadLetterHeaders.PROCESSOR, node);
        if (!views.isEmpty()) {
            add(headers, DeadLetterHeaders.VIEW, views);
        }
        if (key instanceof String text) {
            add(headers, DeadLetterHeaders.KEY, text);
        }
        add(headers, DeadLetterHeaders.TOPIC, context.topic());
        add(headers, DeadLetterHeaders.PARTITION, Integer.toString(context.partition()));
        add(headers, DeadLetterHeaders.OFFSET, Long.toString(context.offset()));
        add(headers, DeadLetterHeaders.TIMESTAMP, Long.toString(context.timestamp()));
        metrics.countDeadLetter(node, processorViews.viewListOf(node));
        LOG.warn("view stage: record {}-{}@{} dead-lettered to {}: {} in processor {} (views {})", context.topic(),
                context.partition(), context.offset(), topic, error.getClass().getName(), node, views);
        return record;
    }

    /** The stage cannot go on: said once, with the coordinates of the record it was handling. */
    void logGlobal(ErrorHandlerContext context, Exception error) {
        LOG.error("view stage stops: {} while processor {} handled {}-{}@{} is not about that record",
                FailureScope.describe(error), context.processorNodeId(), context.topic(), context.partition(),
                context.offset());
    }

    static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        return value instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    private static String shorten(String cause) {
        String text = cause == null || cause.isBlank() ? "unknown" : cause;
        return text.length() <= MAX_CAUSE_LENGTH ? text : text.substring(0, MAX_CAUSE_LENGTH) + "...";
    }
}
