package io.syncline.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in scalar values (never in keys) with the
 * environment's values; {@code $${} stands for a literal {@code ${}. As in a POSIX shell,
 * {@code :-} also applies when the variable is set but empty. A scalar that names an unset
 * variable without a default is reported, by variable name, and marked unresolved.
 */
final class Interpolator {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;
    private final Problems problems;

    Interpolator(Map<String, String> environment, Problems problems) {
        this.environment = environment;
        this.problems = problems;
    }

    YamlNode interpolate(YamlNode node, String path) {
        if (node instanceof YamlNode.Mapping mapping) {
            List<YamlNode.Entry> entries = new ArrayList<>();
            for (YamlNode.Entry entry : mapping.entries()) {
                YamlNode value = interpolate(entry.value(), KeyPaths.child(path, entry.key()));
                entries.add(new YamlNode.Entry(entry.key(), value));
            }
            return new YamlNode.Mapping(List.copyOf(entries));
        }
        if (node instanceof YamlNode.Sequence sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (YamlNode item : sequence.items()) {
                items.add(interpolate(item, KeyPaths.item(path, items.size())));
            }
            return new YamlNode.Sequence(List.copyOf(items));
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        return scalar.text() == null || !scalar.text().contains("${") ? scalar : substitute(scalar.text(), path);
    }

    private YamlNode.Scalar substitute(String text, String path) {
        StringBuilder result = new StringBuilder();
        boolean resolved = true;
        int at = 0;
        while (at < text.length()) {
            if (text.startsWith("$${", at)) {
                result.append("${");
                at += 3;
            } else if (text.startsWith("${", at)) {
                int close = text.indexOf('}', at + 2);
                if (close < 0) {
                    problems.at(path, "unterminated '${' (write '$${' for a literal '${')");
                    return new YamlNode.Scalar(null, true);
                }
                String value = resolve(text.substring(at + 2, close), path);
                resolved &= value != null;
                result.append(value == null ? "" : value);
                at = close + 1;
            } else {
                result.append(text.charAt(at++));
            }
        }
        return resolved ? YamlNode.Scalar.of(result.toString()) : new YamlNode.Scalar(null, true);
    }

    /** The value of one {@code NAME} or {@code NAME:-default} reference, or null when it has none (reported). */
    private String resolve(String reference, String path) {
        int split = reference.indexOf(":-");
        String name = split < 0 ? reference : reference.substring(0, split);
        if (!VARIABLE_NAME.matcher(name).matches()) {
            problems.at(path, "'${" + reference + "}' does not name an environment variable"
                    + " (use ${NAME} or ${NAME:-default}; '$${' for a literal '${')");
            return null;
        }
        String value = environment.get(name);
        if (split >= 0 && (value == null || value.isEmpty())) {
            return reference.substring(split + 2);
        }
        if (value == null) {
            problems.at(path, "environment variable " + name + " is not set (use ${" + name + ":-default} to give a default)");
        }
        return value;
    }
}
