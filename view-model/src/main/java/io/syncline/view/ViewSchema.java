package io.syncline.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fields of a view's documents, in order, and the fields that make up the document id. */
public record ViewSchema(String view, List<ViewField> fields, List<String> key) {

    public ViewSchema {
        fields = List.copyOf(fields);
        key = List.copyOf(key);
        for (String k : key) {
            if (fields.stream().noneMatch(f -> f.name().equals(k))) {
                throw new IllegalArgumentException("key field " + k + " is not a field of view " + view);
            }
        }
    }

    public Optional<ViewField> field(String name) {
        // A loop, not a stream: called per field of every record the view stage and the sinks code.
        for (ViewField field : fields) {
            if (field.name().equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    public Map<String, FieldType> types() {
        Map<String, FieldType> types = new LinkedHashMap<>();
        fields.forEach(f -> types.put(f.name(), f.type()));
        return types;
    }
}
