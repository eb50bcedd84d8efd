package io.syncline.cli.init;

import io.syncline.config.TableName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The relations of a database that {@code syncline init} may offer to capture: tables, partitioned
 * tables, views, materialized views and foreign tables outside PostgreSQL's own schemas, with what
 * decides whether they can be captured safely. Column types and primary keys of the tables finally
 * captured are read with {@link io.syncline.cdc.SourceCatalog}, as {@code run} reads them.
 */
final class SourceTables {
    private static final String RELATIONS = """
            SELECT n.nspname, c.relname, c.relkind, c.relpersistence, c.relispartition, c.relreplident,
                   has_table_privilege(c.oid, 'SELECT') AS can_select,
                   (SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i
                      JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                     WHERE i.inhrelid = c.oid LIMIT 1) AS parent,
                   (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
                      CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                     WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key,
                   (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
                      CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                     WHERE i.indrelid = c.oid AND i.indisreplident) AS identity_index
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%'
            ORDER BY n.nspname, c.relname""";

    /**
     * One relation.
     *
     * @param kind            pg_class.relkind: r table, p partitioned table, v view, m materialized view, f foreign table
     * @param persistence     pg_class.relpersistence: p permanent, u unlogged, t temporary
     * @param parent          the partitioned table of a partition (schema.table as text), or null
     * @param replicaIdentity pg_class.relreplident: d default, f full, i index, n nothing
     * @param primaryKey      empty when there is none
     * @param identityIndex   the REPLICA IDENTITY USING INDEX index's columns, empty when there is none
     */
    record Relation(TableName table, char kind, char persistence, boolean partition, String parent,
                    char replicaIdentity, boolean canSelect, List<String> primaryKey, List<String> identityIndex) {

        boolean systemSchema() {
            return table.schema().startsWith("pg_temp_") || table.schema().startsWith("pg_toast_temp_");
        }
    }

    private SourceTables() {
    }

    static List<Relation> read(Connection connection) throws SQLException {
        List<Relation> relations = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(RELATIONS); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                relations.add(new Relation(new TableName(rs.getString(1), rs.getString(2)), rs.getString(3).charAt(0),
                        rs.getString(4).charAt(0), rs.getBoolean(5), rs.getString("parent"), rs.getString(6).charAt(0),
                        rs.getBoolean("can_select"), names(rs, "primary_key"), names(rs, "identity_index")));
            }
        }
        return relations;
    }

    private static List<String> names(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
