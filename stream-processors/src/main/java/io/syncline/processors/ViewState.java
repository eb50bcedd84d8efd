package io.syncline.processors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
final class ViewState {
    /**
     * The key under which a store keeps the position of the table's last truncate: no document id
     * starts with a NUL character (PostgreSQL text cannot hold one; composite ids start with '[').
     */
    static final String TRUNCATED_KEY = "\u0000truncated";
    /** The key under which a store keeps the position of the last snapshot sweep ({@link SnapshotSweep}). */
    static final String SWEPT_KEY = "\u0000swept";
    private static final byte FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourcePosition position;
    private final long version;
    private final boolean deleted;
    /** The stored view record's JSON, parsed only when the document is asked for (a TOAST placeholder). */
    private final byte[] json;
    private final int offset;
    private JsonNode doc;
    private boolean parsed;

    private ViewState(SourcePosition position, long version, boolean deleted, byte[] json, int offset) {
        this.position = position;
        this.version = version;
        this.deleted = deleted;
        this.json = json;
        this.offset = offset;
    }

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

    /**
     * Reads a stored state (null: none). Only the version and op are read here: most changes need no
     * earlier value, so the document is parsed when {@link #doc()} is first called.
     */
    static ViewState decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == '{') {
            Head head = Head.read(bytes, 0);
            return new ViewState(new SourcePosition(0, false, head.version), head.version, head.deleted, bytes, 0);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.get() != FORMAT) {
            throw new IllegalStateException("row state of an unknown format " + bytes[0]);
        }
        SourcePosition position = SourcePosition.readFrom(buffer);
        Head head = Head.read(bytes, buffer.position());
        return new ViewState(position, head.version, head.deleted, bytes, buffer.position());
    }

    SourcePosition position() {
        return position;
    }

    long version() {
        return version;
    }

    boolean deleted() {
        return deleted;
    }

    /** The last document, parsed on the first call (null for a delete marker). */
    JsonNode doc() {
        if (!parsed && !deleted) {
            try {
                doc = JSON.readTree(json, offset, json.length - offset).get("doc");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            parsed = true;
        }
        return doc;
    }

    /** The stored record's version and op, read up to its document. */
    private record Head(long version, boolean deleted) {
        static Head read(byte[] bytes, int offset) {
            try (JsonParser parser = JSON.getFactory().createParser(bytes, offset, bytes.length - offset)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException("row state is not a JSON object");
                }
                Long version = null;
                String op = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME && (version == null || op == null)) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if ("version".equals(name)) {
                        version = parser.getValueAsLong();
                    } else if ("op".equals(name)) {
                        op = parser.getValueAsString();
                    } else {
                        parser.skipChildren();
                    }
                }
                if (version == null) {
                    throw new IllegalStateException("row state without a version");
                }
                return new Head(version, "d".equals(op));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
