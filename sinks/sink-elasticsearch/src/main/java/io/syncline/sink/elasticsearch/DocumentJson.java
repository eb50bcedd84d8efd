package io.syncline.sink.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.ViewField;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A view document as the JSON the view topic carries (decimals as strings, timestamps as ISO text
 * with six fraction digits, json as objects, bytes as base64, nested objects and arrays of them
 * with the same rules per nested field), so {@code _source} holds exactly what the view topic holds
 * — except for json fields where a store of that mapping could not take the value:
 * <ul>
 *   <li>mapped {@code text} ({@link JsonFieldMapping#TEXT}): a text field takes a string, so the
 *       value is written as its JSON text;</li>
 *   <li>mapped {@code flattened} (the default): Elasticsearch refuses a flattened value that is not
 *       an object (or an array of objects), e.g. {@code 5} or {@code [1, "x"]}. Such a value is
 *       written as its JSON text into the companion field {@code <name>__json} (a {@code text}
 *       field) and the field itself is null, so every valid JSON value indexes and none is changed
 *       silently: a reader finds it where the marker says.</li>
 * </ul>
 */
final class DocumentJson {
    /** Suffix of the text field beside a flattened json field that holds a value flattened cannot take. */
    static final String JSON_TEXT_SUFFIX = "__json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentJson() {
    }

    /**
     * The document's JSON bytes; {@code types} are the view schema's field types by name, every json
     * field mapped {@link JsonFieldMapping#DEFAULT}.
     *
     * @throws UnwritableRecordException when a value does not have the Java type its field's kind names
     */
    static byte[] bytes(Map<String, Object> document, Map<String, FieldType> types) {
        return bytes(document, types, Map.of());
    }

    /** {@code jsonMappings}: json field path ({@code customer.address}) → its mapping; others get the default. */
    static byte[] bytes(Map<String, Object> document, Map<String, FieldType> types, Map<String, JsonFieldMapping> jsonMappings) {
        ObjectNode json = JSON.createObjectNode();
        document.forEach((name, value) -> {
            FieldType type = types.get(name);
            if (type == null) {
                json.set(name, FieldValues.untypedToJson(value));
            } else {
                put(json, name, name, name, value, type, jsonMappings);
            }
        });
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            // A tree of JSON nodes always serializes; this would be a Jackson bug.
            throw new IllegalStateException("cannot serialize a document", e);
        }
    }

    /** Sets field {@code name} of {@code json}, or its {@code __json} companion when flattened cannot take the value. */
    private static void put(ObjectNode json, String name, String path, String fieldPath, Object value, FieldType type,
                            Map<String, JsonFieldMapping> jsonMappings) {
        JsonNode node = fieldJson(path, fieldPath, value, type, jsonMappings);
        if (isJson(type) && mapping(fieldPath, jsonMappings) == JsonFieldMapping.FLATTENED && !flattenable(node)) {
            json.putNull(name);
            json.put(name + JSON_TEXT_SUFFIX, node.toString());
        } else {
            json.set(name, node);
        }
    }

    /** A json field, or an array of json values (a {@code jsonb[]} column). */
    static boolean isJson(FieldType type) {
        return type.kind() == FieldKind.JSON || type.kind() == FieldKind.ARRAY && type.element().kind() == FieldKind.JSON;
    }

    private static JsonFieldMapping mapping(String fieldPath, Map<String, JsonFieldMapping> jsonMappings) {
        return jsonMappings.getOrDefault(fieldPath, JsonFieldMapping.DEFAULT);
    }

    /** What a {@code flattened} field takes: null, an object, or an array of such. */
    static boolean flattenable(JsonNode node) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!flattenable(element)) {
                    return false;
                }
            }
            return true;
        }
        return node.isNull() || node.isObject();
    }

    /**
     * A value as {@link FieldValues#toJson} writes it. Objects and arrays are walked here rather
     * than there, so that a value of the wrong type is named by its path ({@code items[1].price}).
     */
    private static JsonNode fieldJson(String path, String fieldPath, Object value, FieldType type,
                                      Map<String, JsonFieldMapping> jsonMappings) {
        if (value == null) {
            return NullNode.getInstance();
        }
        try {
            return switch (type.kind()) {
                case OBJECT -> objectJson(path, fieldPath, (Map<?, ?>) value, type, jsonMappings);
                case ARRAY -> arrayJson(path, fieldPath, (List<?>) value, type.element(), jsonMappings);
                case JSON -> mapping(fieldPath, jsonMappings) == JsonFieldMapping.TEXT
                        ? TextNode.valueOf(FieldValues.toJson(value, type).toString()) : FieldValues.toJson(value, type);
                default -> FieldValues.toJson(value, type);
            };
        } catch (ClassCastException e) {
            // Names the field and the types, never the value.
            throw new UnwritableRecordException("field " + path + " of kind " + type.kind()
                    + " holds a value of the wrong Java type (" + value.getClass().getSimpleName() + ")", e);
        }
    }

    private static ObjectNode objectJson(String path, String fieldPath, Map<?, ?> object, FieldType type,
                                         Map<String, JsonFieldMapping> jsonMappings) {
        ObjectNode json = JSON.createObjectNode();
        object.forEach((key, value) -> {
            String name = String.valueOf(key);
            Optional<ViewField> field = type.field(name);
            if (field.isPresent()) {
                put(json, name, path + "." + name, fieldPath + "." + name, value, field.get().type(), jsonMappings);
            } else {
                json.set(name, FieldValues.untypedToJson(value));
            }
        });
        return json;
    }

    private static ArrayNode arrayJson(String path, String fieldPath, List<?> elements, FieldType elementType,
                                       Map<String, JsonFieldMapping> jsonMappings) {
        ArrayNode json = JSON.createArrayNode();
        for (int i = 0; i < elements.size(); i++) {
            json.add(fieldJson(path + "[" + i + "]", fieldPath, elements.get(i), elementType, jsonMappings));
        }
        return json;
    }
}
