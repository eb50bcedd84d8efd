package io.syncline.view;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

    /** The value bytes, or null for a delete. Written as a stream: only each field's value is a tree. */
    public byte[] encodeValue(ViewRecord record) {
        if (record.isDelete()) {
            return null;
        }
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator json = FieldValues.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("version", record.version());
            json.writeStringField("op", record.op().code());
            json.writeNumberField("source_ts_ms", record.sourceTimestampMs());
            json.writeObjectFieldStart("doc");
            for (Map.Entry<String, Object> field : record.document().entrySet()) {
                json.writeFieldName(field.getKey());
                Optional<ViewField> known = schema.field(field.getKey());
                FieldValues.JSON.writeTree(json, known.isPresent() ? FieldValues.toJson(field.getValue(), known.get().type())
                        : FieldValues.JSON.valueToTree(field.getValue()));
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
        try (JsonParser json = FieldValues.JSON.createParser(value)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a view record value must be a JSON object");
            }
            Long version = null;
            String op = null;
            long sourceTs = 0;
            Map<String, Object> document = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken token = json.nextToken();
                switch (name) {
                    case "version" -> version = token == JsonToken.VALUE_NULL ? null : json.getValueAsLong();
                    case "op" -> op = token == JsonToken.VALUE_NULL ? null : json.getText();
                    case "source_ts_ms" -> sourceTs = json.getValueAsLong(0);
                    case "doc" -> document = token == JsonToken.START_OBJECT ? document(json) : skip(json);
                    default -> json.skipChildren();
                }
            }
            if (document == null || version == null || op == null) {
                throw new IllegalArgumentException("a view record value needs version, op and doc");
            }
            return new ViewRecord(id, version, Op.ofCode(op), sourceTs, document);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON view record: " + e.getMessage(), e);
        }
    }

    /** The document's fields, typed by the schema; a field it does not know (yet) as plain JSON. */
    private Map<String, Object> document(JsonParser json) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            JsonNode value = FieldValues.JSON.readTree(json);
            Optional<ViewField> field = schema.field(name);
            document.put(name, field.isPresent() ? FieldValues.fromJson(value, field.get().type())
                    : FieldValues.JSON.convertValue(value, Object.class));
        }
        return document;
    }

    private static Map<String, Object> skip(JsonParser json) throws IOException {
        json.skipChildren();
        return null;
    }

    private static long longHeader(java.util.function.Function<String, byte[]> header, String name) {
        byte[] bytes = header.apply(name);
        if (bytes == null) {
            throw new IllegalArgumentException("a tombstone needs the " + name + " header");
        }
        return Long.parseLong(new String(bytes, StandardCharsets.UTF_8));
    }
}
