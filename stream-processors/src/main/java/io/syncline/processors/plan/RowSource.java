package io.syncline.processors.plan;

import io.syncline.config.TableName;
import io.syncline.view.ViewSchema;

/**
 * A table as rows keyed by document id: the change topic it comes from and its columns, keyed by
 * {@code schema.key()} (the primary key, or a view's declared key for its root table).
 * {@code complete}: the rows keep every column, also ones added to the table after start; a
 * joined table's rows keep only the columns its joins use, so state stays small.
 */
public record RowSource(TableName table, String changeTopic, ViewSchema schema, boolean complete) {

    /** A stable name for the table's stores and internal topics: table and key columns. */
    public String name() {
        return table.schema() + "." + table.table() + "-by-" + String.join("-", schema.key());
    }
}
