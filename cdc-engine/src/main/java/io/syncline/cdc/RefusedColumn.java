package io.syncline.cdc;

import io.syncline.config.TableName;
import io.syncline.config.YamlScalars;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A column whose values capture would lose or mangle ({@link CapturableTypes}): its type as PostgreSQL
 * writes it and what Debezium does to it.
 */
public record RefusedColumn(TableName table, String column, String type, String why) {

    /** {@code column spot of public.places has type point: Debezium sends ..., so its values would be lost.} */
    public String describe() {
        return "column " + column + " of " + table + " has type " + type + ": " + why + ", so its values would be lost.";
    }

    /**
     * The pipeline-file entry that leaves {@code columns} of {@code table} out of capture, as one line of
     * YAML (the table is a key, which the loader does not interpolate).
     */
    public static String exclusionYaml(TableName table, Collection<String> columns) {
        return "source.excludeColumns: {" + YamlScalars.of(table.toString()) + ": ["
                + columns.stream().map(YamlScalars::literal).collect(Collectors.joining(", ")) + "]}";
    }
}
