package io.syncline.daemon;

import io.syncline.cdc.PostgresConnections;
import io.syncline.cdc.SourceCatalog;
import io.syncline.cdc.TableSchema;
import io.syncline.config.ExcludedColumn;
import io.syncline.config.PostgresSpec;
import io.syncline.config.TableName;
import io.syncline.processors.SourceSchemaChangedException;
import io.syncline.processors.SourceSchemaWatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * Checks change events' schema fingerprints against the source's catalog: the first time a
 * fingerprint shows up for a table, reads the table's columns and compares them with those the
 * views were planned with. Equal: the fingerprint is remembered (e.g. after a restart, or a change
 * to nothing a view plans with, like a column's default). Different: {@link SourceSchemaChangedException}.
 * The catalog is read when the view stage gets to the event, so it may already show later changes;
 * the views are then planned with those, which the events in between fit as well as they can.
 */
final class CatalogSchemaWatch implements SourceSchemaWatch {
    private final PostgresSpec postgres;
    private final List<ExcludedColumn> excludedColumns;
    private final Map<String, TableName> tablesByTopic;
    private final Map<TableName, TableSchema> planned;
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

    /**
     * {@code tablesByTopic}: each captured table by its change topic; {@code planned}: the tables the views
     * were planned with; {@code excludedColumns}: left out of capture, so not compared (their change events
     * do not carry them, and a change to one changes nothing for the views).
     */
    CatalogSchemaWatch(PostgresSpec postgres, List<ExcludedColumn> excludedColumns, Map<String, TableName> tablesByTopic,
                       Map<TableName, TableSchema> planned) {
        this.postgres = postgres;
        this.excludedColumns = List.copyOf(excludedColumns);
        this.tablesByTopic = Map.copyOf(tablesByTopic);
        this.planned = Map.copyOf(planned);
    }

    @Override
    public void check(String changeTopic, String fingerprint) {
        String key = changeTopic + "/" + fingerprint;
        if (confirmed.contains(key)) {
            return;
        }
        TableName table = tablesByTopic.get(changeTopic);
        TableSchema before = table == null ? null : planned.get(table);
        if (before == null) {
            confirmed.add(key); // not a table the views read
            return;
        }
        TableChange change = TableChange.of(before, read(table));
        if (!change.isEmpty()) {
            throw new SourceSchemaChangedException(table.toString(), change.describe());
        }
        confirmed.add(key);
    }

    private TableSchema read(TableName table) {
        try (Connection connection = PostgresConnections.open(postgres)) {
            return new SourceCatalog(connection, excludedColumns).read(table);
        } catch (SQLException | RuntimeException e) {
            // Not about one event: stop the view stage (a plain StreamsException is never dead-lettered).
            throw new StreamsException("cannot read the columns of table " + table + " from PostgreSQL to check a change"
                    + " of its schema: " + e.getMessage(), e);
        }
    }
}
