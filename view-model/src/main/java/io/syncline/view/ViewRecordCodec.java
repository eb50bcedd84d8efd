package io.syncline.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * View records on view topics. Key: the document id (UTF-8). Value: {@code {"version":…, "op":…,
 * "source_ts_ms":…, "doc":{…}}}, or null for a delete (a tombstone, so compaction drops the
 * document). Every record also carries the version, op and source time in headers, so a
 * tombstone's delete can be version-guarded in the sinks.
 */
public final class ViewRecordCodec {
    public static final String VERSION_HEADER = "syncline.version";
    public static final String OP_HEADER = "syncline.op";
    public static final String SOURCE_TS_HEADER = "syncline.source_ts_ms";

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private final ViewSchema schema;

    public ViewRecordCodec(ViewSchema schema) {
        this.schema = schema;
    }

    public ViewSchema schema() {
        return schema;
    }

    public static byte[] encodeKey(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    /** The value bytes, or null for a delete. */
    public byte[] encodeValue(ViewRecord record) {
        return record.isDelete() ? null : encodeValue(record, documentJson(record.document()));
    }

    /** The value bytes of a record that is not a delete, its document already in JSON ({@link #documentJson}). */
    public byte[] encodeValue(ViewRecord record, ObjectNode doc) {
        ObjectNode value = NODES.objectNode();
        value.put("version", record.version());
        value.put("op", record.op().code());
        value.put("source_ts_ms", record.sourceTimestampMs());
        value.set("doc", doc);
        try {
            return FieldValues.JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document as its record's {@code doc} holds it: each field by its type in the schema. */
    public ObjectNode documentJson(Map<String, Object> document) {
        ObjectNode doc = NODES.objectNode();
        document.forEach((name, v) -> doc.set(name, schema.field(name)
                .map(f -> FieldValues.toJson(v, f.type()))
                .orElseGet(() -> FieldValues.JSON.valueToTree(v))));
        return doc;
    }

    /** Header name to UTF-8 value, for every record (tombstones included). */
    public static Map<String, byte[]> headers(ViewRecord record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(VERSION_HEADER, Long.toString(record.version()).getBytes(StandardCharsets.UTF_8));
        headers.put(OP_HEADER, record.op().code().getBytes(StandardCharsets.UTF_8));
        headers.put(SOURCE_TS_HEADER, Long.toString(record.sourceTimestampMs()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /**
     * Decodes a record from its key, value and headers ({@code header} returns a header's bytes or null).
     *
     * @throws IllegalArgumentException when the record is not a valid view record
     */
    public ViewRecord decode(byte[] key, byte[] value, java.util.function.Function<String, byte[]> header) {
        if (key == null) {
            throw new IllegalArgumentException("a view record needs a key (the document id)");
        }
        String id = new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            return new ViewRecord(id, longHeader(header, VERSION_HEADER), Op.DELETE,
                    header.apply(SOURCE_TS_HEADER) == null ? 0 : longHeader(header, SOURCE_TS_HEADER), null);
        }
        try {
            JsonNode root = FieldValues.JSON.readTree(value);
            JsonNode doc = root.get("doc");
            if (doc == null || !doc.isObject() || !root.hasNonNull("version") || !root.hasNonNull("op")) {
                throw new IllegalArgumentException("a view record value needs version, op and doc");
            }
            Map<String, Object> document = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                document.put(field.getKey(), schema.field(field.getKey())
                        .map(f -> FieldValues.fromJson(field.getValue(), f.type()))
                        .orElseGet(() -> FieldValues.JSON.convertValue(field.getValue(), Object.class)));
            }
            return new ViewRecord(id, root.get("version").asLong(), Op.ofCode(root.get("op").asText()),
                    root.path("source_ts_ms").asLong(0), document);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON view record: " + e.getMessage(), e);
        }
    }

    private static long longHeader(java.util.function.Function<String, byte[]> header, String name) {
        byte[] bytes = header.apply(name);
        if (bytes == null) {
            throw new IllegalArgumentException("a tombstone needs the " + name + " header");
        }
        return Long.parseLong(new String(bytes, StandardCharsets.UTF_8));
    }
}
