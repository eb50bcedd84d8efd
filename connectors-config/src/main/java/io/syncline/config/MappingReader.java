package io.syncline.config;

import io.syncline.config.schema.ConfigKey;
import io.syncline.config.schema.ConfigObject;
import io.syncline.config.schema.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed access to one YAML mapping at a key path. Unknown keys are reported when the reader is
 * made; every accessor reports what is missing or mistyped and returns a fallback, so binding goes
 * on and collects every problem. An unresolved value (its interpolation problem already reported)
 * reads as absent and is not reported again.
 *
 * <p>The allowed keys, which of them are required, number ranges and defaults come from the
 * reader's {@link ConfigObject} (see {@link io.syncline.config.schema.PipelineModel}), the model the
 * JSON Schema is generated from. Reading a key the model does not declare, or reading a required
 * key as optional (or the reverse), is a programming error and throws {@link IllegalStateException}.
 */
final class MappingReader {

    private final String path;
    private final Map<String, YamlNode> values;
    private final Problems problems;
    private final ConfigObject object;
    /** False when the node was not a mapping at all: that one problem says it, not one per missing key. */
    private final boolean reportMissing;

    private MappingReader(String path, Map<String, YamlNode> values, Problems problems, ConfigObject object,
                          boolean reportMissing) {
        this.path = path;
        this.values = values;
        this.problems = problems;
        this.object = object;
        this.reportMissing = reportMissing;
    }

    /** A reader for {@code node} when it is a mapping; otherwise the problem is reported and the reader is empty. */
    static MappingReader of(YamlNode node, String path, Problems problems, ConfigObject object) {
        List<String> allowedKeys = object.names();
        Map<String, YamlNode> values = new LinkedHashMap<>();
        boolean wrongType = false;
        if (node instanceof YamlNode.Mapping mapping) {
            for (YamlNode.Entry entry : mapping.entries()) {
                values.put(entry.key(), entry.value());
                if (!allowedKeys.contains(entry.key())) {
                    problems.atKey(KeyPaths.child(path, entry.key()), unknownKey(entry.key(), allowedKeys));
                }
            }
        } else if (!isAbsent(node)) {
            problems.at(path, "expected a mapping (key: value), got " + node.kind());
            wrongType = true;
        }
        return new MappingReader(path, values, problems, object, !wrongType);
    }

    private static String unknownKey(String key, List<String> allowedKeys) {
        return Suggestions.closest(key, allowedKeys)
                .map(suggestion -> "unknown key; did you mean '" + suggestion + "'?")
                .orElseGet(() -> "unknown key; expected one of " + String.join(", ", allowedKeys));
    }

    /** The model's key; throws when the binder reads a key the model does not declare here. */
    private ConfigKey declared(String key) {
        return object.key(key).orElseThrow(() -> new IllegalStateException(
                "the binder reads '" + key + "' at " + (path.isEmpty() ? "the top level" : path)
                        + ", which the pipeline model's '" + object.id() + "' does not declare"));
    }

    /** Checks that the binder reads {@code key} as required exactly when the model says it is (one key of an exactly-one mapping is too). */
    private ConfigKey declared(String key, boolean readAsRequired) {
        ConfigKey declared = declared(key);
        boolean required = declared.required() || object.exactlyOne();
        if (required != readAsRequired) {
            throw new IllegalStateException("the binder reads '" + key + "' of '" + object.id() + "' as "
                    + (readAsRequired ? "required" : "optional") + ", the pipeline model says " + (required ? "required" : "optional"));
        }
        return declared;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return KeyPaths.child(path, key);
    }

    /** The value under {@code key}, unless it is absent, null, empty or unresolved. */
    Optional<YamlNode> node(String key) {
        declared(key);
        YamlNode node = values.get(key);
        return isAbsent(node) ? Optional.empty() : Optional.of(node);
    }

    /** Present but unresolved: reported already, so "is required" would be a second, wrong problem. */
    private boolean isUnresolved(String key) {
        return values.get(key) instanceof YamlNode.Scalar scalar && scalar.unresolved();
    }

