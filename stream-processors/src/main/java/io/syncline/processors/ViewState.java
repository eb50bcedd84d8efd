package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the row store keeps per document: the source position of the last change applied (the
 * replay guard compares the next one with it), the version last sent (versions only grow), and
 * the last document (to fill in TOAST placeholders) or a delete marker.
 *
 * <p>Stored as a format byte, the position ({@link SourcePosition#BYTES}) and the view record's
 * value (see ViewRecordCodec), or {@code {"version":…,"op":"d"}} for a delete. Stores written
 * before positions existed hold the bare JSON (it starts with '{'); its version was the LSN of a
 * streamed change, so it reads as position (generation 0, streamed, version).
 */
record ViewState(SourcePosition position, long version, boolean deleted, JsonNode doc) {
    /**
     * The key under which a store keeps the position of the table's last truncate: no document id
     * starts with a NUL character (PostgreSQL text cannot hold one; composite ids start with '[').
     */
    static final String TRUNCATED_KEY = "\u0000truncated";
    /** The key under which a store keeps the position of the last snapshot sweep ({@link SnapshotSweep}). */
    static final String SWEPT_KEY = "\u0000swept";
    private static final byte FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether {@code key} holds one of the store's own entries ({@link #TRUNCATED_KEY}, {@link #SWEPT_KEY}), not a row. */
    static boolean isControlKey(String key) {
        return key.startsWith("\u0000");
    }

    /** A stored row: {@code record} is the view record's value, its version included. */
    static byte[] row(SourcePosition position, byte[] record) {
        return withPosition(position, record);
    }

    static byte[] deleteMarker(SourcePosition position, long version) {
        return withPosition(position, ("{\"version\":" + version + ",\"op\":\"d\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] withPosition(SourcePosition position, byte[] json) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + SourcePosition.BYTES + json.length).put(FORMAT);
        position.writeTo(buffer);
        return buffer.put(json).array();
    }

    /** Reads a stored state (null: none). */
    static ViewState decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            if (bytes.length > 0 && bytes[0] == '{') {
                JsonNode root = JSON.readTree(bytes);
                long version = root.get("version").asLong();
                return new ViewState(new SourcePosition(0, false, version), version, deleted(root), root.get("doc"));
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (buffer.get() != FORMAT) {
                throw new IllegalStateException("row state of an unknown format " + bytes[0]);
            }
            SourcePosition position = SourcePosition.readFrom(buffer);
            JsonNode root = JSON.readTree(bytes, buffer.position(), buffer.remaining());
            return new ViewState(position, root.get("version").asLong(), deleted(root), root.get("doc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean deleted(JsonNode root) {
        return "d".equals(root.path("op").asText());
    }
}
