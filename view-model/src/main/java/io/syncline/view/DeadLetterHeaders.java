package io.syncline.view;

import java.util.List;

/**
 * Headers a record carries on a dead-letter topic, next to its original key, value and headers:
 * why it was rejected, by which stage (a sink, or a view processor), and where it came from (so it
 * can be inspected and replayed). The sinks and the view stage share these names.
 */
public final class DeadLetterHeaders {
    /** A short reason. */
    public static final String CAUSE = "syncline.dlq.cause";
    /** The class name of the exception behind the rejection; absent when the sink gave none. */
    public static final String EXCEPTION = "syncline.dlq.exception";
    /** The sink that rejected it (sink dead letters only). */
    public static final String SINK = "syncline.dlq.sink";
    /** The view processor (Kafka Streams node) that failed on it (view-stage dead letters only). */
    public static final String PROCESSOR = "syncline.dlq.processor";
    /** The views the failing processor feeds, comma-separated (view-stage dead letters only). */
    public static final String VIEW = "syncline.dlq.view";
    /** The key the failing processor had, as text (view-stage dead letters, when the key is text). */
    public static final String KEY = "syncline.dlq.key";
    public static final String TOPIC = "syncline.dlq.topic";
    public static final String PARTITION = "syncline.dlq.partition";
    public static final String OFFSET = "syncline.dlq.offset";
    /** The original record's timestamp, epoch milliseconds. */
    public static final String TIMESTAMP = "syncline.dlq.timestamp";

    /** Every header above: a record dead-lettered again carries only its latest cause. */
    public static final List<String> ALL = List.of(CAUSE, EXCEPTION, SINK, PROCESSOR, VIEW, KEY, TOPIC, PARTITION,
            OFFSET, TIMESTAMP);

    private DeadLetterHeaders() {
    }
}
