package io.syncline.cli.backfill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * What {@code syncline backfill} asks for: the tables to read again (named, or every table a view
 * reads) and an optional row filter, as Debezium's {@code execute-snapshot} signal of type
 * incremental, identified by {@link #id()} (its notifications carry it).
 */
record BackfillRequest(String id, List<TableName> tables, Optional<String> where) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The tables of {@code tableNames} and of the views {@code viewNames}, each once, in that order.
     *
     * @throws IllegalArgumentException naming what is not in the pipeline file, or a filter for more than one table
     */
    static BackfillRequest of(PipelineSpec spec, List<String> tableNames, List<String> viewNames, String where) {
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
        return new BackfillRequest("backfill-" + UUID.randomUUID(), List.copyOf(tables), Optional.ofNullable(where));
    }

    /** The signal's {@code data}: the tables and, with a filter, Debezium's additional condition. */
    String signalData() {
        ObjectNode data = JSON.createObjectNode().put("type", "incremental");
        ArrayNode collections = data.putArray("data-collections");
        tables.forEach(table -> collections.add(table.toString()));
        where.ifPresent(filter -> data.putArray("additional-conditions").addObject()
                .put("data-collection", tables.get(0).toString()).put("filter", filter));
        return data.toString();
    }
}
