package io.syncline.processors.plan;

import io.syncline.config.TableName;
import io.syncline.view.ViewSchema;

/**
 * A table as rows keyed by document id: the change topic it comes from and its columns, keyed by
 * {@code schema.key()} (the primary key, or a view's declared key for its root table).
 */
public record RowSource(TableName table, String changeTopic, ViewSchema schema) {

    /** A stable name for the table's stores and internal topics: table and key columns. */
    public String name() {
        return table.schema() + "." + table.table() + "-by-" + String.join("-", schema.key());
    }
}
