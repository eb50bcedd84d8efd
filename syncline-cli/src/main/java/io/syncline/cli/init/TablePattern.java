package io.syncline.cli.init;

import io.syncline.config.TableName;
import java.util.regex.Pattern;

/**
 * A table or a pattern of tables as {@code syncline init} takes them: {@code schema.table},
 * {@code table} (in {@code public}), {@code schema.*}, {@code *} (every schema), with {@code *}
 * matching any text inside a name. Names are case-sensitive, as in the pipeline file; a part in
 * double quotes is taken literally (with {@code ""} for a quote), for names holding '.', '*' or '"':
 * {@code '"my.schema"."Order Lines"'}.
 */
record TablePattern(String text, Pattern schema, Pattern table, boolean wildcard) {

    static TablePattern parse(String text) {
        Part first = new Part();
        Part second = null;
        Part current = first;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    current.literal('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.literal(c);
                }
            } else if (c == '"') {
                quoted = true;
                current.quotedAny = true;
            } else if (c == '.') {
                if (second != null) {
                    throw new IllegalArgumentException("'" + text + "' is not a table name: write schema.table"
                            + " (double-quote a name that holds '.')");
                }
                second = new Part();
                current = second;
            } else if (c == '*') {
                current.regex.append(".*");
                current.wildcard = true;
            } else {
                current.literal(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("'" + text + "' has an unterminated '\"'");
        }
        if (second == null) {
            if (first.wildcard && first.regex.toString().equals(".*") && !first.quotedAny) {
                return new TablePattern(text, Pattern.compile(".*"), Pattern.compile(".*"), true); // *: everything
            }
            second = first;
            first = new Part();
            first.literal("public");
        }
        if (first.empty() || second.empty()) {
            throw new IllegalArgumentException("'" + text + "' is not a table name: write schema.table, schema.* or *");
        }
        return new TablePattern(text, Pattern.compile(first.regex.toString(), Pattern.DOTALL),
                Pattern.compile(second.regex.toString(), Pattern.DOTALL), first.wildcard || second.wildcard);
    }

    boolean matches(TableName name) {
        return schema.matcher(name.schema()).matches() && table.matcher(name.table()).matches();
    }

    private static final class Part {
        final StringBuilder regex = new StringBuilder();
        boolean wildcard;
        boolean quotedAny;
        private int length;

        void literal(char c) {
            regex.append(Pattern.quote(String.valueOf(c)));
            length++;
        }

        void literal(String s) {
            regex.append(Pattern.quote(s));
            length += s.length();
        }

        boolean empty() {
            return length == 0 && !wildcard;
        }
    }
}
