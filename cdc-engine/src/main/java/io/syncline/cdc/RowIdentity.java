package io.syncline.cdc;

import java.util.List;

/**
 * What a table's REPLICA IDENTITY puts into the WAL for updates and deletes: the old values of every
 * column ({@code full}), of the primary key ({@code default}), of an index's columns ({@code index}),
 * or nothing. With nothing, PostgreSQL refuses UPDATE and DELETE on the table once a publication
 * publishes them: {@code default} without a primary key and {@code index} on a dropped index count as
 * nothing.
 *
 * @param setting pg_class.relreplident: {@code d}, {@code f}, {@code i} or {@code n}
 * @param columns the columns whose old values are carried (all of them when {@code full})
 */
record RowIdentity(char setting, List<String> columns) {

    RowIdentity {
        columns = List.copyOf(columns);
    }

    static RowIdentity of(char setting, List<String> allColumns, List<String> primaryKey, List<String> identityIndex) {
        return switch (setting) {
            case 'f' -> new RowIdentity(setting, allColumns);
            case 'd' -> new RowIdentity(setting, primaryKey);
            case 'i' -> new RowIdentity(setting, identityIndex);
            default -> new RowIdentity(setting, List.of());
        };
    }

    /** False when PostgreSQL would refuse the application's UPDATE and DELETE once the table is published. */
    boolean carriesOldRows() {
        return !columns.isEmpty();
    }

    boolean isFull() {
        return setting == 'f';
    }

    boolean covers(List<String> key) {
        return columns.containsAll(key);
    }

    /** E.g. "REPLICA IDENTITY DEFAULT (the primary key (id))". */
    String describe() {
        return switch (setting) {
            case 'f' -> "REPLICA IDENTITY FULL";
            case 'd' -> "REPLICA IDENTITY DEFAULT (" + (columns.isEmpty() ? "no primary key" : "the primary key ("
                    + String.join(", ", columns) + ")") + ")";
            case 'i' -> "REPLICA IDENTITY USING INDEX (" + (columns.isEmpty() ? "an index that no longer exists"
                    : "columns " + String.join(", ", columns)) + ")";
            default -> "REPLICA IDENTITY NOTHING";
        };
    }
}
