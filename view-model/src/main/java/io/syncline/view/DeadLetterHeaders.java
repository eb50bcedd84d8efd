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

    /**
     * On a record {@code syncline dlq replay} re-produced to where it came from: the dead letter it
     * copies, {@code <dlq topic>:<partition>:<offset>}. Kept when the copy is dead-lettered again, so
     * the new dead letter says it is a replay.
     */
    public static final String REPLAY_OF = "syncline.dlq.replay-of";
    /**
     * On a replay marker (a record with no key and no value on the dead-letter topic itself): the
     * offset, in the marker's partition, of the dead letter that was handled.
     */
    public static final String REPLAYED_OFFSET = "syncline.dlq.replayed-offset";
    /** On a replay marker: {@code replayed} (re-produced) or {@code superseded} (a newer record for its key followed it). */
    public static final String REPLAY_OUTCOME = "syncline.dlq.replay-outcome";
    /** On a replay marker: where the copy went, {@code <topic>:<partition>:<offset>} (replayed only). */
    public static final String REPLAYED_TO = "syncline.dlq.replayed-to";

    /** Every header above that describes a rejection: a record dead-lettered again carries only its latest cause. */
    public static final List<String> ALL = List.of(CAUSE, EXCEPTION, SINK, PROCESSOR, VIEW, KEY, TOPIC, PARTITION,
            OFFSET, TIMESTAMP);

    private DeadLetterHeaders() {
    }
}
