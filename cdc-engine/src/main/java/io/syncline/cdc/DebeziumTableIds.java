package io.syncline.cdc;

import io.syncline.config.TableName;

/**
 * A table as Debezium's TableId.parse must be given it. That parser ends a name at whitespace or a
 * dot and takes a leading quote for quoting, so {@code Lager Ost.syncline_signal} fails to parse
 * (and stops the connector) while {@code "Lager Ost"."syncline_signal"} reads back as the table.
 */
final class DebeziumTableIds {
    private DebeziumTableIds() {
    }

    /** {@code schema.table} when the parser reads both parts back unquoted, else both parts double-quoted. */
    static String of(TableName table) {
        return readsBack(table) ? table.toString() : Sql.table(table);
    }

    /** Whether TableId.parse reads {@code schema.table} back unchanged, unquoted. */
    static boolean readsBack(TableName table) {
        return readsBack(table.schema()) && readsBack(table.table());
    }

    private static boolean readsBack(String part) {
        return !part.isEmpty() && part.chars().noneMatch(c -> Character.isWhitespace(c) || c == '.')
                && "\"'`".indexOf(part.charAt(0)) < 0
                && !part.contains("\"\"") && !part.contains("''") && !part.contains("``");
    }
}
