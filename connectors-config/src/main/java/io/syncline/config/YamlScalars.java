package io.syncline.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a value as a YAML scalar that the loader reads back as exactly that text: plain only when it
 * is a lower-case identifier, optionally dotted once ({@code public.orders}), and no YAML 1.1 word
 * (null, true, yes, on, ...); everything else double-quoted with JSON-style escapes, which YAML 1.1
 * double-quoted scalars read back verbatim. For messages and files that show YAML to copy.
 */
public final class YamlScalars {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    /** Words a YAML 1.1 resolver reads as null, booleans or the like (compared lower-cased). */
    private static final Set<String> WORDS = Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

    private YamlScalars() {
    }

    /** A value the loader reads back as exactly {@code text}: {@code ${} written as the loader's escape {@code $${}. */
    public static String literal(String text) {
        return of(text.replace("${", "$${"));
    }

    /** The text as a YAML scalar, plain when that is safe, else double-quoted. No interpolation escaping. */
    public static String of(String text) {
        return PLAIN.matcher(text).matches() && !WORDS.contains(text.toLowerCase(Locale.ROOT)) ? text : quoted(text);
    }

    public static String quoted(String text) {
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
}
