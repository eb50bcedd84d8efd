package io.syncline.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A sink: its name, its type (found through the sink SPI), connection options (type-specific,
 * checked by the sink's factory), the views it takes and their targets, batching, how failed
 * writes are retried and what happens to records that cannot be written.
 */
public record SinkSpec(String name, String type, Map<String, String> connection, List<RouteSpec> views,
                       BatchSpec batch, RetrySpec retry, ErrorSpec onError) {

    /** With the default retry and error handling. */
    public SinkSpec(String name, String type, Map<String, String> connection, List<RouteSpec> views, BatchSpec batch) {
        this(name, type, connection, views, batch, RetrySpec.DEFAULT, ErrorSpec.DEFAULT);
    }

    /** Connection values under secret-like keys (password, token, apiKey, …) and URL passwords are masked. */
    @Override
    public String toString() {
        return "SinkSpec[name=" + name + ", type=" + type + ", connection=" + Redaction.masked(connection)
                + ", views=" + views + ", batch=" + batch + ", retry=" + retry + ", onError=" + onError + "]";
    }

    /**
     * A view routed to a target: an index, collection or table, per the sink type; {@code options}
     * are the type's extra route keys (option → its mapping, e.g. {@code mappings → {metadata: flattened}});
     * {@code where} is where the route is declared, for problems found once columns are known.
     */
    public record RouteSpec(String view, String target, Map<String, Map<String, String>> options, SourceRef where) {
        public RouteSpec {
            options = options == null ? Map.of() : Map.copyOf(options);
            where = where == null ? SourceRef.UNKNOWN : where;
        }

        public RouteSpec(String view, String target) {
            this(view, target, Map.of(), SourceRef.UNKNOWN);
        }

        /** Equal routes say the same thing; where they are written does not count. */
        @Override
        public boolean equals(Object other) {
            return other instanceof RouteSpec route && java.util.Objects.equals(view, route.view)
                    && java.util.Objects.equals(target, route.target) && options.equals(route.options);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(view, target, options);
        }
    }

    /**
     * Batching: flush at {@code maxRecords}, at {@code maxBytes} of records or after {@code linger}; at
     * most {@code maxInFlight} batches written at once.
     */
    public record BatchSpec(int maxRecords, int maxBytes, Duration linger, int maxInFlight) {
        /** 8 MiB: well within Elasticsearch's bulk limit (100 MB) and MongoDB's message size (48 MB). */
        public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
        public static final BatchSpec DEFAULT = new BatchSpec(1000, Duration.ofMillis(50), 2);

        public BatchSpec(int maxRecords, Duration linger, int maxInFlight) {
            this(maxRecords, DEFAULT_MAX_BYTES, linger, maxInFlight);
        }
    }

    /**
     * Retries of transient failures: exponential backoff with full jitter from {@code initialBackoff}
     * up to {@code maxBackoff}; a batch gives up after {@code maxAttempts} attempts or {@code maxTime}
     * since its first attempt, whichever comes first (0 for either: no limit).
     */
    public record RetrySpec(int maxAttempts, Duration maxTime, Duration initialBackoff, Duration maxBackoff) {
        public static final RetrySpec DEFAULT = new RetrySpec(0, Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    /** What happens to a record the store rejects for good, and to one whose retries ran out. */
    public record ErrorSpec(ErrorAction rejected, ErrorAction retriesExhausted) {
        public static final ErrorSpec DEFAULT = new ErrorSpec(ErrorAction.DEADLETTER, ErrorAction.STOP);
    }

    /** {@code deadletter}: to the sink's dead-letter topic, and on; {@code stop}: the sink (and the pipeline) stops. */
    public enum ErrorAction {
        DEADLETTER, STOP;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
