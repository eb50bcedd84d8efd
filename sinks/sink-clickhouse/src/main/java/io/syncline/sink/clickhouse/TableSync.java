package io.syncline.sink.clickhouse;

import io.syncline.sink.SchemaChangePolicy;
import io.syncline.sink.clickhouse.ClickHouseSinkOptions.SchemaEvolution;
import io.syncline.view.ViewSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a view's table and keeps its columns in line with the view: compares the table's
 * columns ({@code system.columns}) with the view's fields and runs what {@link TableChanges} says:
 * adds the missing ones ({@code ADD COLUMN IF NOT EXISTS}, safe when several writers do it at once;
 * or stops naming them under {@code schemaEvolution: fail}), widens narrower ones in place, and
 * keeps, drops or refuses columns no field fills any more ({@code schemaChanges}). A table that exists but was made for something else (another
 * engine, another sorting key, no version columns) is never altered: that is an error, since
 * deduplication would silently be wrong.
 */
final class TableSync {
    private static final Logger LOG = LoggerFactory.getLogger(TableSync.class);

    private final Connection connection;
    private final String database;
    private final SchemaEvolution evolution;
    private final SchemaChangePolicy policy;

    TableSync(Connection connection, String database, SchemaEvolution evolution, SchemaChangePolicy policy) {
        this.connection = connection;
        this.database = database;
        this.evolution = evolution;
        this.policy = policy;
    }

    void createDatabase() throws SQLException {
        execute("CREATE DATABASE IF NOT EXISTS " + TableDdl.quote(database));
    }

    /**
     * Makes the table hold every field of the view and the version columns.
     *
     * @return the table's columns, name to type, after any change
     * @throws IllegalStateException when the table does not fit the view and the policy does not
     *                               allow (or no ALTER can) fix it
     */
    Map<String, String> ensure(String table, ViewSchema schema) throws SQLException {
        Map<String, String> columns = columns(table);
        if (columns.isEmpty()) {
            execute(TableDdl.createTable(database, table, schema));
            LOG.info("created ClickHouse table {}.{} for view {}", database, table, schema.view());
            columns = columns(table);
        }
        checkEngineAndKey(table, schema, columns);
        TableChanges changes = TableChanges.plan(database, table, columns, schema, evolution, policy);
        if (!changes.refusals().isEmpty()) {
            throw new IllegalStateException(String.join("; ", changes.refusals()));
        }
        changes.notes().forEach(note -> LOG.info("ClickHouse table {}.{}: {}", database, table, note));
        for (String statement : changes.statements()) {
            execute(statement);
            LOG.info("ClickHouse table {}.{} changed for view {}: {}", database, table, schema.view(), statement);
        }
        return changes.statements().isEmpty() ? columns : columns(table);
    }

    /** What {@link #ensure} would do, one line each, changing nothing (refusals start with {@code refused:}). */
    List<String> pending(String table, ViewSchema schema) throws SQLException {
        Map<String, String> columns = columns(table);
        if (columns.isEmpty()) {
            return List.of(TableDdl.createTable(database, table, schema).replace("\n", " "));
        }
        TableChanges changes = TableChanges.plan(database, table, columns, schema, evolution, policy);
        List<String> lines = new ArrayList<>(changes.statements());
        changes.notes().forEach(note -> lines.add(database + "." + table + ": " + note));
        changes.refusals().forEach(refusal -> lines.add("refused: " + refusal));
        return lines;
    }

    /**
     * Adds columns for document fields the view's schema does not know (see
     * {@link TableDdl#UNTYPED_FIELD}).
     *
     * @return the table's columns after the change
     */
    Map<String, String> addUntypedFields(String table, Collection<String> fields, Map<String, String> columns)
            throws SQLException {
        Map<String, String> missing = new LinkedHashMap<>();
        fields.stream().filter(f -> !columns.containsKey(f)).forEach(f -> missing.put(f, TableDdl.UNTYPED_FIELD));
        return add(table, missing, columns, "document fields the view's schema does not know yet");
    }

    /** The table's columns in order, name to type as ClickHouse spells it; empty when there is no such table. */
    Map<String, String> columns(String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, type FROM system.columns WHERE database = ? AND table = ? ORDER BY position")) {
            query.setString(1, database);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return columns;
    }

    private Map<String, String> add(String table, Map<String, String> missing, Map<String, String> columns, String what)
            throws SQLException {
        if (missing.isEmpty()) {
            return columns;
        }
        if (evolution == SchemaEvolution.FAIL) {
            throw new IllegalStateException("ClickHouse table " + database + "." + table + " lacks columns " + missing.keySet()
                    + " for " + what + ", and schemaEvolution is fail: add them (or set schemaEvolution: add_columns)");
        }
        execute(TableDdl.addColumns(database, table, missing));
        LOG.info("added columns {} to ClickHouse table {}.{} for {}", missing, database, table, what);
        return columns(table);
    }

    private void checkEngineAndKey(String table, ViewSchema schema, Map<String, String> columns) throws SQLException {
        List<String> problems = new ArrayList<>();
        TableDdl.METADATA_COLUMNS.forEach((name, type) -> {
            if (!type.equals(columns.get(name))) {
                problems.add("column " + name + " should be " + type + " but is " + columns.getOrDefault(name, "missing"));
            }
        });
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT engine, sorting_key FROM system.tables WHERE database = ? AND name = ?")) {
            query.setString(1, database);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    String engine = rows.getString(1);
                    String sortingKey = rows.getString(2);
                    if (!engine.endsWith("ReplacingMergeTree")) {
                        problems.add("its engine is " + engine + ", not ReplacingMergeTree");
                    }
                    if (!SortingKey.columns(sortingKey).equals(schema.key())) {
                        problems.add("it is ordered by (" + sortingKey + ") but the view's key is " + schema.key());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("ClickHouse table " + database + "." + table + " does not fit view "
                    + schema.view() + ": " + String.join("; ", problems)
                    + ". Deduplication by version would be wrong; drop or rename the table so the sink can create it");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
