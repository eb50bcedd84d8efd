package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Records between the stages of a joined view, in the view topics' value format ({@code version},
 * {@code op}, {@code source_ts_ms}, {@code doc}): a row, or a row with what was joined into it.
 * A joined record's version is the highest source position among its rows.
 */
final class Records {
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

    /** Takes the other record's version and source time where they are higher. */
    static void absorb(ObjectNode record, JsonNode other) {
        record.put("version", Math.max(version(record), version(other)));
        record.put("source_ts_ms", Math.max(sourceTimestamp(record), sourceTimestamp(other)));
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
