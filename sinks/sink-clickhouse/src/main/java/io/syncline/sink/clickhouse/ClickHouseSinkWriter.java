package io.syncline.sink.clickhouse;

import io.syncline.sink.Disposition;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.StoredDocument;
import io.syncline.sink.WriteOutcome;
import io.syncline.sink.clickhouse.TableRows.Row;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes view records to ClickHouse tables, insert-only: every version of a document is a row,
 * a delete is a row with {@code _deleted = 1}, and the {@code ReplacingMergeTree(_version,
 * _deleted)} keeps the highest version per key ({@code FINAL} or {@code argMax} read the current
 * state before merges catch up).
 * <p>
 * So every record that goes in is {@link WriteOutcome#WRITTEN}, also one older than what the
 * table holds: telling stale from new would need a read per key before each insert, and the
 * older row changes nothing, since it loses to the newer one at merge time and in FINAL.
 * Replaying a batch inserts rows identical to ones already there, which merge away the same way.
 * <p>
 * Each batch is one insert per table (grouped when a batch spans several views). A record that
 * cannot be stored as it is (a value that does not fit its column exactly, a refused row found by
 * {@link BisectingInserter}) is dead-lettered; the rest are written.
 */
final class ClickHouseSinkWriter implements SinkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

    /** Rows per fetch of {@link #scan}: a hint; the driver streams the result either way. */
    static final int SCAN_FETCH_SIZE = 2_000;

    private final String sinkName;
    private final ClickHouseSinkOptions options;
    private final Map<String, String> tables;
    private final Map<String, ViewSchema> schemas;
    /** Each table's columns as last read: a record whose fields are all here needs no schema check. */
    private final Map<String, Map<String, String>> columns = new HashMap<>();
    private Connection connection;
    private TableSync sync;

    ClickHouseSinkWriter(SinkOptions sinkOptions) {
        this.sinkName = sinkOptions.name();
        this.options = ClickHouseSinkOptions.from(sinkOptions.name(), sinkOptions.connection());
        this.tables = sinkOptions.targets();
        this.schemas = sinkOptions.schemas();
    }

    @Override
    public void prepare() throws SQLException {
        List<String> problems = new ArrayList<>();
        tables.forEach((view, table) -> {
            if (!schemas.containsKey(view)) {
                problems.add("view " + view + " has no schema");
            }
        });
        schemas.values().forEach(schema -> problems.addAll(TableDdl.problems(schema)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("sink " + sinkName + ": " + String.join("; ", problems));
        }
        connect();
        sync.createDatabase();
        for (Map.Entry<String, String> route : tables.entrySet()) {
            columns.put(route.getValue(), sync.ensure(route.getValue(), schemas.get(route.getKey())));
        }
        LOG.info("sink {}: ClickHouse at {} ready; database {}, tables {}", sinkName, options.url(), options.database(),
                tables.values());
    }

    private void connect() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(options.jdbcUrl(), options.jdbcProperties());
            sync = new TableSync(connection, options.database(), options.schemaEvolution(), options.schemaChanges());
        }
    }

    @Override
    public List<String> pendingChanges() throws SQLException {
        connect();
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> route : tables.entrySet()) {
            changes.addAll(sync.pending(route.getValue(), schemas.get(route.getKey())));
        }
        return changes;
    }

    @Override
    public List<WriteOutcome> write(List<SinkRecord> batch) throws SQLException {
        if (connection == null) {
            throw new IllegalStateException("sink " + sinkName + ": write before prepare");
        }
        WriteOutcome[] outcomes = new WriteOutcome[batch.size()];
        Map<String, List<Integer>> byView = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            String view = batch.get(i).view();
            if (tables.containsKey(view)) {
                byView.computeIfAbsent(view, v -> new ArrayList<>()).add(i);
            } else {
                outcomes[i] = WriteOutcome.failed(Disposition.FAIL, "view " + view + " is not routed to this sink", null);
            }
        }
        for (Map.Entry<String, List<Integer>> group : byView.entrySet()) {
            writeTable(group.getKey(), group.getValue(), batch, outcomes);
        }
        return List.of(outcomes);
    }

    private void writeTable(String view, List<Integer> indexes, List<SinkRecord> batch, WriteOutcome[] outcomes)
            throws SQLException {
        String table = tables.get(view);
        ViewSchema schema = schemas.get(view);
        Set<String> fields = schema.types().keySet();
        TreeSet<String> untyped = new TreeSet<>();
        for (int index : indexes) {
            ViewRecord record = batch.get(index).record();
            if (!record.isDelete()) {
                record.document().keySet().stream().filter(f -> !fields.contains(f)).forEach(untyped::add);
            }
        }
        if (!columns.get(table).keySet().containsAll(untyped)) {
            syncTable(table, schema, untyped);
        }
        TableRows rows = new TableRows(options.database(), table, schema, List.copyOf(untyped));
        List<Row> toInsert = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            try {
                toInsert.add(rows.row(index, batch.get(index).record()));
            } catch (IllegalArgumentException e) {
                outcomes[index] = WriteOutcome.failed(Disposition.DEAD_LETTER, e.getMessage(), e);
            }
        }
        Map<Integer, SQLException> refused = insert(table, schema, untyped, rows.insertSql(), toInsert);
        for (Row row : toInsert) {
            SQLException error = refused.get(row.batchIndex());
            outcomes[row.batchIndex()] = error == null ? WriteOutcome.WRITTEN : WriteOutcome.failed(Disposition.DEAD_LETTER,
                    "ClickHouse refused the row: " + ClickHouseErrors.describe(error), error);
        }
        if (!refused.isEmpty()) {
            LOG.warn("sink {}: ClickHouse refused {} of {} rows for table {}", sinkName, refused.size(), toInsert.size(), table);
        }
    }

    /** One retry after re-creating what a schema error says is missing (a dropped table or column). */
    private Map<Integer, SQLException> insert(String table, ViewSchema schema, TreeSet<String> untyped, String sql,
                                              List<Row> rows) throws SQLException {
        BisectingInserter inserter = new BisectingInserter(connection);
        try {
            return inserter.insert(sql, rows);
        } catch (SQLException e) {
            if (!ClickHouseErrors.isSchema(e)) {
                throw e;
            }
            LOG.warn("sink {}: table {} changed under the sink (ClickHouse {}); checking it and inserting again", sinkName,
                    table, ClickHouseErrors.describe(e));
            sync.createDatabase();
            syncTable(table, schema, untyped);
            return inserter.insert(sql, rows);
        }
    }

    private void syncTable(String table, ViewSchema schema, TreeSet<String> untyped) throws SQLException {
        Map<String, String> current = sync.ensure(table, schema);
        columns.put(table, sync.addUntypedFields(table, untyped, current));
    }

    /** {@code SELECT 1} on the writer's connection. */
    @Override
    public void checkReachable() throws SQLException {
        if (connection == null) {
            throw new IllegalStateException("sink " + sinkName + ": the writer is not prepared");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    @Override
    public Disposition classify(Throwable error) {
        return ClickHouseErrors.classify(error);
    }

    /** The current documents of a view: rows whose highest version is not a delete, after merging ({@code FINAL}). */
    @Override
    public long count(String view) throws SQLException {
        String table = tables.get(view);
        if (table == null || connection == null) {
            throw new IllegalArgumentException("sink " + sinkName + ": view " + view + " is not routed here, or not prepared");
        }
        String sql = "SELECT count() FROM " + TableDdl.qualified(options.database(), table) + " FINAL";
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * The current rows of a view ({@code FINAL}, not deleted), streamed: the schema's fields read
     * back by {@link StoredRows}, an id made of the key fields ({@link KeyValues#toId}), and {@code _version}.
     */
    @Override
    public void scan(String view, Consumer<StoredDocument> each) throws SQLException {
        if (connection == null) {
            throw new IllegalStateException("sink " + sinkName + ": scan before prepare");
        }
        ViewSchema schema = schemas.get(view);
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(SCAN_FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery(StoredRows.select(options.database(), liveTable(view), schema))) {
                int versionColumn = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    Map<String, Object> fields = StoredRows.fields(rows, schema);
                    each.accept(new StoredDocument(KeyValues.toId(fields, schema), rows.getLong(versionColumn), fields));
                }
            }
        }
    }

    @Override
    public String swapPlan(String view, String freshTarget) throws SQLException {
        connect();
        String live = TableDdl.qualified(options.database(), liveTable(view));
        String fresh = TableDdl.qualified(options.database(), freshTarget);
        return new TableExchange(connection, options.database()).refusal()
                .orElse("EXCHANGE TABLES " + live + " AND " + fresh + " (atomic); then " + fresh
                        + ", holding the old rows, is dropped");
    }

    /** See {@link TableExchange}. */
    @Override
    public void swap(String view, String freshTarget) throws SQLException {
        if (connection == null) {
            throw new IllegalStateException("sink " + sinkName + ": swap before prepare");
        }
        new TableExchange(connection, options.database()).exchange(liveTable(view), freshTarget);
        LOG.info("sink {}: table {} for view {} now holds the rows rebuilt in {}", sinkName, liveTable(view), view, freshTarget);
    }

    @Override
    public void discard(String view, String freshTarget) throws SQLException {
        if (freshTarget.equals(liveTable(view))) {
            throw new IllegalArgumentException("sink " + sinkName + ": " + freshTarget + " is the live table of view " + view);
        }
        connect();
        new TableExchange(connection, options.database()).drop(freshTarget);
    }

    private String liveTable(String view) {
        String table = tables.get(view);
        if (table == null) {
            throw new IllegalArgumentException("sink " + sinkName + ": view " + view + " is not routed here");
        }
        return table;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("sink {}: closing the ClickHouse connection: {}", sinkName, e.toString());
            }
            connection = null;
            sync = null;
        }
    }
}
