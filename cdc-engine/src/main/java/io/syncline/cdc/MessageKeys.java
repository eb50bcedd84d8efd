package io.syncline.cdc;

import io.syncline.config.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The key of change events of captured tables without a primary key (Debezium's
 * {@code message.key.columns}): without one Debezium sends them unkeyed, and Kafka spreads a row's
 * changes over the change topic's partitions, out of order. Such a table is keyed by the columns
 * that every view reading it has in its key, in the first view's order, so each view finds a row's
 * changes in one partition; when the views' keys share no column, by the first view's key (file
 * order). A table no view reads stays unkeyed.
 */
final class MessageKeys {
    private MessageKeys() {
    }

    static Map<TableName, List<String>> of(List<SourceTable> tables, SourceRequirements requirements) {
        Map<TableName, List<String>> keys = new LinkedHashMap<>();
        for (SourceTable table : tables) {
            List<SourceRequirements.ViewKey> views = requirements.viewKeysOf(table.name());
            if (!table.primaryKey().isEmpty() || views.isEmpty()) {
                continue;
            }
            List<String> shared = new ArrayList<>(views.get(0).columns());
            views.forEach(view -> shared.retainAll(view.columns()));
            keys.put(table.name(), shared.isEmpty() ? views.get(0).columns() : shared);
        }
        return keys;
    }

    /** {@code table:column,column;...}; Debezium reads the table and each column as regular expressions. */
    static String debeziumProperty(Map<TableName, List<String>> keys) {
        return keys.entrySet().stream()
                .map(key -> Pattern.quote(key.getKey().schema()) + "\\." + Pattern.quote(key.getKey().table()) + ":"
                        + key.getValue().stream().map(Pattern::quote).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }
}
