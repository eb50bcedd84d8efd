package io.syncline.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Recognises Debezium's truncate events: op {@code t}, no key, no before or after. Only keyless
 * records are parsed, so ordinary changes cost nothing.
 */
final class Truncates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Truncates() {
    }

    static boolean isTruncate(byte[] key, byte[] value) {
        if (key != null || value == null) {
            return false;
        }
        try {
            JsonNode envelope = JSON.readTree(value);
            JsonNode payload = envelope.has("payload") && envelope.has("schema") ? envelope.get("payload") : envelope;
            return "t".equals(payload.path("op").asText());
        } catch (IOException e) {
            return false; // not ours to judge: forwarded as it is, the view stage dead-letters what it cannot read
        }
    }
}
