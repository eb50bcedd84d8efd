package io.syncline.config.schema;

import io.syncline.config.SinkCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON Schema (draft 2020-12) of pipeline files, generated from {@link PipelineModel} (the keys
 * the binder accepts) and the sink types of a {@link SinkCatalog} (their target keys and
 * connection options, chosen by {@code type} with {@code if}/{@code then}). Every mapping has
 * {@code additionalProperties: false}, so editors flag unknown keys; every scalar that is not text
 * also accepts a {@code ${VAR}} / {@code ${VAR:-default}} reference, as the binder interpolates
 * before it reads. Optional keys may be left empty ({@code key:} or {@code ~}), as in the binder.
 * Output is stable: the same catalog gives the same text.
 */
public final class PipelineJsonSchema {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final String INTERPOLATED = "interpolated";
    /** Text containing one {@code ${NAME}} or {@code ${NAME:-default}}, as the interpolator reads it. */
    static final String INTERPOLATION_PATTERN = "\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}";
    private static final String ROUTE = "route";

    private PipelineJsonSchema() {
    }

    /** The schema as pretty-printed JSON, ending with a newline. */
    public static String generate(SinkCatalog catalog) {
        List<String> types = List.copyOf(new TreeSet<>(catalog.types()));
        TreeSet<String> targetKeys = new TreeSet<>();
        types.forEach(type -> catalog.targetKey(type).ifPresent(targetKeys::add));

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", DIALECT);
        root.put("title", "Syncline pipeline file");
        root.putAll(object(PipelineModel.PIPELINE));

        Map<String, Object> defs = new LinkedHashMap<>();
        for (ConfigObject object : PipelineModel.OBJECTS) {
            if (object == PipelineModel.SINK) {
                defs.put(object.id(), sink(catalog, types));
            } else if (object != PipelineModel.PIPELINE) {
                defs.put(object.id(), object(object));
            }
        }
        Map<String, ConfigKey> allRouteOptions = new LinkedHashMap<>();
        types.forEach(type -> catalog.routeOptions(type).forEach(key -> allRouteOptions.putIfAbsent(key.name(), key)));
        defs.put(ROUTE, object(PipelineModel.route(ROUTE, List.copyOf(targetKeys), false, List.copyOf(allRouteOptions.values()))));
        for (String type : types) {
            List<ConfigKey> options = catalog.connectionOptions(type);
            if (!options.isEmpty()) {
                defs.put(connectionId(type), object(new ConfigObject(connectionId(type),
                        "The connection options of a " + type + " sink.", options)));
            }
            catalog.targetKey(type).ifPresent(targetKey -> defs.put(routeId(type),
                    object(PipelineModel.route(routeId(type), List.of(targetKey), true, catalog.routeOptions(type)))));
        }
        Map<String, Object> interpolated = new LinkedHashMap<>();
        interpolated.put("description", "A value written with an environment variable, ${NAME} or ${NAME:-default},"
                + " replaced before the value is read; $${ writes a literal ${.");
        interpolated.put("type", "string");
        interpolated.put("pattern", INTERPOLATION_PATTERN);
        defs.put(INTERPOLATED, interpolated);
        root.put("$defs", defs);
        return JsonWriter.write(root);
    }

    private static String connectionId(String type) {
        return type + "Connection";
    }

    private static String routeId(String type) {
        return type + "Route";
    }

    /** {@code sink}, with {@code type} one of the catalog's types and, per type, its connection options and routes. */
    private static Map<String, Object> sink(SinkCatalog catalog, List<String> types) {
        List<ConfigKey> keys = new ArrayList<>();
        for (ConfigKey key : PipelineModel.SINK.keys()) {
            keys.add(key.name().equals("type") ? new ConfigKey(key.name(), ValueType.oneOf(types), key.required(), null,
                    key.description() + " Available: " + String.join(", ", types) + ".", key.secret()) : key);
        }
        ConfigObject sink = new ConfigObject(PipelineModel.SINK.id(), PipelineModel.SINK.description(), keys);
        Map<String, Object> schema = object(sink);
        List<Object> cases = new ArrayList<>();
        for (String type : types) {
            Map<String, Object> then = new LinkedHashMap<>();
            if (!catalog.connectionOptions(type).isEmpty()) {
                then.put("connection", ref(connectionId(type)));
            }
            if (catalog.targetKey(type).isPresent()) {
                then.put("views", Map.of("items", ref(routeId(type))));
            }
            if (then.isEmpty()) {
                continue;
            }
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("properties", Map.of("type", Map.of("const", type)));
            condition.put("required", List.of("type"));
            Map<String, Object> branch = new LinkedHashMap<>();
            branch.put("if", condition);
            branch.put("then", Map.of("properties", then));
            cases.add(branch);
        }
        if (!cases.isEmpty()) {
            schema.put("allOf", cases);
        }
        return schema;
    }

