package io.syncline.sink.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
 * An OBJECT value (a joined row) as the JSON text its {@code String} column holds: the view
 * topic's JSON of the object, each nested field written by {@link FieldValues} for its type
 * (decimals as exact strings, timestamps as ISO UTC text with microseconds, uuid as text, bytes
 * as base64, nested objects and arrays alike, at any depth; json values as a JSON column holds
 * them, every number as it came). Nothing is bent to fit a column type,
 * so every value stays exact, and ClickHouse's JSON functions read it, e.g.
 * {@code JSONExtractString(customer, 'email')} or
 * {@code toDecimal64(JSONExtractString(item, 'unit_price'), 2)}.
 */
final class ObjectJson {
    // Trees keep decimals as they came (2.50 stays 2.50), like the text of a JSON column.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private ObjectJson() {
    }

    /**
     * @throws IllegalArgumentException when a nested value does not have the Java type its field's
     *                                  kind names; the message says where, never the value
     */
    static String text(Map<?, ?> object, FieldType type) {
        try {
            return JSON.writeValueAsString(objectNode(object, type));
        } catch (JsonProcessingException e) {
            // A tree of JSON nodes always serializes; this would be a Jackson bug.
            throw new IllegalStateException("cannot serialize a nested object", e);
        }
    }

    private static JsonNode node(Object value, FieldType type) {
        if (value == null) {
            return NullNode.getInstance();
        }
        try {
            return switch (type.kind()) {
                case OBJECT -> objectNode((Map<?, ?>) value, type);
                case ARRAY -> arrayNode((List<?>) value, type.element());
                case JSON -> FieldValues.untypedToJson(value);
                default -> FieldValues.toJson(value, type);
            };
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("is a " + value.getClass().getName() + ", not a " + type.kind() + " value", e);
        }
    }

    /** Fields the object's type does not name (added upstream later) are kept as JSON values. */
    private static ObjectNode objectNode(Map<?, ?> object, FieldType type) {
        ObjectNode json = JSON.createObjectNode();
        object.forEach((key, value) -> {
            String name = String.valueOf(key);
            Optional<ViewField> field = type.field(name);
            try {
                json.set(name, field.isPresent() ? node(value, field.get().type()) : FieldValues.untypedToJson(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + name + "' " + e.getMessage(), e);
            }
        });
        return json;
    }

    private static ArrayNode arrayNode(List<?> elements, FieldType elementType) {
        ArrayNode json = JSON.createArrayNode();
        for (int i = 0; i < elements.size(); i++) {
            try {
                json.add(node(elements.get(i), elementType));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("element " + i + ": " + e.getMessage(), e);
            }
        }
        return json;
    }
}
