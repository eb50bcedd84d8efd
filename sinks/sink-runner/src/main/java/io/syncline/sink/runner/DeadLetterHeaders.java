package io.syncline.sink.runner;

/**
 * Headers a record carries on the dead-letter topic, next to its original key, value and headers:
 * why it was rejected, by which sink, and where it came from (so it can be inspected and replayed).
 */
public final class DeadLetterHeaders {
    /** A short reason, without payload. */
    public static final String CAUSE = "syncline.dlq.cause";
    /** The class name of the exception behind the rejection; absent when the sink gave none. */
    public static final String EXCEPTION = "syncline.dlq.exception";
    /** The sink that rejected it. */
    public static final String SINK = "syncline.dlq.sink";
    public static final String TOPIC = "syncline.dlq.topic";
    public static final String PARTITION = "syncline.dlq.partition";
    public static final String OFFSET = "syncline.dlq.offset";
    /** The original record's timestamp, epoch milliseconds. */
    public static final String TIMESTAMP = "syncline.dlq.timestamp";

    static final String[] ALL = {CAUSE, EXCEPTION, SINK, TOPIC, PARTITION, OFFSET, TIMESTAMP};

    private DeadLetterHeaders() {
    }
}
