package io.syncline.cdc;

import io.syncline.config.ConfigProblem;
import io.syncline.config.ExcludedColumn;
import io.syncline.config.SourceRef;
import io.syncline.config.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a PostgreSQL source before capture starts, then creates what Syncline owns there.
 *
 * <p>Syncline creates the publication itself (Debezium's {@code publication.autocreate.mode} stays
 * {@code disabled}): the problem is then reported here, before anything starts, with the statement to
 * run, and a publication shared with others only ever gains tables (Debezium's {@code filtered} mode
 * rewrites its table list to exactly the captured set).
 *
 * <p>Publishing a table must never break the application's writes, and no change may get lost on the
 * way: tables whose REPLICA IDENTITY carries no old values ({@link ReplicaIdentityCheck}), columns whose
 * values Debezium would drop ({@link CapturableTypes}) unless the file leaves them out of capture
 * ({@code source.excludeColumns}), exclusions that cannot be honoured, a partition listed with its root, and a
 * publication that would publish a partitioned table's changes under its partitions' names are refused
 * before anything is changed. The only table Syncline alters is one the pipeline file consents to
 * ({@code source.replicaIdentity}).
 */
public final class SourcePreflight {
    private static final Logger LOG = LoggerFactory.getLogger(SourcePreflight.class);
    /** How long ALTER TABLE may wait for its lock: a waiting ALTER holds up the application's queries on the table. */
    private static final String LOCK_TIMEOUT = "5s";

    /** Whether a replication slot in use by another process is a problem. */
    public enum SlotUse {
        /** At start: the slot must be free. */
        MUST_BE_FREE,
        /** Validating the file of a pipeline that may be running (it holds its slot). */
        MAY_BE_IN_USE
    }

    private final Connection connection;

    /** The connection must reach the source database as the user Debezium will use. */
    private static final String HEARTBEAT_COLUMNS = "(id int PRIMARY KEY, ts timestamptz)";
    /** Debezium's signalling table layout: id, type, data. */
    private static final String SIGNAL_COLUMNS = "(id varchar(64) PRIMARY KEY, type varchar(32) NOT NULL, data text)";

    public SourcePreflight(Connection connection) {
        this.connection = connection;
    }

    /**
     * Checks everything, then sets the REPLICA IDENTITY the pipeline file consents to, creates the
     * heartbeat table and the publication or adds missing tables to it.
     *
     * @return the options with the message keys of tables without a primary key ({@link MessageKeys})
     * @throws PreflightException listing every problem found; nothing was changed then (or, when setting a
     *                            consented REPLICA IDENTITY failed, nothing was published)
     */
    public CaptureOptions prepare(CaptureOptions options) throws SQLException {
        List<String> problems = check(options);
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
        List<SourceTable> tables = readTables(options.tables());
        setConsentedIdentities(options.requirements(), tables);
        createOwnTables(options);
        publish(options.publication(), options.publishedTables());
        return options.withMessageKeys(MessageKeys.of(tables, options.requirements()));
    }

    /** Every problem that stops capture, each with what to do; empty when the source is ready. Changes nothing. */
    public List<String> check(CaptureOptions options) throws SQLException {
        return check(options, SlotUse.MUST_BE_FREE);
    }

    /** {@link #check(CaptureOptions)}, with a slot held by another process reported or not. */
    public List<String> check(CaptureOptions options, SlotUse slotUse) throws SQLException {
        List<String> problems = new ArrayList<>(SharedChangeTopics.problems(options));
        checkWalLevel(problems);
        checkReplicationRole(problems);
        List<SourceTable> tables = new ArrayList<>();
        for (TableName table : options.tables()) {
            Optional<SourceTable> found = new SourceTables(connection).read(table);
            if (found.isEmpty()) {
                problems.add(at(options.requirements().placeOf(table)) + "table " + table + " does not exist in database "
                        + currentDatabase() + " (names are case-sensitive); create it or remove it from the pipeline");
            } else {
                tables.add(found.get());
            }
        }
        checkTables(tables, options, problems);
        checkSlot(options.slot(), slotUse, problems);
        checkPublication(options.publication(), tables, problems);
        checkOwnTable(options.heartbeatTable(), HEARTBEAT_COLUMNS, problems);
        checkOwnTable(options.signalTable(), SIGNAL_COLUMNS, problems);
        return problems;
    }

    /** {@code file:line:column: key.path: } of a place in the pipeline file, or nothing when it is not known. */
    static String at(SourceRef where) {
        return where.equals(SourceRef.UNKNOWN) ? "" : where.problem("").toString();
    }

