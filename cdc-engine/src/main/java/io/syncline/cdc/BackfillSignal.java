package io.syncline.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.config.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Asks the capture for a backfill: Debezium's {@code execute-snapshot} signal of type incremental,
 * as a row in Syncline's signal table ({@link CaptureOptions#signalTable()}). Debezium reads it from
 * the stream, so a capture that is stopped carries it out when it starts; its notifications carry
 * {@code id}.
 */
public record BackfillSignal(String id, List<TableName> tables, Optional<String> where) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BackfillSignal {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a backfill needs at least one table");
        }
        if (where.isPresent() && tables.size() != 1) {
            throw new IllegalArgumentException("a row filter applies to one table, not " + tables.size());
        }
    }

    /** The signal's {@code data}: the tables and, with a filter, Debezium's additional condition. */
    public String data() {
        ObjectNode data = JSON.createObjectNode().put("type", "incremental");
        ArrayNode collections = data.putArray("data-collections");
        tables.forEach(table -> collections.add(table.toString()));
        where.ifPresent(filter -> data.putArray("additional-conditions").addObject()
                .put("data-collection", tables.get(0).toString()).put("filter", filter));
        return data.toString();
    }

    /** Writes the signal row (committed when {@code connection} is in auto-commit). */
    public void send(Connection connection, TableName signalTable) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + Sql.table(signalTable)
                + " (id, type, data) VALUES (?, 'execute-snapshot', ?)")) {
            s.setString(1, id);
            s.setString(2, data());
            s.executeUpdate();
        }
    }
}
