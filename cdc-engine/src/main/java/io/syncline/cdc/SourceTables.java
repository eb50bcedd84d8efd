package io.syncline.cdc;

import io.syncline.config.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads captured tables from pg_catalog for the preflight ({@link SourceTable}). The caller owns the connection. */
final class SourceTables {
    private static final String TABLE = """
            SELECT c.oid, c.relkind = 'p', c.relreplident
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""";

    /** The columns of the primary key ({@code indisprimary}) or of the replica identity index ({@code indisreplident}). */
    private static final String INDEX_COLUMNS = """
            SELECT a.attname
            FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = ? AND i.%s
            ORDER BY k.ord""";

    private static final String COLUMNS = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS declared, bt.typname AS base, bt.typtype AS base_kind,
                   et.typname AS element, et.typtype AS element_kind
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
            LEFT JOIN pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private static final String LEAVES = """
            SELECT n.nspname, c.relname, c.oid, c.relreplident
            FROM pg_partition_tree(?::oid::regclass) t
            JOIN pg_class c ON c.oid = t.relid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE t.isleaf AND c.relkind = 'r'
            ORDER BY t.level, n.nspname, c.relname""";

    private static final String ANCESTORS = """
            SELECT n.nspname, c.relname
            FROM pg_partition_ancestors(?::oid::regclass) a
            JOIN pg_class c ON c.oid = a.relid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE a.relid <> ?::oid""";

    private final Connection connection;

    SourceTables(Connection connection) {
        this.connection = connection;
    }

    /** The table, or empty when it does not exist (or is not a table). */
    Optional<SourceTable> read(TableName name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(TABLE)) {
            s.setString(1, name.schema());
            s.setString(2, name.table());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long oid = rs.getLong(1);
                boolean partitioned = rs.getBoolean(2);
                return Optional.of(table(name, oid, rs.getString(3).charAt(0), partitioned,
                        partitioned ? leaves(oid) : List.of(), ancestors(oid)));
            }
        }
    }

    private SourceTable table(TableName name, long oid, char identity, boolean partitioned, List<SourceTable> leaves,
                              List<TableName> ancestors) throws SQLException {
        List<ColumnType> columns = columns(oid);
        List<String> primaryKey = indexColumns(oid, "indisprimary");
        List<String> identityIndex = identity == 'i' ? indexColumns(oid, "indisreplident") : List.of();
        RowIdentity rowIdentity = RowIdentity.of(identity, columns.stream().map(ColumnType::column).toList(),
                primaryKey, identityIndex);
        return new SourceTable(name, partitioned, ancestors, primaryKey, rowIdentity, columns, leaves);
    }

    private List<SourceTable> leaves(long root) throws SQLException {
        List<SourceTable> leaves = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(LEAVES)) {
            s.setLong(1, root);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    leaves.add(table(new TableName(rs.getString(1), rs.getString(2)), rs.getLong(3),
                            rs.getString(4).charAt(0), false, List.of(), List.of()));
                }
            }
        }
        return leaves;
    }

    private List<TableName> ancestors(long oid) throws SQLException {
        List<TableName> ancestors = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(ANCESTORS)) {
            s.setLong(1, oid);
            s.setLong(2, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ancestors.add(new TableName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return ancestors;
    }

    private List<ColumnType> columns(long oid) throws SQLException {
        List<ColumnType> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String elementKind = rs.getString("element_kind");
                    columns.add(new ColumnType(rs.getString("attname"), rs.getString("declared"), rs.getString("base"),
                            rs.getString("base_kind").charAt(0), rs.getString("element"),
                            elementKind == null ? 0 : elementKind.charAt(0)));
                }
            }
        }
        return columns;
    }

    private List<String> indexColumns(long oid, String flag) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(INDEX_COLUMNS.formatted(flag))) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }
}
