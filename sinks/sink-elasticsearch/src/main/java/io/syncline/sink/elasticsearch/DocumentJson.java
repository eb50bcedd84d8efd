package io.syncline.sink.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.ViewField;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A view document as the JSON the view topic carries (decimals as strings, timestamps as ISO text
 * with six fraction digits, json as objects, bytes as base64, nested objects and arrays of them
 * with the same rules per nested field), so {@code _source} holds exactly what the view topic holds.
 */
final class DocumentJson {
    private static final ObjectMapper JSON = new ObjectMapper();

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
            json.set(name, type == null ? FieldValues.untypedToJson(value) : fieldJson(name, value, type));
        });
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            // A tree of JSON nodes always serializes; this would be a Jackson bug.
            throw new IllegalStateException("cannot serialize a document", e);
        }
    }

    /**
     * A value as {@link FieldValues#toJson} writes it. Objects and arrays are walked here rather
     * than there, so that a value of the wrong type is named by its path ({@code items[1].price}).
     */
    private static JsonNode fieldJson(String path, Object value, FieldType type) {
        if (value == null) {
            return NullNode.getInstance();
        }
        try {
            return switch (type.kind()) {
                case OBJECT -> objectJson(path, (Map<?, ?>) value, type);
                case ARRAY -> arrayJson(path, (List<?>) value, type.element());
                default -> FieldValues.toJson(value, type);
            };
        } catch (ClassCastException e) {
            // Names the field and the types, never the value.
            throw new UnwritableRecordException("field " + path + " of kind " + type.kind()
                    + " holds a value of the wrong Java type (" + value.getClass().getSimpleName() + ")", e);
        }
    }

    private static ObjectNode objectJson(String path, Map<?, ?> object, FieldType type) {
        ObjectNode json = JSON.createObjectNode();
        object.forEach((key, value) -> {
            String name = String.valueOf(key);
            Optional<ViewField> field = type.field(name);
            json.set(name, field.isPresent() ? fieldJson(path + "." + name, value, field.get().type())
                    : FieldValues.untypedToJson(value));
        });
        return json;
    }

    private static ArrayNode arrayJson(String path, List<?> elements, FieldType elementType) {
        ArrayNode json = JSON.createArrayNode();
        for (int i = 0; i < elements.size(); i++) {
            json.add(fieldJson(path + "[" + i + "]", elements.get(i), elementType));
        }
        return json;
    }
}
