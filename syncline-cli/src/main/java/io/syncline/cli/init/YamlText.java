package io.syncline.cli.init;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes scalars of a pipeline file so that the loader reads back exactly the given text, whatever
 * it holds. The rule: a value is written plain only when it is a lower-case identifier, optionally
 * dotted once ({@code public.orders}), and no YAML 1.1 word (null, true, yes, on, ...); everything else
 * is double-quoted with JSON-style escapes, which YAML 1.1 double-quoted scalars read back verbatim.
 * Before quoting, {@code ${} becomes {@code $${}, the loader's escape for a literal {@code ${}.
 */
final class YamlText {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    /** Words a YAML 1.1 resolver reads as null, booleans or the like (compared lower-cased). */
    private static final Set<String> WORDS = Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

    private YamlText() {
    }

    /** A literal value: the loader reads back exactly {@code text}, with no environment variable substituted. */
    static String literal(String text) {
        return scalar(text.replace("${", "$${"));
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
        return PLAIN.matcher(text).matches() && !WORDS.contains(text.toLowerCase(Locale.ROOT)) ? text : quoted(text);
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff
                            || (c >= 0xd800 && c <= 0xdfff)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
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
