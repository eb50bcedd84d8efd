package io.syncline.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to one YAML mapping at a key path. Unknown keys are reported when the reader is
 * made; every accessor reports what is missing or mistyped and returns a fallback, so binding goes
 * on and collects every problem. An unresolved value (its interpolation problem already reported)
 * reads as absent and is not reported again.
 */
final class MappingReader {

    private final String path;
    private final Map<String, YamlNode> values;
    private final Problems problems;
    /** False when the node was not a mapping at all: that one problem says it, not one per missing key. */
    private final boolean reportMissing;

    private MappingReader(String path, Map<String, YamlNode> values, Problems problems, boolean reportMissing) {
        this.path = path;
        this.values = values;
        this.problems = problems;
        this.reportMissing = reportMissing;
    }

    /** A reader for {@code node} when it is a mapping; otherwise the problem is reported and the reader is empty. */
    static MappingReader of(YamlNode node, String path, Problems problems, List<String> allowedKeys) {
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
        return new MappingReader(path, values, problems, !wrongType);
    }

    private static String unknownKey(String key, List<String> allowedKeys) {
        return Suggestions.closest(key, allowedKeys)
                .map(suggestion -> "unknown key; did you mean '" + suggestion + "'?")
                .orElseGet(() -> "unknown key; expected one of " + String.join(", ", allowedKeys));
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return KeyPaths.child(path, key);
    }

    /** The value under {@code key}, unless it is absent, null, empty or unresolved. */
    Optional<YamlNode> node(String key) {
        YamlNode node = values.get(key);
        return isAbsent(node) ? Optional.empty() : Optional.of(node);
    }

    /** Present but unresolved: reported already, so "is required" would be a second, wrong problem. */
    private boolean isUnresolved(String key) {
        return values.get(key) instanceof YamlNode.Scalar scalar && scalar.unresolved();
    }

    MappingReader mapping(String key, List<String> allowedKeys) {
        return of(values.get(key), pathOf(key), problems, allowedKeys);
    }

    /** The mapping under {@code key}; empty (and reported) when it is missing. */
    Optional<MappingReader> requiredMapping(String key, List<String> allowedKeys) {
        if (node(key).isEmpty()) {
            reportRequired(key);
            return Optional.empty();
        }
        return Optional.of(mapping(key, allowedKeys));
    }

    /** The value under {@code key}; empty (and reported) when it is missing. */
    Optional<YamlNode> requiredNode(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            reportRequired(key);
        }
        return node;
    }

    String requiredString(String key) {
        String text = string(key, null);
        if (text == null && node(key).isEmpty()) {
            reportRequired(key);
        }
        return text;
    }

    String string(String key, String fallback) {
        return node(key).map(node -> Values.text(node, pathOf(key), problems)).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        Boolean value = node(key).map(node -> Values.bool(node, pathOf(key), problems)).orElse(null);
        return value == null ? fallback : value;
    }

    int integer(String key, int fallback, int min, int max) {
        Integer value = node(key).map(node -> Values.integer(node, pathOf(key), problems, min, max)).orElse(null);
        return value == null ? fallback : value;
    }

    Duration duration(String key, Duration fallback) {
        Duration value = node(key).map(node -> Values.duration(node, pathOf(key), problems)).orElse(null);
        return value == null ? fallback : value;
    }

    /** The items under {@code key}: none when absent; reported and none when it is not a list. */
    List<YamlNode> list(String key) {
        return node(key).map(node -> Values.items(node, pathOf(key), problems)).orElse(List.of());
    }

    /** Like {@link #list}, but at least one item is required. */
    List<YamlNode> requiredList(String key) {
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

    private void reportRequired(String key) {
        if (reportMissing && !isUnresolved(key)) {
            problems.at(pathOf(key), "is required");
        }
    }

    private static boolean isAbsent(YamlNode node) {
        return node == null || node instanceof YamlNode.Scalar scalar && (scalar.isEmpty() || scalar.unresolved());
    }
}
