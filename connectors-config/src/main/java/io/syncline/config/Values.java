package io.syncline.config;

import java.time.Duration;
import java.util.List;

/**
 * Converts one YAML node at a key path to a typed value, or reports why it cannot and returns
 * null. Values are echoed in messages only through these typed checks, which secret keys never
 * go through.
 */
final class Values {
    private Values() {
    }

    /** The scalar's text (null for YAML null or an unresolved value); a mapping or list is reported. */
    static String text(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar.unresolved() ? null : scalar.text();
        }
        problems.at(path, "expected a single value, got " + node.kind());
        return null;
    }

    /**
     * The scalar's text when it is not empty; an empty value is reported as {@code whenEmpty}, a
     * mapping or list as the wrong type (an unresolved value was reported already).
     */
    static String nonEmptyText(YamlNode node, String path, Problems problems, String whenEmpty) {
        String text = text(node, path, problems);
        if (text != null && !text.isEmpty()) {
            return text;
        }
        if (node instanceof YamlNode.Scalar scalar && !scalar.unresolved()) {
            problems.at(path, whenEmpty);
        }
        return null;
    }

    /** {@code true} or {@code false}, in any case. */
    static Boolean bool(YamlNode node, String path, Problems problems) {
        String text = text(node, path, problems);
        if (text == null) {
            return null;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        problems.at(path, "'" + text + "' is not true or false");
        return null;
    }

    static Integer integer(YamlNode node, String path, Problems problems, int min, int max) {
        String text = text(node, path, problems);
        if (text == null) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            problems.at(path, "'" + text + "' is not a whole number");
            return null;
        }
        if (value < min || value > max) {
            problems.at(path, "must be " + range(min, max) + ", got " + value);
            return null;
        }
        return (int) value;
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
    }

    static Duration duration(YamlNode node, String path, Problems problems) {
        String text = text(node, path, problems);
        if (text == null) {
            return null;
        }
        Duration duration = Durations.parse(text);
        if (duration == null) {
            problems.at(path, "'" + text + "' is not a duration; write " + Durations.FORMAT);
        }
        return duration;
    }

    /** A size in bytes ({@link Sizes}), at least {@code min}. */
    static Long size(YamlNode node, String path, Problems problems, long min) {
        String text = text(node, path, problems);
        if (text == null) {
            return null;
        }
        Long bytes = Sizes.parse(text);
        if (bytes == null) {
            problems.at(path, "'" + text + "' is not a size; write " + Sizes.FORMAT);
        } else if (bytes < min) {
            problems.at(path, "must be at least " + Sizes.describe(min) + ", got " + text);
            return null;
        }
        return bytes;
    }

    /** A number above 0 and at most 1. */
    static Double fraction(YamlNode node, String path, Problems problems) {
        String text = text(node, path, problems);
        if (text == null) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            problems.at(path, "'" + text + "' is not a number; write a fraction above 0 and at most 1, e.g. 0.8");
            return null;
        }
        if (!(value > 0 && value <= 1)) {
            problems.at(path, "must be above 0 and at most 1 (a fraction, e.g. 0.8), got " + text);
            return null;
        }
        return value;
    }

    /** A list's items; anything else is reported and gives none. */
    static List<YamlNode> items(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlNode.Sequence sequence) {
            return sequence.items();
        }
        problems.at(path, "expected a list, got " + node.kind());
        return List.of();
    }
}
