package io.syncline.daemon;

import io.syncline.cdc.PostgresConnections;
import io.syncline.cdc.SourceCatalog;
import io.syncline.cdc.TableSchema;
import io.syncline.config.PipelineSpec;
import io.syncline.config.TableName;
import io.syncline.config.ViewSpec;
import io.syncline.view.ViewSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schema of each view: its table's columns, keyed by the view's declared key or the table's primary key. */
public final class ViewSchemas {
    private ViewSchemas() {
    }

    /** Reads the captured tables' columns from the source and derives every view's schema. */
    public static Map<String, ViewSchema> read(PipelineSpec spec) throws SQLException {
        Map<TableName, TableSchema> tables = new LinkedHashMap<>();
        try (Connection connection = PostgresConnections.open(spec.source().postgres())) {
            for (TableSchema table : new SourceCatalog(connection).read(spec.source().tables())) {
                tables.put(table.table(), table);
            }
        }
        return of(spec.views(), tables);
    }

    static Map<String, ViewSchema> of(List<ViewSpec> views, Map<TableName, TableSchema> tables) {
        Map<String, ViewSchema> schemas = new LinkedHashMap<>();
        for (ViewSpec view : views) {
            TableSchema table = tables.get(view.table());
            if (table == null) {
                throw new IllegalStateException("view " + view.name() + ": table " + view.table() + " was not read from the source");
            }
            List<String> key = view.key().isEmpty() ? table.requirePrimaryKey() : view.key();
            for (String column : key) {
                if (table.fields().stream().noneMatch(f -> f.name().equals(column))) {
                    throw new IllegalStateException("view " + view.name() + ": key column " + column
                            + " is not a column of " + view.table());
                }
            }
            schemas.put(view.name(), new ViewSchema(view.name(), table.fields(), key));
        }
        return schemas;
    }
}
