package io.syncline.sink.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a table's sorting key as {@code system.tables.sorting_key} gives it: a list of
 * identifiers, each bare or in backquotes (ClickHouse quotes names that need it, e.g. with a space
 * or {@code #}, and escapes a backquote inside with a backslash), optionally in parentheses.
 */
final class SortingKey {
    private SortingKey() {
    }

    static List<String> columns(String sortingKey) {
        String text = sortingKey.strip();
        if (text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1);
        }
        List<String> columns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                } else if (c == '`') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '`') {
                quoted = true;
            } else if (c == ',') {
                columns.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank() || !columns.isEmpty()) {
            columns.add(current.toString().strip());
        }
        return columns;
    }
}