    /** The mapping under {@code key} with the keys of {@code child}; an empty reader when it is missing. */
    MappingReader mapping(String key, ConfigObject child) {
        declared(key, false);
        return of(values.get(key), pathOf(key), problems, child);
    }

    /** The mapping under {@code key}; empty (and reported) when it is missing. */
    Optional<MappingReader> requiredMapping(String key, ConfigObject child) {
        declared(key, true);
        if (node(key).isEmpty()) {
            reportRequired(key);
            return Optional.empty();
        }
        return Optional.of(of(values.get(key), pathOf(key), problems, child));
    }

    /** The value under {@code key}; empty (and reported) when it is missing. */
    Optional<YamlNode> requiredNode(String key) {
        declared(key, true);
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            reportRequired(key);
        }
        return node;
    }

    String requiredString(String key) {
        declared(key, true);
        String text = text(key, null);
        if (text == null && node(key).isEmpty()) {
            reportRequired(key);
        }
        return text;
    }

    /** An optional value; {@code fallback} when it is missing (the model's default, or one that depends on other values). */
    String string(String key, String fallback) {
        declared(key, false);
        return text(key, fallback);
    }

    /** An optional value; the model's default when it is missing. */
    String string(String key) {
        return string(key, declared(key, false).defaultValue());
    }

    private String text(String key, String fallback) {
        return node(key).map(node -> Values.text(node, pathOf(key), problems)).orElse(fallback);
    }

    /** An optional boolean; the model's default when it is missing. */
    boolean bool(String key) {
        boolean fallback = Boolean.parseBoolean(declared(key, false).defaultValue());
        Boolean value = node(key).map(node -> Values.bool(node, pathOf(key), problems)).orElse(null);
        return value == null ? fallback : value;
    }

    /** An optional whole number in the model's range; the model's default when it is missing. */
    int integer(String key) {
        ConfigKey declared = declared(key, false);
        if (!(declared.type() instanceof ValueType.Int range)) {
            throw new IllegalStateException("'" + key + "' of '" + object.id() + "' is not a whole number in the pipeline model");
        }
        int fallback = Integer.parseInt(declared.defaultValue());
        Integer value = node(key).map(node -> Values.integer(node, pathOf(key), problems, range.min(), range.max())).orElse(null);
        return value == null ? fallback : value;
    }

    /** An optional duration; the model's default when it is missing. */
    Duration duration(String key) {
        Duration fallback = Durations.parse(declared(key, false).defaultValue());
        Duration value = node(key).map(node -> Values.duration(node, pathOf(key), problems)).orElse(null);
        return value == null ? fallback : value;
    }

    /** An optional size in bytes, at least {@code min}; {@code fallback} when it is missing or wrong. */
    long size(String key, long min, long fallback) {
        if (!(declared(key, false).type() instanceof ValueType.Size)) {
            throw new IllegalStateException("'" + key + "' of '" + object.id() + "' is not a size in the pipeline model");
        }
        Long value = node(key).map(node -> Values.size(node, pathOf(key), problems, min)).orElse(null);
        return value == null ? fallback : value;
    }

    /** An optional fraction in (0, 1]; the model's default when it is missing. */
    double fraction(String key) {
        ConfigKey declared = declared(key, false);
        if (!(declared.type() instanceof ValueType.Fraction)) {
            throw new IllegalStateException("'" + key + "' of '" + object.id() + "' is not a fraction in the pipeline model");
        }
        double fallback = Double.parseDouble(declared.defaultValue());
        Double value = node(key).map(node -> Values.fraction(node, pathOf(key), problems)).orElse(null);
        return value == null ? fallback : value;
    }

    /** The items under {@code key}: none when absent; reported and none when it is not a list. */
    List<YamlNode> list(String key) {
        declared(key, false);
        return node(key).map(node -> Values.items(node, pathOf(key), problems)).orElse(List.of());
    }

    /**
     * The mappings listed under {@code key}, each read with the keys of {@code item} and bound by
     * {@code bind} before the next is read, in file order: index {@code i} is {@code key[i]}.
     */
    <T> List<T> mappings(String key, ConfigObject item, Function<MappingReader, T> bind) {
        List<YamlNode> items = list(key);
        List<T> bound = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            bound.add(bind.apply(of(items.get(i), KeyPaths.item(pathOf(key), i), problems, item)));
        }
        return List.copyOf(bound);
    }

    /** Like {@link #list}, but at least one item is required. */
    List<YamlNode> requiredList(String key) {
        declared(key, true);
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            reportRequired(key);
            return List.of();
        }
        if (node.get() instanceof YamlNode.Sequence sequence && sequence.items().isEmpty()) {
            problems.at(pathOf(key), "must list at least one item");
        }
        return Values.items(node.get(), pathOf(key), problems);
    }

    /** A mapping of single values, e.g. pass-through properties; numbers and booleans become their text. */
    Map<String, String> stringMap(String key) {
        declared(key, false);
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Map.of();
        }
        if (!(node.get() instanceof YamlNode.Mapping mapping)) {
            problems.at(pathOf(key), "expected a mapping (key: value), got " + node.get().kind());
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (YamlNode.Entry entry : mapping.entries()) {
            String text = Values.text(entry.value(), KeyPaths.child(pathOf(key), entry.key()), problems);
            if (text != null) {
                result.put(entry.key(), text);
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * A mapping of names to lists (a {@link ValueType.ListMap}), e.g. {@code excludeColumns:
     * {public.places: [location]}}: each list's items, none when absent; a value that is not a
     * non-empty list is reported and left out.
     */
    Map<String, List<YamlNode>> listMap(String key) {
        if (!(declared(key, false).type() instanceof ValueType.ListMap)) {
            throw new IllegalStateException("'" + key + "' of '" + object.id() + "' is not a map of lists");
        }
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Map.of();
        }
        if (!(node.get() instanceof YamlNode.Mapping mapping)) {
            problems.at(pathOf(key), "expected a mapping (key: [...]), got " + node.get().kind());
            return Map.of();
        }
        Map<String, List<YamlNode>> result = new LinkedHashMap<>();
        for (YamlNode.Entry entry : mapping.entries()) {
            String path = KeyPaths.child(pathOf(key), entry.key());
            if (entry.value() instanceof YamlNode.Scalar scalar && (scalar.isEmpty() || scalar.unresolved())) {
                if (!scalar.unresolved()) {
                    problems.at(path, "must list at least one item");
                }
                continue;
            }
            List<YamlNode> items = Values.items(entry.value(), path, problems);
            if (entry.value() instanceof YamlNode.Sequence sequence && sequence.items().isEmpty()) {
                problems.at(path, "must list at least one item");
            } else if (!items.isEmpty()) {
                result.put(entry.key(), items);
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * A mapping of names to one of the words its {@link ValueType.ChoiceMap} allows, e.g.
     * {@code mappings: {metadata: flattened}}; a value that is not one of them is a problem with a did-you-mean.
     */
    Map<String, String> choiceMap(String key) {
        if (!(declared(key).type() instanceof ValueType.ChoiceMap choices)) {
            throw new IllegalStateException("'" + key + "' of '" + object.id() + "' is not a choice map");
        }
        Map<String, String> result = new LinkedHashMap<>();
        stringMap(key).forEach((name, value) -> {
            if (choices.values().contains(value)) {
                result.put(name, value);
            } else {
                problems.at(KeyPaths.child(pathOf(key), name), "unknown value '" + value + "'"
                        + Suggestions.didYouMean(value, choices.values()) + Suggestions.listing("allowed", choices.values()));
            }
        });
        return Collections.unmodifiableMap(result);
    }

    private void reportRequired(String key) {
        if (reportMissing && !isUnresolved(key)) {
            problems.at(pathOf(key), "is required");
        }
    }

    private static boolean isAbsent(YamlNode node) {
        return node == null || node instanceof YamlNode.Scalar scalar && (scalar.isEmpty() || scalar.unresolved());
    }
}
