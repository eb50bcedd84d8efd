package io.syncline.processors.plan;

import io.syncline.config.JoinKind;
import io.syncline.config.JoinSpec;
import io.syncline.view.FieldType;
import java.util.List;

/**
 * A join resolved against the source's tables. For ONE, {@code localColumns} are the foreign-key
 * columns of the row it is joined into, in the order of the joined table's primary key; for MANY,
 * {@code remoteColumns} are the child's foreign-key columns in the order of the parent's key.
 * {@code fields} are the joined row's columns the document keeps; {@code type} is the type of
 * the document field (an object, or an array of objects).
 */
public record JoinPlan(String name, JoinKind kind, RowSource source, List<String> localColumns,
                       List<String> remoteColumns, List<String> fields, List<JoinSpec.SortKey> orderBy,
                       boolean required, List<JoinPlan> joins, FieldType type) {

    public JoinPlan {
        localColumns = List.copyOf(localColumns);
        remoteColumns = List.copyOf(remoteColumns);
        fields = List.copyOf(fields);
        orderBy = List.copyOf(orderBy);
        joins = List.copyOf(joins);
    }

    /** Adds this join's table and those of its nested joins. */
    void collectSources(List<RowSource> sources) {
        sources.add(source);
        joins.forEach(join -> join.collectSources(sources));
    }
}