    private static Map<String, Object> object(ConfigObject object) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("description", object.description());
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (ConfigKey key : object.keys()) {
            properties.put(key.name(), property(key, !key.required() && !object.exactlyOne()));
        }
        schema.put("properties", properties);
        if (!object.requiredNames().isEmpty()) {
            schema.put("required", object.requiredNames());
        }
        if (object.exactlyOne()) {
            schema.put("minProperties", 1);
            schema.put("maxProperties", 1);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> property(ConfigKey key, boolean mayBeEmpty) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("description", key.description());
        if (key.defaultValue() != null) {
            schema.put("default", defaultValue(key));
        }
        schema.putAll(value(key.type(), mayBeEmpty));
        return schema;
    }

    private static Object defaultValue(ConfigKey key) {
        if (key.type() instanceof ValueType.Int) {
            return Integer.parseInt(key.defaultValue());
        }
        if (key.type() instanceof ValueType.Bool) {
            return Boolean.parseBoolean(key.defaultValue());
        }
        if (key.type() instanceof ValueType.Fraction) {
            return Double.parseDouble(key.defaultValue());
        }
        return key.defaultValue();
    }

    /** The schema of a value; {@code mayBeEmpty}: YAML null is allowed too (an optional key left empty counts as absent). */
    private static Map<String, Object> value(ValueType type, boolean mayBeEmpty) {
        List<Map<String, Object>> alternatives = new ArrayList<>();
        if (type instanceof ValueType.Text) {
            // Numbers and booleans are read as their text; ${...} is text already.
            List<String> jsonTypes = new ArrayList<>(List.of("string", "number", "boolean"));
            if (mayBeEmpty) {
                jsonTypes.add("null");
            }
            return map("type", jsonTypes);
        } else if (type instanceof ValueType.Int range) {
            Map<String, Object> integer = map("type", "integer");
            integer.put("minimum", range.min());
            if (range.max() != Integer.MAX_VALUE) {
                integer.put("maximum", range.max());
            }
            alternatives.add(integer);
            alternatives.add(ref(INTERPOLATED));
        } else if (type instanceof ValueType.Bool) {
            alternatives.add(map("type", "boolean"));
            alternatives.add(ref(INTERPOLATED));
        } else if (type instanceof ValueType.Duration) {
            Map<String, Object> duration = map("type", "string");
            duration.put("pattern", "^\\s*" + ValueType.DURATION_PATTERN + "\\s*$");
            alternatives.add(duration);
            alternatives.add(ref(INTERPOLATED));
        } else if (type instanceof ValueType.Size) {
            Map<String, Object> size = map("type", "string");
            size.put("pattern", "^\\s*" + ValueType.SIZE_PATTERN + "\\s*$");
            alternatives.add(size);
            alternatives.add(ref(INTERPOLATED));
        } else if (type instanceof ValueType.Fraction) {
            Map<String, Object> fraction = map("type", "number");
            fraction.put("exclusiveMinimum", 0);
            fraction.put("maximum", 1);
            alternatives.add(fraction);
            alternatives.add(ref(INTERPOLATED));
        } else if (type instanceof ValueType.Choice choice) {
            alternatives.add(map("enum", choice.values()));
            alternatives.add(ref(INTERPOLATED));
        } else if (type instanceof ValueType.ListOf list) {
            Map<String, Object> array = map("type", "array");
            array.put("items", value(list.item(), false));
            if (list.nonEmpty()) {
                array.put("minItems", 1);
            }
            alternatives.add(array);
        } else if (type instanceof ValueType.StringMap stringMap) {
            Map<String, Object> mapping = map("type", "object");
            // Entries of a map that must not be empty must have values; elsewhere an empty value is skipped.
            List<String> valueTypes = new ArrayList<>(List.of("string", "number", "boolean"));
            if (!stringMap.nonEmpty()) {
                valueTypes.add("null");
            }
            mapping.put("additionalProperties", map("type", valueTypes));
            if (stringMap.nonEmpty()) {
                mapping.put("minProperties", 1);
            }
            alternatives.add(mapping);
        } else if (type instanceof ValueType.ChoiceMap choices) {
            Map<String, Object> mapping = map("type", "object");
            mapping.put("additionalProperties", map("enum", choices.values()));
            alternatives.add(mapping);
        } else if (type instanceof ValueType.ListMap lists) {
            Map<String, Object> mapping = map("type", "object");
            mapping.put("additionalProperties", value(new ValueType.ListOf(lists.item(), true), false));
            alternatives.add(mapping);
        } else if (type instanceof ValueType.Obj object) {
            alternatives.add(ref(object.id()));
        } else if (type instanceof ValueType.Either either) {
            either.alternatives().forEach(alternative -> alternatives.add(value(alternative, false)));
        } else {
            throw new IllegalArgumentException("no schema for " + type);
        }
        if (mayBeEmpty) {
            alternatives.add(map("type", "null"));
        }
        return alternatives.size() == 1 ? alternatives.get(0) : map("anyOf", alternatives);
    }

    private static Map<String, Object> ref(String id) {
        return map("$ref", "#/$defs/" + id);
    }

    private static Map<String, Object> map(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
