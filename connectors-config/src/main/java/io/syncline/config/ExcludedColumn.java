package io.syncline.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code source.excludeColumns: {schema.table: [column, ...]}}: a column of a captured table that is
 * not captured at all (Debezium's {@code column.exclude.list}), e.g. one of a type Debezium would drop
 * or mangle. For the views it does not exist. {@code column} is the name exactly as PostgreSQL has it;
 * {@code where} is its item in the file.
 */
public record ExcludedColumn(TableName table, String column, SourceRef where) {

    public ExcludedColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        where = where == null ? SourceRef.UNKNOWN : where;
    }

    /** The names of {@code table}'s columns among {@code excluded}, in file order. */
    public static Set<String> namesOf(List<ExcludedColumn> excluded, TableName table) {
        return byTable(excluded).getOrDefault(table, Set.of());
    }

    /** The excluded columns' names by table, in file order. */
    public static Map<TableName, Set<String>> byTable(List<ExcludedColumn> excluded) {
        Map<TableName, Set<String>> byTable = new LinkedHashMap<>();
        excluded.forEach(c -> byTable.computeIfAbsent(c.table(), t -> new LinkedHashSet<>()).add(c.column()));
        byTable.replaceAll((table, columns) -> Collections.unmodifiableSet(columns));
        return Collections.unmodifiableMap(byTable);
    }
}
