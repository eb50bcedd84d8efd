package io.syncline.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A view: its name, the table its documents are built from (the root: one document per row), the
 * key columns of its documents (empty: the table's primary key), the tables joined into each
 * document, the transforms applied to each document, in declared order, and what a TRUNCATE of
 * any table it reads does to it.
 */
public record ViewSpec(String name, TableName table, List<String> key, List<JoinSpec> joins,
                       List<TransformSpec> transforms, SourceRef where, TruncatePolicy onTruncate) {

    public ViewSpec {
        key = List.copyOf(key);
        joins = List.copyOf(joins);
        transforms = List.copyOf(transforms);
        where = where == null ? SourceRef.UNKNOWN : where;
        onTruncate = onTruncate == null ? TruncatePolicy.PROPAGATE : onTruncate;
    }

    /** A view that propagates truncates (the default). */
    public ViewSpec(String name, TableName table, List<String> key, List<JoinSpec> joins, List<TransformSpec> transforms,
                    SourceRef where) {
        this(name, table, key, joins, transforms, where, TruncatePolicy.PROPAGATE);
    }

    /** A view of one table, as it is, keyed by {@code key} (empty: the primary key). */
    public ViewSpec(String name, TableName table, List<String> key) {
        this(name, table, key, List.of(), List.of(), SourceRef.UNKNOWN, TruncatePolicy.PROPAGATE);
    }

    /** Every table the view reads: its own first, then each joined table (nested ones too), without repeats. */
    public Set<TableName> tables() {
        Set<TableName> tables = new LinkedHashSet<>();
        tables.add(table);
        joins.forEach(join -> join.collectTables(tables));
        return tables;
    }
}
