package io.syncline.sink.elasticsearch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored {@code _source} read back as the view's fields, undoing what {@link DocumentJson} had
 * to do to json fields: a value a {@code flattened} field could not take comes back from its
 * {@code <name>__json} companion (which is left out), and a json value mapped {@code text} is
 * parsed from its JSON text. Everything else is as {@code _source} holds it (the view topic's
 * JSON), which {@link io.syncline.sink.CanonicalValues} reads as is.
 */
final class StoredFields {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private StoredFields() {
    }

    /** The schema's fields of {@code source}; a field absent from it (and from its companion) stays absent. */
    static Map<String, Object> of(Map<?, ?> source, List<ViewField> fields, Map<String, JsonFieldMapping> jsonMappings) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ViewField field : fields) {
            put(values, source, field.name(), field.name(), field.type(), jsonMappings);
        }
        return values;
    }

    private static void put(Map<String, Object> values, Map<?, ?> source, String name, String fieldPath, FieldType type,
                            Map<String, JsonFieldMapping> jsonMappings) {
        Object companion = DocumentJson.isJson(type) ? source.get(name + DocumentJson.JSON_TEXT_SUFFIX) : null;
        if (companion instanceof String text) {
            values.put(name, parse(text));
        } else if (source.containsKey(name)) {
            values.put(name, value(source.get(name), fieldPath, type, jsonMappings));
        }
    }

    private static Object value(Object value, String fieldPath, FieldType type, Map<String, JsonFieldMapping> jsonMappings) {
        if (value == null) {
            return null;
        }
        if (type.kind() == FieldKind.OBJECT && value instanceof Map<?, ?> object) {
            Map<String, Object> values = new LinkedHashMap<>();
            object.forEach((key, v) -> {
                String name = String.valueOf(key);
                if (type.field(name).isPresent()) {
                    put(values, object, name, fieldPath + "." + name, type.field(name).get().type(), jsonMappings);
                } else if (!isCompanion(name, type)) {
                    values.put(name, v);
                }
            });
            return values;
        }
        if (type.kind() == FieldKind.ARRAY && value instanceof List<?> list) {
            List<Object> values = new ArrayList<>(list.size());
            list.forEach(element -> values.add(value(element, fieldPath, type.element(), jsonMappings)));
            return values;
        }
        if (type.kind() == FieldKind.JSON && value instanceof String text
                && jsonMappings.getOrDefault(fieldPath, JsonFieldMapping.DEFAULT) == JsonFieldMapping.TEXT) {
            return parse(text);
        }
        return value;
    }

    /** The {@code __json} companion of a json field of the object's type. */
    private static boolean isCompanion(String name, FieldType type) {
        return name.endsWith(DocumentJson.JSON_TEXT_SUFFIX) && type.field(name.substring(0, name.length()
                - DocumentJson.JSON_TEXT_SUFFIX.length())).filter(f -> DocumentJson.isJson(f.type())).isPresent();
    }

    private static Object parse(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (Exception e) {
            throw new IllegalStateException("a stored json field does not hold JSON text", e);
        }
    }
}
