package io.syncline.cdc;

import io.syncline.config.ExcludedColumn;
import io.syncline.config.TableName;
import io.syncline.view.ViewField;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the captured tables' structure from pg_catalog: columns (typed for the view model), primary
 * key and REPLICA IDENTITY. Columns left out of capture ({@code source.excludeColumns}) are left out
 * here too, so for the views, the schema-change watch and re-reads from the source they do not exist.
 * The caller owns the connection.
 */
public final class SourceCatalog {
    private static final String TABLE = """
            SELECT c.oid, c.relreplident
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""";

    // A domain is read as its base type with the domain's typmod; typcategory 'A' marks arrays
    // (other types such as name and point also have a typelem).
    private static final String COLUMNS = """
            SELECT a.attnum, a.attname, a.attnotnull OR t.typnotnull AS not_null,
                   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod,
                   bt.typname AS type_name, et.typname AS element_name
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
            LEFT JOIN pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private static final String PRIMARY_KEY = """
            SELECT a.attname
            FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = ? AND i.indisprimary
            ORDER BY k.ord""";

    private final Connection connection;
    private final Map<TableName, Set<String>> excluded;

    public SourceCatalog(Connection connection) {
        this(connection, List.of());
    }

    /** A catalog in which the {@code excluded} columns do not exist. */
    public SourceCatalog(Connection connection, List<ExcludedColumn> excluded) {
        this.connection = connection;
        this.excluded = ExcludedColumn.byTable(excluded);
    }

    public List<TableSchema> read(List<TableName> tables) throws SQLException {
        List<TableSchema> schemas = new ArrayList<>(tables.size());
        for (TableName table : tables) {
            schemas.add(read(table));
        }
        return schemas;
    }

    /**
     * The table's schema; a table without a primary key comes back with an empty key (the caller
     * decides: see {@link TableSchema#requirePrimaryKey()}).
     *
     * @throws IllegalArgumentException when the table does not exist
     */
    public TableSchema read(TableName table) throws SQLException {
        long oid;
        String replicaIdentity;
        try (PreparedStatement s = connection.prepareStatement(TABLE)) {
            s.setString(1, table.schema());
            s.setString(2, table.table());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("table " + table + " does not exist in database "
                            + connection.getCatalog() + " (schema and table names are case-sensitive)");
                }
                oid = rs.getLong(1);
                replicaIdentity = replicaIdentity(rs.getString(2));
            }
        }
        List<ViewField> fields = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        columns(oid, excluded.getOrDefault(table, Set.of()), fields, numbers);
        return new TableSchema(table, fields, primaryKey(oid), replicaIdentity, numbers);
    }

    private void columns(long oid, Set<String> excludedColumns, List<ViewField> fields, List<Integer> numbers)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (excludedColumns.contains(rs.getString("attname"))) {
                        continue;
                    }
                    numbers.add(rs.getInt("attnum"));
                    fields.add(new ViewField(rs.getString("attname"), PostgresTypes.fieldType(
                            rs.getString("type_name"), rs.getInt("typmod"), rs.getString("element_name"),
                            !rs.getBoolean("not_null"))));
                }
            }
        }
    }

    private List<String> primaryKey(long oid) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(PRIMARY_KEY)) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return key;
    }

    private static String replicaIdentity(String code) {
        return switch (code) {
            case "f" -> "full";
            case "i" -> "index";
            case "n" -> "nothing";
            default -> "default";
        };
    }
}
