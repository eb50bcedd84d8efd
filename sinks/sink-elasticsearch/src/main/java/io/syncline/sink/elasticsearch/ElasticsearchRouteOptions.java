package io.syncline.sink.elasticsearch;

import io.syncline.sink.ConnectionOption;
import io.syncline.sink.SinkProblem;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of an Elasticsearch route: {@code mappings}, json field path → {@link JsonFieldMapping}.
 * Paths name top-level fields or fields inside joined objects ({@code customer.address}) and
 * joined arrays ({@code items.attributes}), as transforms do.
 */
final class ElasticsearchRouteOptions {
    static final String MAPPINGS = "mappings";
    static final List<ConnectionOption> OPTIONS = List.of(ConnectionOption.choiceMap(MAPPINGS, JsonFieldMapping.NAMES,
            JsonFieldMapping.DEFAULT.yamlName(), "How json/jsonb fields are mapped, by field path (customer.address inside a joined object):"
                    + " flattened (default: every leaf a keyword, any shape indexes), object (dynamic mapping: typed queries,"
                    + " but a later value of another type for a key is dead-lettered), disabled (kept in _source, not searchable),"
                    + " text (the JSON as text, full-text searchable; _source holds the string)."));

    private ElasticsearchRouteOptions() {
    }

    /** Every problem with a route's options; field paths are checked only when {@code schema} is known. */
    static List<SinkProblem> problems(Map<String, Map<String, String>> options, ViewSchema schema) {
        List<SinkProblem> problems = new ArrayList<>();
        options.keySet().stream().filter(key -> !key.equals(MAPPINGS)).sorted()
                .forEach(key -> problems.add(new SinkProblem(key, "unknown route option; known: " + MAPPINGS)));
        options.getOrDefault(MAPPINGS, Map.of()).forEach((path, mode) -> {
            String keyPath = MAPPINGS + "." + path;
            if (JsonFieldMapping.of(mode).isEmpty()) {
                problems.add(new SinkProblem(keyPath, "unknown mapping '" + mode + "'; allowed: " + String.join(", ", JsonFieldMapping.NAMES)));
            }
            if (schema != null) {
                fieldProblem(path, schema).ifPresent(message -> problems.add(new SinkProblem(keyPath, message)));
            }
        });
        return problems;
    }

    /** The mapping of each named json field, by path; call only with options {@link #problems} accepts. */
    static Map<String, JsonFieldMapping> mappings(Map<String, String> mappings) {
        Map<String, JsonFieldMapping> result = new LinkedHashMap<>();
        mappings.forEach((path, mode) -> result.put(path, JsonFieldMapping.of(mode)
                .orElseThrow(() -> new IllegalArgumentException("unknown mapping '" + mode + "' for " + path))));
        return result;
    }

    private static Optional<String> fieldProblem(String path, ViewSchema schema) {
        List<ViewField> fields = schema.fields();
        String[] names = path.split("\\.", -1);
        String walked = "";
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            Optional<ViewField> field = fields.stream().filter(f -> f.name().equals(name)).findFirst();
            String here = walked.isEmpty() ? name : walked + "." + name;
            if (field.isEmpty()) {
                return Optional.of("view " + schema.view() + " has no field '" + here + "'"
                        + (fields.isEmpty() ? "" : "; fields" + (walked.isEmpty() ? "" : " of " + walked) + ": "
                        + String.join(", ", fields.stream().map(ViewField::name).toList())));
            }
            FieldType type = field.get().type();
            if (type.kind() == FieldKind.ARRAY && type.element().kind() == FieldKind.OBJECT) {
                type = type.element();
            }
            if (i == names.length - 1) {
                return type.kind() == FieldKind.JSON ? Optional.empty() : Optional.of("'" + here + "' is "
                        + type.sourceType() + ", not json or jsonb: mappings choose how json fields are indexed");
            }
            if (type.kind() != FieldKind.OBJECT) {
                return Optional.of("'" + here + "' is " + type.sourceType() + ", not a joined object: it has no field '" + names[i + 1] + "'");
            }
            fields = type.fields();
            walked = here;
        }
        return Optional.empty();
    }
}
