package io.syncline.cdc;

import io.syncline.config.TableName;
import io.syncline.view.ViewField;
import java.util.List;

/**
 * A captured table as the catalog sees it: its columns in ordinal order, typed for the view model,
 * its primary key columns (empty when it has none) and its REPLICA IDENTITY
 * ({@code default}, {@code full}, {@code index} or {@code nothing}).
 *
 * <p>With REPLICA IDENTITY {@code default}, an update that leaves a TOASTed column unchanged carries
 * {@code __debezium_unavailable_value} in that column; consumers must carry the previous value forward.
 *
 * <p>{@code columnNumbers}: each field's pg_attribute.attnum, in field order (empty when not read). A
 * column keeps its number when renamed, and a dropped one's number is never reused, so comparing
 * numbers tells a rename from a drop and an add.
 */
public record TableSchema(TableName table, List<ViewField> fields, List<String> primaryKey, String replicaIdentity,
                          List<Integer> columnNumbers) {

    public TableSchema {
        fields = List.copyOf(fields);
        primaryKey = List.copyOf(primaryKey);
        columnNumbers = List.copyOf(columnNumbers);
        if (!columnNumbers.isEmpty() && columnNumbers.size() != fields.size()) {
            throw new IllegalArgumentException("one column number per field");
        }
    }

    public TableSchema(TableName table, List<ViewField> fields, List<String> primaryKey, String replicaIdentity) {
        this(table, fields, primaryKey, replicaIdentity, List.of());
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    /** The primary key, or a clear error for a table without one (a view over it must declare its key). */
    public List<String> requirePrimaryKey() {
        if (primaryKey.isEmpty()) {
            throw new IllegalStateException("table " + table + " has no primary key: add one "
                    + "(ALTER TABLE " + Sql.table(table) + " ADD PRIMARY KEY (...)) or declare the view's key columns");
        }
        return primaryKey;
    }

    /** True when updates and deletes carry every column's old value, TOASTed ones included. */
    public boolean replicaIdentityFull() {
        return "full".equals(replicaIdentity);
    }
}
