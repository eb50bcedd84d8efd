package io.syncline.cdc;

import io.syncline.config.TableName;
import java.util.List;

/**
 * A captured table as the preflight needs it: whether it is partitioned or a partition, its primary
 * key, its row identity, its columns' types, and for a partitioned table its leaf partitions (where
 * the rows live, each with an identity of its own) and for a partition its ancestors.
 */
record SourceTable(TableName name, boolean partitioned, List<TableName> ancestors, List<String> primaryKey,
                   RowIdentity identity, List<ColumnType> columns, List<SourceTable> leaves) {

    SourceTable {
        ancestors = List.copyOf(ancestors);
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
        leaves = List.copyOf(leaves);
    }

    /** The relations whose rows an UPDATE or DELETE changes: the leaf partitions, or the table itself. */
    List<SourceTable> storage() {
        return partitioned ? leaves : List.of(this);
    }

    List<String> columnNames() {
        return columns.stream().map(ColumnType::column).toList();
    }
}
