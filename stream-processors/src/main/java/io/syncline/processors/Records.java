package io.syncline.processors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Records between the stages of a joined or transformed view, in the view topics' value format
 * ({@code version}, {@code op}, {@code source_ts_ms}, {@code doc}): a row, or a row with what was
 * joined into it. A joined record's version is the highest source position among its rows.
 *
 * <p>One more, optional field, never in a view topic: {@link #REREAD}, the version of the
 * incremental-snapshot read (a backfill) that produced the record or a row joined into it, the
 * highest when there are several. It tells {@link DocumentProcessor} to send the document again
 * even when unchanged, unless it already sent a version at least that high. A record keeps it
 * until its row changes again, so a KTable or a join's store may still hold it when the record is
 * joined later: by then the document's version is at or above it, and nothing is sent again.
 */
final class Records {
    /** The field holding the version of the incremental-snapshot read that reached the record. */
    static final String REREAD = "reread";

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper JSON = new ObjectMapper().setNodeFactory(NODES)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Records() {
    }

    static ObjectNode read(byte[] bytes) {
        try {
            // Not a cast: Kafka Streams turns a ClassCastException into a failure of the whole stage.
            if (JSON.readTree(bytes) instanceof ObjectNode record) {
                return record;
            }
            throw new IllegalArgumentException("record between view stages is not a JSON object");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Only the named columns of the record's row ({@code doc}; a column it lacks is absent), read without
     * building the rest: the joins read a key this way on every step, and a parent's record holds its
     * children too.
     */
    static ObjectNode columns(byte[] record, List<String> columns) {
        try (JsonParser parser = JSON.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("record between view stages is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (parser.nextToken() == JsonToken.START_OBJECT && field.equals("doc")) {
                    return columns(parser, columns);
                }
                parser.skipChildren();
            }
            throw new IllegalArgumentException("record between view stages has no doc");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode columns(JsonParser doc, List<String> columns) throws IOException {
        ObjectNode selected = NODES.objectNode();
        while (doc.nextToken() == JsonToken.FIELD_NAME) {
            String column = doc.currentName();
            JsonToken value = doc.nextToken();
            if (!columns.contains(column)) {
                doc.skipChildren();
            } else if (value == JsonToken.VALUE_NULL) {
                selected.putNull(column);
            } else {
                selected.set(column, JSON.readTree(doc));
            }
        }
        return selected;
    }

    /** The record's bytes; a record beyond the maximum record size throws ({@link ValueSizes}). */
    static byte[] write(JsonNode record) {
        try {
            return ValueSizes.checked(JSON.writeValueAsBytes(record), "a joined record");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode doc(ObjectNode record) {
        return (ObjectNode) record.get("doc");
    }

    static long version(JsonNode record) {
        return record.get("version").asLong();
    }

    static long sourceTimestamp(JsonNode record) {
        return record.path("source_ts_ms").asLong();
    }

    /** The version of the incremental-snapshot read that reached the record; 0 when none did. */
    static long reread(JsonNode record) {
        return record.path(REREAD).asLong(0);
    }

    /** Marks a row record as read by an incremental snapshot at {@code version}. */
    static byte[] withReread(byte[] record, long version) {
        ObjectNode node = read(record);
        node.put(REREAD, version);
        return write(node);
    }

    /** Takes the other record's version, source time and reread where they are higher. */
    static void absorb(ObjectNode record, JsonNode other) {
        record.put("version", Math.max(version(record), version(other)));
        record.put("source_ts_ms", Math.max(sourceTimestamp(record), sourceTimestamp(other)));
        if (reread(other) > reread(record)) {
            record.put(REREAD, reread(other));
        }
    }

    /**
     * The id of the row {@code columns} point to, in the form {@link DocumentIds} gives ids; null
     * when a column is null (the row points nowhere).
     */
    static String idOf(JsonNode doc, List<String> columns) {
        for (String column : columns) {
            if (!doc.hasNonNull(column)) {
                return null;
            }
        }
        return DocumentIds.of(doc, columns);
    }
}
