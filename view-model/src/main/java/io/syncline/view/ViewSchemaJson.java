package io.syncline.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@link ViewSchema} as JSON, for processes that take the view schemas from Kafka instead of
 * planning them from the source: {@code {"view":…, "key":[…], "fields":[{"name":…, "type":{…}}]}},
 * each type with its kind, precision, scale, nullability and source type, an ARRAY's {@code element}
 * and an OBJECT's {@code fields}. Written in one fixed order, so equal schemas give equal bytes and
 * the {@link #digest} tells schemas apart.
 */
public final class ViewSchemaJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ViewSchemaJson() {
    }

    public static ObjectNode toJson(ViewSchema schema) {
        ObjectNode json = NODES.objectNode();
        json.put("view", schema.view());
        ArrayNode key = json.putArray("key");
        schema.key().forEach(key::add);
        json.set("fields", fields(schema.fields()));
        return json;
    }

    /** @throws IllegalArgumentException when {@code json} is not a view schema */
    public static ViewSchema fromJson(JsonNode json) {
        if (json == null || !json.path("view").isTextual() || !json.path("key").isArray() || !json.path("fields").isArray()) {
            throw new IllegalArgumentException("a view schema needs view, key and fields");
        }
        List<String> key = new ArrayList<>();
        json.get("key").forEach(k -> key.add(k.asText()));
        return new ViewSchema(json.get("view").asText(), fields(json.get("fields")), key);
    }

    /** The SHA-256 of the schema's JSON, in hex: equal for equal schemas, whichever process wrote them. */
    public static String digest(ViewSchema schema) {
        try {
            byte[] bytes = FieldValues.JSON.writeValueAsString(toJson(schema)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode fields(List<ViewField> fields) {
        ArrayNode array = NODES.arrayNode();
        for (ViewField field : fields) {
            ObjectNode json = array.addObject();
            json.put("name", field.name());
            json.set("type", type(field.type()));
        }
        return array;
    }

    private static ObjectNode type(FieldType type) {
        ObjectNode json = NODES.objectNode();
        json.put("kind", type.kind().name());
        json.put("precision", type.precision());
        json.put("scale", type.scale());
        json.put("nullable", type.nullable());
        json.put("sourceType", type.sourceType());
        if (type.element() != null) {
            json.set("element", type(type.element()));
        }
        if (!type.fields().isEmpty()) {
            json.set("fields", fields(type.fields()));
        }
        return json;
    }

    private static List<ViewField> fields(JsonNode array) {
        List<ViewField> fields = new ArrayList<>();
        for (JsonNode field : array) {
            if (!field.path("name").isTextual()) {
                throw new IllegalArgumentException("a view field needs a name");
            }
            fields.add(new ViewField(field.get("name").asText(), type(field.get("type"))));
        }
        return fields;
    }

    private static FieldType type(JsonNode json) {
        if (json == null || !json.path("kind").isTextual()) {
            throw new IllegalArgumentException("a field type needs a kind");
        }
        FieldKind kind;
        try {
            kind = FieldKind.valueOf(json.get("kind").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown field kind " + json.get("kind").asText(), e);
        }
        JsonNode sourceType = json.get("sourceType");
        return new FieldType(kind, json.path("precision").asInt(), json.path("scale").asInt(),
                json.has("element") ? type(json.get("element")) : null, json.path("nullable").asBoolean(),
                sourceType == null || sourceType.isNull() ? null : sourceType.asText(),
                json.has("fields") ? fields(json.get("fields")) : List.of());
    }
}
