package io.syncline.sink.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import java.util.Map;

/**
 * A view document as the JSON the view topic carries (decimals as strings, timestamps as ISO text
 * with six fraction digits, json as objects, bytes as base64), so {@code _source} holds exactly
 * what the view topic holds.
 */
final class DocumentJson {
    // Configured like the view topics' mapper, so fields the schema does not know serialize alike.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private DocumentJson() {
    }

    /**
     * The document's JSON bytes; {@code types} are the view schema's field types by name.
     *
     * @throws UnwritableRecordException when a value does not have the Java type its field's kind names
     */
    static byte[] bytes(Map<String, Object> document, Map<String, FieldType> types) {
        ObjectNode json = JSON.createObjectNode();
        document.forEach((name, value) -> {
            FieldType type = types.get(name);
            json.set(name, type == null ? JSON.valueToTree(value) : fieldJson(name, value, type));
        });
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            // A tree of JSON nodes always serializes; this would be a Jackson bug.
            throw new IllegalStateException("cannot serialize a document", e);
        }
    }

    private static JsonNode fieldJson(String name, Object value, FieldType type) {
        try {
            return FieldValues.toJson(value, type);
        } catch (ClassCastException e) {
            // Names the field and the types, never the value.
            throw new UnwritableRecordException("field " + name + " of kind " + type.kind()
                    + " holds a value of the wrong Java type (" + value.getClass().getSimpleName() + ")", e);
        }
    }
}
