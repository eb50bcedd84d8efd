package io.syncline.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.config.PostgresSpec;
import io.syncline.config.TableName;
import io.syncline.view.ViewField;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads columns of one row from the source by its key, in the form a streamed change event
 * carries them ({@link StreamedValues}): for TOASTed values a change event left out and the view
 * stage has no earlier copy of. One connection of its own: read-only, autocommit, a short
 * statement_timeout, plain {@code SELECT}s by key (so no lock beyond what any reader takes),
 * reopened after a failure.
 *
 * <p>Failures are retried for at most {@link #RETRY_TIME}, then thrown: the view stage
 * dead-letters that change. The budget stays well below Kafka Streams' exactly-once transaction
 * timeout (10 s), since the stream thread waits here.
 */
public final class SourceRowReader implements AutoCloseable {
    static final Duration RETRY_TIME = Duration.ofSeconds(4);
    private static final Logger LOG = LoggerFactory.getLogger(SourceRowReader.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final int STATEMENT_TIMEOUT_MS = 1_500;

    private final PostgresSpec postgres;
    private Connection connection;

    public SourceRowReader(PostgresSpec postgres) {
        this.postgres = postgres;
    }

    /**
     * The current values of {@code columns} in the row of {@code table} whose {@code key} columns
     * hold {@code keyValues} (as a change event carries them); empty when there is no such row.
     *
     * @throws IllegalStateException when the source cannot answer within the retry time, or more
     *                               than one row has that key
     */
    public synchronized Optional<ObjectNode> read(TableName table, List<ViewField> key, JsonNode keyValues,
                                                  List<ViewField> columns) {
        String sql = "SELECT " + columns.stream().map(c -> Sql.identifier(c.name())).collect(Collectors.joining(", "))
                + " FROM " + Sql.table(table) + " WHERE " + key.stream().map(k -> Sql.identifier(k.name()) + " = ?")
                .collect(Collectors.joining(" AND "));
        long deadline = System.nanoTime() + RETRY_TIME.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return query(sql, table, key, keyValues, columns);
            } catch (SQLException e) {
                closeConnection();
                if (System.nanoTime() + backoff(attempt).toNanos() >= deadline) {
                    throw new IllegalStateException("re-reading " + columns.size() + " TOASTed column(s) of " + table
                            + " from the source failed after " + attempt + " attempt(s): " + e.getMessage(), e);
                }
                LOG.warn("re-reading columns of {} from the source failed (attempt {}), retrying: {}", table, attempt,
                        e.toString());
                sleep(backoff(attempt));
            }
        }
    }

    private Optional<ObjectNode> query(String sql, TableName table, List<ViewField> key, JsonNode keyValues,
                                       List<ViewField> columns) throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            for (int i = 0; i < key.size(); i++) {
                ViewField column = key.get(i);
                // Untyped: the server reads the text as the column's type, and the key's index applies.
                statement.setObject(i + 1, KeyLiterals.of(keyValues.get(column.name()), column.type()), Types.OTHER);
            }
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ObjectNode row = NODES.objectNode();
                for (int i = 0; i < columns.size(); i++) {
                    row.set(columns.get(i).name(), StreamedValues.of(rs.getString(i + 1), columns.get(i).type()));
                }
                if (rs.next()) {
                    throw new IllegalStateException("more than one row of " + table + " has the key " + keyValues
                            + ": a key to read TOASTed values by must be unique");
                }
                return Optional.of(row);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties properties = new Properties();
            properties.setProperty("ApplicationName", "syncline-toast-reader");
            properties.setProperty("connectTimeout", "2");
            properties.setProperty("socketTimeout", "5");
            // Text results only: getString is then the type's output function, exactly what pgoutput sends.
            properties.setProperty("binaryTransfer", "false");
            properties.setProperty("readOnly", "true");
            properties.setProperty("readOnlyMode", "always");
            Connection opened = PostgresConnections.open(postgres, properties);
            try (Statement s = opened.createStatement()) {
                s.execute("SET statement_timeout = " + STATEMENT_TIMEOUT_MS);
                s.execute("SET lock_timeout = " + STATEMENT_TIMEOUT_MS);
                // Output forms StreamedValues parses: ISO dates, UTC offsets, hex bytea, all float digits.
                s.execute("SET TimeZone = 'UTC'");
                s.execute("SET DateStyle = 'ISO, YMD'");
                s.execute("SET bytea_output = 'hex'");
                s.execute("SET extra_float_digits = 3");
            }
            opened.setAutoCommit(true);
            connection = opened;
        }
        return connection;
    }

    private static Duration backoff(int attempt) {
        return Duration.ofMillis(Math.min(1_000, 100L << Math.min(attempt - 1, 4)));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-reading from the source", e);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the source row reader's connection: {}", e.toString());
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }
}
