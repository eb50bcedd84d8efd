package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.view.Op;
import java.io.IOException;

/**
 * A Debezium change event (JSON envelope, schemas disabled): op, the row before and after, the
 * source LSN (the record's version) and the source commit time.
 */
record ChangeEvent(Op op, JsonNode before, JsonNode after, long lsn, long sourceTimestampMs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A change event's key (the primary key's columns as JSON), or null for a table Debezium gives no key. */
    static JsonNode parseKey(String key) {
        if (key == null) {
            return null;
        }
        try {
            return JSON.readTree(key);
        } catch (IOException e) {
            throw new IllegalArgumentException("change event key is not JSON", e);
        }
    }

    static ChangeEvent parse(String value) {
        try {
            JsonNode envelope = JSON.readTree(value);
            if (envelope.has("payload") && envelope.has("schema")) {
                envelope = envelope.get("payload");
            }
            JsonNode op = envelope.get("op");
            JsonNode source = envelope.get("source");
            if (op == null || source == null || !source.hasNonNull("lsn")) {
                throw new IllegalArgumentException("not a Debezium change event (needs op and source.lsn)");
            }
            return new ChangeEvent(Op.ofCode(op.asText()), envelope.get("before"), envelope.get("after"),
                    source.get("lsn").asLong(), source.path("ts_ms").asLong(envelope.path("ts_ms").asLong(0)));
        } catch (IOException e) {
            // The parser's message quotes the input: keep it in the cause only (dead-letter header), not in logs.
            throw new IllegalArgumentException("change event is not JSON", e);
        }
    }
}
