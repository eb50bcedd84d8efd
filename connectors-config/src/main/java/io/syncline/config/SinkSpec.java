package io.syncline.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A sink: its name, its type (found through the sink SPI), connection options (type-specific,
 * checked by the sink's factory), the views it takes and their targets, and batching.
 */
public record SinkSpec(String name, String type, Map<String, String> connection, List<RouteSpec> views,
                       BatchSpec batch) {

    /** Connection values under secret-like keys (password, token, apiKey, …) and URL passwords are masked. */
    @Override
    public String toString() {
        return "SinkSpec[name=" + name + ", type=" + type + ", connection=" + Redaction.masked(connection)
                + ", views=" + views + ", batch=" + batch + "]";
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
        public static final BatchSpec DEFAULT = new BatchSpec(1000, Duration.ofMillis(100), 2);

        public BatchSpec(int maxRecords, Duration linger, int maxInFlight) {
            this(maxRecords, DEFAULT_MAX_BYTES, linger, maxInFlight);
        }
    }
}
