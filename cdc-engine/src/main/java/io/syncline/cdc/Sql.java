package io.syncline.cdc;

import io.syncline.config.TableName;
import java.util.List;
import java.util.stream.Collectors;

/** Quoting of identifiers for the few statements Syncline writes itself. */
public final class Sql {
    private Sql() {
    }

    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String table(TableName table) {
        return identifier(table.schema()) + "." + identifier(table.table());
    }

    static String tables(List<TableName> tables) {
        return tables.stream().map(Sql::table).collect(Collectors.joining(", "));
    }
}
