package io.syncline.cdc;

import io.syncline.config.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a PostgreSQL source before capture starts, then creates what Syncline owns there.
 *
 * <p>Syncline creates the publication itself (Debezium's {@code publication.autocreate.mode} stays
 * {@code disabled}): the problem is then reported here, before anything starts, with the statement to
 * run, and a publication shared with others only ever gains tables (Debezium's {@code filtered} mode
 * rewrites its table list to exactly the captured set).
 */
public final class SourcePreflight {
    private static final Logger LOG = LoggerFactory.getLogger(SourcePreflight.class);

    private final Connection connection;

    /** The connection must reach the source database as the user Debezium will use. */
    public SourcePreflight(Connection connection) {
        this.connection = connection;
    }

    /**
     * Checks everything, then creates the heartbeat table and the publication or adds missing tables
     * to it.
     *
     * @throws PreflightException listing every problem found; nothing was changed then
     */
    public void prepare(CaptureOptions options) throws SQLException {
        List<String> problems = check(options);
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
        createHeartbeatTable(options.heartbeatTable());
        publish(options.publication(), options.publishedTables());
    }

    /** Every problem that stops capture, each with what to do; empty when the source is ready. Changes nothing. */
    public List<String> check(CaptureOptions options) throws SQLException {
        List<String> problems = new ArrayList<>();
        checkWalLevel(problems);
        checkReplicationRole(problems);
        for (TableName table : options.tables()) {
            if (!tableExists(table)) {
                problems.add("table " + table + " does not exist in database " + currentDatabase()
                        + " (names are case-sensitive); create it or remove it from the pipeline");
            }
        }
        checkSlot(options.slot(), problems);
        checkPublication(options.publication(), problems);
        checkHeartbeatSchema(options.heartbeatTable(), problems);
        return problems;
    }

    private void checkWalLevel(List<String> problems) throws SQLException {
        String walLevel = queryString("SHOW wal_level");
        if (!"logical".equals(walLevel)) {
            problems.add("wal_level is '" + walLevel + "', logical decoding needs 'logical': run "
                    + "ALTER SYSTEM SET wal_level = logical (or set it in postgresql.conf) and restart PostgreSQL");
        }
    }

    private void checkReplicationRole(List<String> problems) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, rolsuper, rolreplication FROM pg_roles"
                     + " WHERE rolname = current_user")) {
            if (rs.next() && !rs.getBoolean(2) && !rs.getBoolean(3)) {
                problems.add("user " + rs.getString(1) + " may not replicate: run ALTER ROLE "
                        + Sql.identifier(rs.getString(1)) + " WITH REPLICATION (or connect as a user who has it)");
            }
        }
    }

    private void checkSlot(String slot, List<String> problems) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT plugin, slot_type, database, active, active_pid"
                + " FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    checkFreeSlot(slot, problems);
                    return;
                }
                String drop = "drop it (SELECT pg_drop_replication_slot('" + slot + "')) or choose another slot";
                if (!"logical".equals(rs.getString("slot_type")) || !"pgoutput".equals(rs.getString("plugin"))) {
                    problems.add("slot " + slot + " exists but is a " + rs.getString("slot_type") + " slot with plugin '"
                            + rs.getString("plugin") + "', Syncline needs a logical slot with pgoutput: " + drop);
                } else if (!currentDatabase().equals(rs.getString("database"))) {
                    problems.add("slot " + slot + " belongs to database " + rs.getString("database") + ", not "
                            + currentDatabase() + ": choose another slot");
                }
                if (rs.getBoolean("active")) {
                    problems.add("slot " + slot + " is in use by PID " + rs.getInt("active_pid")
                            + " (another Syncline or a stale process); stop it or choose another slot");
                }
            }
        }
    }

    private void checkFreeSlot(String slot, List<String> problems) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), current_setting('max_replication_slots')::int"
                     + " FROM pg_replication_slots")) {
            rs.next();
            if (rs.getInt(1) >= rs.getInt(2)) {
                problems.add("slot " + slot + " cannot be created: all " + rs.getInt(2) + " replication slots are"
                        + " taken; drop an unused slot or raise max_replication_slots (and restart PostgreSQL)");
            }
        }
    }

    private void checkPublication(String publication, List<String> problems) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT pubinsert, pubupdate, pubdelete FROM pg_publication WHERE pubname = ?")) {
            s.setString(1, publication);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && !(rs.getBoolean(1) && rs.getBoolean(2) && rs.getBoolean(3))) {
                    problems.add("publication " + publication + " does not publish every insert, update and delete:"
                            + " run ALTER PUBLICATION " + Sql.identifier(publication)
                            + " SET (publish = 'insert, update, delete, truncate')");
                }
            }
        }
    }

    private void checkHeartbeatSchema(TableName heartbeat, List<String> problems) throws SQLException {
        if (tableExists(heartbeat)) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT has_schema_privilege(n.oid, 'CREATE')"
                + " FROM pg_namespace n WHERE n.nspname = ?")) {
            s.setString(1, heartbeat.schema());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    problems.add("schema " + heartbeat.schema() + " for the heartbeat table does not exist");
                } else if (!rs.getBoolean(1)) {
                    problems.add("the heartbeat table " + heartbeat + " is missing and this user may not create it:"
                            + " create it as its owner: CREATE TABLE " + Sql.table(heartbeat)
                            + " (id int PRIMARY KEY, ts timestamptz), and let this user write to it");
                }
            }
        }
    }

    private void createHeartbeatTable(TableName heartbeat) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + Sql.table(heartbeat) + " (id int PRIMARY KEY, ts timestamptz)");
        }
    }

    private void publish(String publication, List<TableName> tables) throws SQLException {
        Boolean allTables = publishesAllTables(publication);
        if (Boolean.TRUE.equals(allTables)) {
            return;
        }
        String statement;
        if (allTables == null) {
            statement = "CREATE PUBLICATION " + Sql.identifier(publication) + " FOR TABLE " + Sql.tables(tables);
        } else {
            Set<TableName> missing = new LinkedHashSet<>(tables);
            missing.removeAll(publishedTables(publication));
            if (missing.isEmpty()) {
                return;
            }
            statement = "ALTER PUBLICATION " + Sql.identifier(publication) + " ADD TABLE "
                    + Sql.tables(List.copyOf(missing));
        }
        try (Statement s = connection.createStatement()) {
            s.execute(statement);
            LOG.info("Publication {} now covers {}", publication, tables);
        } catch (SQLException e) {
            throw new PreflightException(List.of("could not update publication " + publication + " (" + e.getMessage()
                    + "): run this as the tables' owner or a superuser: " + statement));
        }
    }

    /** TRUE for a FOR ALL TABLES publication, FALSE for any other, null when it does not exist. */
    private Boolean publishesAllTables(String publication) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT puballtables FROM pg_publication WHERE pubname = ?")) {
            s.setString(1, publication);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private Set<TableName> publishedTables(String publication) throws SQLException {
        Set<TableName> tables = new LinkedHashSet<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ?")) {
            s.setString(1, publication);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tables;
    }

    private boolean tableExists(TableName table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            s.setString(1, table.schema());
            s.setString(2, table.table());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String currentDatabase() throws SQLException {
        return queryString("SELECT current_database()");
    }

    private String queryString(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
