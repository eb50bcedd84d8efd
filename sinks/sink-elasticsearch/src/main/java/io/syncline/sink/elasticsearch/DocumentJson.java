package io.syncline.sink.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.ViewField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A view document as the JSON the view topic carries (decimals as strings, timestamps as ISO text
 * with six fraction digits, json as objects, bytes as base64, nested objects and arrays of them
 * with the same rules per nested field), so {@code _source} holds exactly what the view topic holds
 * — except json fields mapped {@code text} ({@link JsonFieldMapping#TEXT}): a text field takes a
 * string, so they are written as their JSON text.
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
        return bytes(document, types, Set.of());
    }

    /** {@code jsonAsText}: paths of json fields written as their JSON text ({@code customer.address}). */
    static byte[] bytes(Map<String, Object> document, Map<String, FieldType> types, Set<String> jsonAsText) {
        ObjectNode json = JSON.createObjectNode();
        document.forEach((name, value) -> {
            FieldType type = types.get(name);
            json.set(name, type == null ? FieldValues.untypedToJson(value) : fieldJson(name, name, value, type, jsonAsText));
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
    private static JsonNode fieldJson(String path, String fieldPath, Object value, FieldType type, Set<String> jsonAsText) {
        if (value == null) {
            return NullNode.getInstance();
        }
        try {
            return switch (type.kind()) {
                case OBJECT -> objectJson(path, fieldPath, (Map<?, ?>) value, type, jsonAsText);
                case ARRAY -> arrayJson(path, fieldPath, (List<?>) value, type.element(), jsonAsText);
                case JSON -> jsonAsText.contains(fieldPath)
                        ? TextNode.valueOf(FieldValues.toJson(value, type).toString()) : FieldValues.toJson(value, type);
                default -> FieldValues.toJson(value, type);
            };
        } catch (ClassCastException e) {
            // Names the field and the types, never the value.
            throw new UnwritableRecordException("field " + path + " of kind " + type.kind()
                    + " holds a value of the wrong Java type (" + value.getClass().getSimpleName() + ")", e);
        }
    }

    private static ObjectNode objectJson(String path, String fieldPath, Map<?, ?> object, FieldType type, Set<String> jsonAsText) {
        ObjectNode json = JSON.createObjectNode();
        object.forEach((key, value) -> {
            String name = String.valueOf(key);
            Optional<ViewField> field = type.field(name);
            json.set(name, field.isPresent() ? fieldJson(path + "." + name, fieldPath + "." + name, value, field.get().type(), jsonAsText)
                    : FieldValues.untypedToJson(value));
        });
        return json;
    }

    private static ArrayNode arrayJson(String path, String fieldPath, List<?> elements, FieldType elementType, Set<String> jsonAsText) {
        ArrayNode json = JSON.createArrayNode();
        for (int i = 0; i < elements.size(); i++) {
            json.add(fieldJson(path + "[" + i + "]", fieldPath, elements.get(i), elementType, jsonAsText));
        }
        return json;
    }
}
