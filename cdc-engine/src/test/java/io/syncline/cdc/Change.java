package io.syncline.cdc;

import com.fasterxml.jackson.databind.JsonNode;

/** One record of a change topic, parsed. {@code value} is null for a tombstone. */
record Change(int partition, long offset, JsonNode key, JsonNode value) {

    boolean tombstone() {
        return value == null;
    }

    String op() {
        return value == null ? null : value.path("op").asText();
    }

    JsonNode after() {
        return value.path("after");
    }

    JsonNode before() {
        return value.path("before");
    }

    JsonNode source() {
        return value.path("source");
    }

    long lsn() {
        return value.path("source").path("lsn").asLong();
    }
}
