package io.syncline.cli.init;

import io.syncline.config.YamlScalars;

/**
 * Writes scalars of a pipeline file so that the loader reads back exactly the given text, whatever
 * it holds ({@link YamlScalars}: plain when that is safe, else double-quoted). Before quoting,
 * {@code ${} becomes {@code $${}, the loader's escape for a literal {@code ${}.
 */
final class YamlText {
    private YamlText() {
    }

    /** A literal value: the loader reads back exactly {@code text}, with no environment variable substituted. */
    static String literal(String text) {
        return YamlScalars.literal(text);
    }

    /**
     * A value that refers to an environment variable, {@code ${NAME:-fallback}}: the variable's value
     * when it is set and not empty, else {@code fallback}. A fallback the loader could not read back
     * inside {@code ${...}} (it holds '}' or '${') is written as a literal instead.
     */
    static String variable(String name, String fallback) {
        if (fallback.contains("}") || fallback.contains("${")) {
            return literal(fallback);
        }
        return quoted("${" + name + ":-" + fallback + "}");
    }

    /** {@code ${NAME}}: the loader reports the variable when it is not set. */
    static String requiredVariable(String name) {
        return quoted("${" + name + "}");
    }

    /** The text as a YAML scalar, plain when that is safe, else double-quoted. No interpolation escaping. */
    static String scalar(String text) {
        return YamlScalars.of(text);
    }

    static String quoted(String text) {
        return YamlScalars.quoted(text);
    }

    /**
     * Text for a comment: one line, control characters escaped, so that no name can end the comment
     * and start YAML of its own.
     */
    static String comment(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0x85) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
