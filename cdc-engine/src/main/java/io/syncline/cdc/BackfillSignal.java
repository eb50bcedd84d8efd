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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Asks the capture for a backfill: Debezium's {@code execute-snapshot} signal of type incremental,
 * as a row in Syncline's signal table ({@link CaptureOptions#signalTable()}). Debezium reads it from
 * the stream, so a capture that is stopped carries it out when it starts; its notifications carry
 * {@code id}.
 */
public record BackfillSignal(String id, List<TableName> tables, Optional<String> where) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters with a meaning in a regular expression. */
    private static final Pattern REGEX_META = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");

    public BackfillSignal {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a backfill needs at least one table");
        }
        if (where.isPresent() && tables.size() != 1) {
            throw new IllegalArgumentException("a row filter applies to one table, not " + tables.size());
        }
        tables.forEach(BackfillSignal::dataCollection);
    }

    /** The signal's {@code data}: the tables and, with a filter, Debezium's additional condition. */
    public String data() {
        ObjectNode data = JSON.createObjectNode().put("type", "incremental");
        ArrayNode collections = data.putArray("data-collections");
        tables.forEach(table -> collections.add(dataCollection(table)));
        where.ifPresent(filter -> data.putArray("additional-conditions").addObject()
                .put("data-collection", conditionCollection(tables.get(0))).put("filter", filter));
        return data.toString();
    }

    /**
     * The signal's entry for {@code table}. Debezium matches each entry as a regular expression against
     * its tables' {@code schema.table} names and reads a match with TableId.parse, which ends a name at
     * whitespace and takes a leading quote for quoting; an entry that matches no name is read as it is.
     * So a name TableId.parse reads back is matched exactly, and any other is sent double-quoted.
     *
     * @throws IllegalArgumentException when Debezium cannot backfill the table ({@link #whyNotBackfillable})
     */
    static String dataCollection(TableName table) {
        String why = whyNotBackfillable(table);
        if (why != null) {
            throw new IllegalArgumentException("table " + table + " cannot be backfilled: " + why);
        }
        String name = table.toString();
        if (DebeziumTableIds.readsBack(table)) {
            return REGEX_META.matcher(name.replace(".", "")).find() ? Pattern.quote(name) : name;
        }
        return DebeziumTableIds.of(table);
    }

    /**
     * Why Debezium cannot backfill {@code table}, or null when it can. A running backfill keeps its
     * tables in Debezium's offsets unquoted, and Debezium reads them back with TableId.parse at every
     * offset commit: a name with whitespace fails there and stops capture, at every start too. A name
     * the signal cannot carry ('' or `` inside double quotes, which the parser unescapes; an entry that
     * is no valid regular expression) would never be found.
     */
    public static String whyNotBackfillable(TableName table) {
        if ((table.schema() + table.table()).chars().anyMatch(Character::isWhitespace)) {
            return "its name holds whitespace, which Debezium (3.6) cannot read back from a running backfill's"
                    + " offsets (capture would stop); its rows reach the views as they change, and a rename lets it be"
                    + " backfilled";
        }
        if (DebeziumTableIds.readsBack(table)) {
            return null;
        }
        String quoted = DebeziumTableIds.of(table);
        boolean sendable = !quoted.contains("''") && !quoted.contains("``");
        try {
            Pattern.compile(quoted);
        } catch (PatternSyntaxException e) {
            sendable = false;
        }
        return sendable ? null : "its name holds characters Debezium's table name parser changes ('' or ``);"
                + " rename the table to backfill it";
    }

    /** The additional condition's expression, matching the name {@link #dataCollection} leaves Debezium. */
    private static String conditionCollection(TableName table) {
        String entry = dataCollection(table);
        return entry.startsWith("\"") ? Pattern.quote(entry) : entry;
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