    private void checkTables(List<SourceTable> tables, CaptureOptions options, List<String> problems) {
        ReplicaIdentityCheck identities = new ReplicaIdentityCheck(options.requirements());
        for (SourceTable table : tables) {
            String place = at(options.requirements().placeOf(table.name()));
            for (TableName ancestor : table.ancestors()) {
                if (options.tables().contains(ancestor)) {
                    problems.add(place + "table " + table.name() + " is a partition of " + ancestor + ", which is captured"
                            + " too: its changes are published under " + ancestor + " (publish_via_partition_root); remove "
                            + table.name() + " from source.tables");
                }
            }
            List<String> writeProblems = identities.writeProblems(table);
            problems.addAll(writeProblems);
            if (writeProblems.isEmpty()) {
                problems.addAll(identities.viewKeyProblems(table));
            }
            Set<String> excluded = options.requirements().excludedColumnsOf(table.name());
            List<RefusedColumn> refused = refusedColumns(table, excluded);
            Set<String> toExclude = new LinkedHashSet<>(excluded);
            refused.forEach(column -> toExclude.add(column.column()));
            for (RefusedColumn column : refused) {
                problems.add(place + column.describe() + " Nothing was changed. Store it as a type Syncline carries"
                        + " (e.g. text), leave it out of capture (" + RefusedColumn.exclusionYaml(table.name(), toExclude)
                        + "), or remove " + table.name() + " from source.tables");
            }
        }
        exclusionProblems(tables, options.requirements().excludedColumns()).forEach(p -> problems.add(p.toString()));
    }

    /**
     * The columns of {@code table} whose values capture would lose or mangle; empty when every column
     * arrives intact (also for a table that does not exist). For {@code syncline init}, which leaves
     * them out of capture.
     */
    public List<RefusedColumn> refusedColumns(TableName table) throws SQLException {
        Optional<SourceTable> found = new SourceTables(connection).read(table);
        return found.isEmpty() ? List.of() : refusedColumns(found.get(), Set.of());
    }

    /** Excluded columns are not captured, so their types do not matter. */
    private static List<RefusedColumn> refusedColumns(SourceTable table, Set<String> excluded) {
        List<RefusedColumn> refused = new ArrayList<>();
        for (ColumnType column : table.columns()) {
            if (!excluded.contains(column.column())) {
                CapturableTypes.problem(column).ifPresent(why ->
                        refused.add(new RefusedColumn(table.name(), column.column(), column.declared(), why)));
            }
        }
        return refused;
    }

    /**
     * Entries of {@code source.excludeColumns} that cannot be honoured, each at its place in the file: a
     * column the table does not have, and a column of the primary key or the REPLICA IDENTITY index
     * (they key the change events, and deletes find their documents by them). Tables that do not exist
     * are left to {@link #check}. Read before the views are planned, so that such an entry is reported
     * as itself rather than as a view's missing key.
     */
    public List<ConfigProblem> exclusionProblems(List<ExcludedColumn> excluded) throws SQLException {
        List<SourceTable> tables = new ArrayList<>();
        for (TableName name : ExcludedColumn.byTable(excluded).keySet()) {
            new SourceTables(connection).read(name).ifPresent(tables::add);
        }
        return exclusionProblems(tables, excluded);
    }

