package io.syncline.cli.backfill;

import io.syncline.cdc.BackfillSignal;
import io.syncline.config.PipelineSpec;
import io.syncline.config.TableName;
import io.syncline.config.ViewSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves what {@code syncline backfill} asks for into a {@link BackfillSignal}: the tables to read
 * again (named, or every table a view reads) and an optional row filter.
 */
final class BackfillRequest {
    private BackfillRequest() {
    }

    /**
     * The tables of {@code tableNames} and of the views {@code viewNames}, each once, in that order.
     *
     * @throws IllegalArgumentException naming what is not in the pipeline file, or a filter for more than one table
     */
    static BackfillSignal of(PipelineSpec spec, List<String> tableNames, List<String> viewNames, String where) {
        Set<TableName> tables = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String name : tableNames) {
            TableName table;
            try {
                table = TableName.parse(name);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (spec.source().tables().contains(table)) {
                tables.add(table);
            } else {
                problems.add("table " + table + " is not captured (source.tables)");
            }
        }
        for (String name : viewNames) {
            Optional<ViewSpec> view = spec.views().stream().filter(v -> v.name().equals(name)).findFirst();
            if (view.isPresent()) {
                tables.addAll(view.get().tables());
            } else {
                problems.add("no view named " + name);
            }
        }
        if (where != null && tables.size() != 1) {
            problems.add("--where filters the rows of one table; this backfill reads " + tables.size());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new BackfillSignal("backfill-" + UUID.randomUUID(), List.copyOf(tables), Optional.ofNullable(where));
    }
}
