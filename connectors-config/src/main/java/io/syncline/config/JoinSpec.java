package io.syncline.config;

import java.util.List;
import java.util.Set;

/**
 * A table joined into the documents of a view (or into the rows of an enclosing join).
 *
 * <p>{@link JoinKind#ONE} (many-to-one) embeds the one row of {@code table} that {@code on} points
 * to, as an object named {@code name} (null when there is none); {@code on} maps this side's
 * foreign-key columns to the joined table's primary-key columns, e.g. {@code customer_id -> id}.
 *
 * <p>{@link JoinKind#MANY} (one-to-many) embeds every row of {@code table} that points back here,
 * as an array named {@code name} sorted by {@code orderBy} (then by primary key); {@code on} maps
 * this side's primary-key columns to the child's foreign-key columns, e.g. {@code id -> order_id}.
 *
 * <p>{@code fields} selects the joined row's columns (empty: all of them); nested {@code joins}
 * are joined into each joined row first (e.g. item -> product). {@code required}: a document whose
 * ONE join finds no row is left out of the view (inner join) instead of carrying null.
 */
public record JoinSpec(String name, JoinKind kind, TableName table, List<JoinColumn> on, List<String> fields,
                       List<SortKey> orderBy, boolean required, List<JoinSpec> joins, SourceRef where) {

    public JoinSpec {
        on = List.copyOf(on);
        fields = List.copyOf(fields);
        orderBy = List.copyOf(orderBy);
        joins = List.copyOf(joins);
        where = where == null ? SourceRef.UNKNOWN : where;
    }

    void collectTables(Set<TableName> tables) {
        tables.add(table);
        joins.forEach(join -> join.collectTables(tables));
    }

    /** One column pair of a join condition: this side's column and the joined table's column. */
    public record JoinColumn(String local, String remote) {
    }

    /** One sort key of a one-to-many join's array. */
    public record SortKey(String column, boolean descending) {
    }
}
