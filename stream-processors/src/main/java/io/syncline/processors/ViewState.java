package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What the state store keeps per document: the last version seen, and the last document (in the
 * view topic's wire format) or a delete marker. The version lets replays and duplicates be
 * dropped before they reach a sink; the document lets TOAST placeholders be filled in.
 */
record ViewState(long version, boolean deleted, JsonNode doc) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] deleteMarker(long version) {
        return ("{\"version\":" + version + ",\"op\":\"d\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a stored state: a view record value (see ViewRecordCodec) or a delete marker. */
    static ViewState decode(byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            return new ViewState(root.get("version").asLong(), "d".equals(root.path("op").asText()), root.get("doc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
