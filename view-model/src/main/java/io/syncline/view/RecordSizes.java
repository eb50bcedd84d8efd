package io.syncline.view;

import java.util.Map;

/**
 * The one maximum record size of a pipeline, applied to every topic it creates (change, view,
 * internal and dead-letter topics: {@code max.message.bytes}), every producer
 * ({@code max.request.size}) and the embedded broker ({@code message.max.bytes}, {@code
 * replica.fetch.max.bytes}). Kafka's default is 1 MiB, too small for a row with a large text
 * column or a parent document with thousands of children; 16 MiB keeps a record well within a
 * producer's and a broker's memory. Kept as plain strings so this module needs no Kafka classes.
 *
 * <p>Consumers keep Kafka's fetch limits ({@code max.partition.fetch.bytes} 1 MiB, {@code
 * fetch.max.bytes} 50 MiB): a record larger than them is still fetched, alone, so they never get
 * stuck on one. A per-partition limit at the record size let a fetch response of a backlog reach tens
 * of MiB, read into one buffer, which G1 allocates as humongous regions of the old generation
 * (the backlog benchmark, H, in benchmarks/README.md).
 */
public final class RecordSizes {
    /** The largest record (key, value, headers and Kafka's framing) a pipeline writes: 16 MiB. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /**
     * The largest value the view stage writes to any topic: the maximum less room for the key, the
     * headers, Kafka's framing and the few bytes Kafka Streams adds to internal values (timestamps,
     * foreign-key join hashes). A value over it is dead-lettered before it reaches a producer: under
     * exactly-once a producer's refusal aborts the whole transaction, so it would be met again forever.
     */
    public static final int MAX_VIEW_VALUE_BYTES = MAX_RECORD_BYTES - 64 * 1024;

    private RecordSizes() {
    }

    /** The topic setting: {@code max.message.bytes}. */
    public static Map<String, String> topicConfig() {
        return Map.of("max.message.bytes", Integer.toString(MAX_RECORD_BYTES));
    }

    /** A producer's settings: {@code max.request.size}. */
    public static Map<String, Object> producerConfig() {
        return Map.of("max.request.size", MAX_RECORD_BYTES);
    }

    /** "16 MiB (16777216 bytes)", for messages. */
    public static String describeMaximum() {
        return MAX_RECORD_BYTES / (1024 * 1024) + " MiB (" + MAX_RECORD_BYTES + " bytes)";
    }
}