    private static List<ConfigProblem> exclusionProblems(List<SourceTable> tables, List<ExcludedColumn> excluded) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (ExcludedColumn column : excluded) {
            Optional<SourceTable> found = tables.stream().filter(t -> t.name().equals(column.table())).findFirst();
            if (found.isEmpty()) {
                continue;
            }
            SourceTable table = found.get();
            String name = column.column();
            if (!table.columnNames().contains(name)) {
                problems.add(column.where().problem("table " + table.name() + " has no column " + name
                        + " (names are case-sensitive; columns: " + String.join(", ", table.columnNames())
                        + "); remove it from source.excludeColumns"));
            } else if (table.primaryKey().contains(name)) {
                problems.add(column.where().problem("column " + name + " is part of the primary key of " + table.name()
                        + " (" + String.join(", ", table.primaryKey()) + "), which keys its change events: it cannot be"
                        + " excluded. Store it as a type Syncline carries, or remove " + table.name() + " from source.tables"));
            } else if (table.identity().setting() == 'i' && table.identity().columns().contains(name)) {
                problems.add(column.where().problem("column " + name + " is part of the REPLICA IDENTITY index of "
                        + table.name() + ", which keys its change events: it cannot be excluded. Store it as a type"
                        + " Syncline carries, or remove " + table.name() + " from source.tables"));
            }
        }
        return problems;
    }

    private List<SourceTable> readTables(List<TableName> names) throws SQLException {
        List<SourceTable> tables = new ArrayList<>();
        for (TableName name : names) {
            tables.add(new SourceTables(connection).read(name).orElseThrow());
        }
        return tables;
    }

    /** Before publishing: a published table whose identity carries nothing would refuse the application's writes. */
    private void setConsentedIdentities(SourceRequirements requirements, List<SourceTable> tables) throws SQLException {
        List<String> failed = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            s.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
            try {
                for (SourceTable table : tables) {
                    for (String statement : new ReplicaIdentityCheck(requirements).consentedStatements(table)) {
                        try {
                            s.execute(statement);
                            LOG.info("{}: ran {} (source.replicaIdentity)", table.name(), statement);
                        } catch (SQLException e) {
                            failed.add(at(requirements.consent(table.name()).orElseThrow().where()) + "could not set the"
                                    + " REPLICA IDENTITY of " + table.name() + " (" + e.getMessage().strip() + "); nothing"
                                    + " was published. Run this as the table's owner (at a quiet time: it waits for"
                                    + " the table's lock): " + statement);
                        }
                    }
                }
            } finally {
                s.execute("RESET lock_timeout");
            }
        }
        if (!failed.isEmpty()) {
            throw new PreflightException(failed);
        }
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

    private void checkSlot(String slot, SlotUse slotUse, List<String> problems) throws SQLException {
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
                if (rs.getBoolean("active") && slotUse == SlotUse.MUST_BE_FREE) {
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

    private void checkPublication(String publication, List<SourceTable> tables, List<String> problems)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pubinsert AND pubupdate AND pubdelete AND pubtruncate,"
                + " pubviaroot FROM pg_publication WHERE pubname = ?")) {
            s.setString(1, publication);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                if (!rs.getBoolean(1)) {
                    problems.add("publication " + publication + " does not publish every insert, update, delete and"
                            + " truncate: run ALTER PUBLICATION " + Sql.identifier(publication)
                            + " SET (publish = 'insert, update, delete, truncate')");
                }
                List<TableName> partitioned = tables.stream().filter(SourceTable::partitioned).map(SourceTable::name).toList();
                if (!rs.getBoolean(2) && !partitioned.isEmpty()) {
                    problems.add("publication " + publication + " publishes the changes of partitions under the partitions'"
                            + " own names (publish_via_partition_root is off), so the changes of partitioned table "
                            + partitioned.stream().map(TableName::toString).collect(Collectors.joining(", "))
                            + " would never reach the change topic: run ALTER PUBLICATION " + Sql.identifier(publication)
                            + " SET (publish_via_partition_root = true) (if others use this publication, check that they"
                            + " expect it)");
                }
            }
        }
    }

    /** A table of Syncline's own in the source (heartbeat, signal) exists or this user may create it. */
    private void checkOwnTable(TableName table, String columns, List<String> problems) throws SQLException {
        if (tableExists(table)) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT has_schema_privilege(n.oid, 'CREATE')"
                + " FROM pg_namespace n WHERE n.nspname = ?")) {
            s.setString(1, table.schema());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    problems.add("schema " + table.schema() + " for Syncline's table " + table.table() + " does not exist");
                } else if (!rs.getBoolean(1)) {
                    problems.add("Syncline's table " + table + " is missing and this user may not create it:"
                            + " create it as its owner: CREATE TABLE " + Sql.table(table) + " " + columns
                            + ", and let this user write to it");
                }
            }
        }
    }

    private void createOwnTables(CaptureOptions options) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + Sql.table(options.heartbeatTable()) + " " + HEARTBEAT_COLUMNS);
            s.execute("CREATE TABLE IF NOT EXISTS " + Sql.table(options.signalTable()) + " " + SIGNAL_COLUMNS);
        }
    }

    private void publish(String publication, List<TableName> tables) throws SQLException {
        Boolean allTables = publishesAllTables(publication);
        if (Boolean.TRUE.equals(allTables)) {
            return;
        }
        String statement;
        if (allTables == null) {
            // Partitioned tables publish under their own name, which Debezium's table list holds; no effect on other tables.
            statement = "CREATE PUBLICATION " + Sql.identifier(publication) + " FOR TABLE " + Sql.tables(tables)
                    + " WITH (publish_via_partition_root = true)";
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
