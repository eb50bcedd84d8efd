package io.syncline.config;

import io.syncline.config.schema.PipelineModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds {@code source:} to a {@link SourceSpec}, reporting into {@link Problems}. */
final class SourceBinder {

    /** The smallest WAL budget: a WAL segment is 16 MB by default, a budget below 1 MB is a typo. */
    static final long MIN_BUDGET = 1024 * 1024;

    private final Problems problems;

    SourceBinder(Problems problems) {
        this.problems = problems;
    }

    /** {@code pipelineName}: the valid pipeline name, or null when it is missing or bad (no slot default then). */
    SourceSpec bind(MappingReader source, String pipelineName) {
        PostgresSpec postgres = source.requiredMapping("postgres", PipelineModel.POSTGRES).map(this::postgres).orElse(null);
        String slot = source.string("slot", null);
        boolean slotDerived = slot == null;
        if (slotDerived) {
            slot = Names.defaultSlot(pipelineName);
        }
        Names.checkPostgresIdentifier(slot, slotDerived, source.pathOf("slot"), problems);
        String publication = source.string("publication", null);
        if (publication == null) {
            publication = slot;
        } else {
            Names.checkPostgresIdentifier(publication, false, source.pathOf("publication"), problems);
        }
        Map<TableName, SourceRef> places = new LinkedHashMap<>();
        List<TableName> tables = tables(source, places);
        return new SourceSpec(postgres, slot, publication, tables, snapshot(source),
                source.duration("heartbeatInterval"), source.stringMap("debezium"),
                replicaIdentity(source, tables), excludedColumns(source, tables), Collections.unmodifiableMap(places),
                source.integer("generation"), walRetention(source));
    }

    /** {@code walRetention:}; its defaults (no budget, warn) when absent. {@code drop_slot} needs a budget. */
    private WalRetentionSpec walRetention(MappingReader source) {
        MappingReader retention = source.mapping("walRetention", PipelineModel.WAL_RETENTION);
        long budget = retention.size("budget", MIN_BUDGET, 0);
        double warnAt = retention.fraction("warnAt");
        String action = retention.string("onExceeded");
        WalRetentionSpec.OnExceeded onExceeded = WalRetentionSpec.OnExceeded.WARN;
        if (action != null) {
            if (WalRetentionSpec.OnExceeded.yamlNames().contains(action)) {
                onExceeded = WalRetentionSpec.OnExceeded.ofYamlName(action);
            } else {
                List<String> allowed = WalRetentionSpec.OnExceeded.yamlNames();
                problems.at(retention.pathOf("onExceeded"), "'" + action + "' is not an action" + Suggestions.didYouMean(action, allowed)
                        + " (allowed: " + String.join(", ", allowed) + ")");
            }
        }
        if (onExceeded == WalRetentionSpec.OnExceeded.DROP_SLOT && budget == 0 && retention.node("budget").isEmpty()) {
            problems.at(retention.pathOf("onExceeded"), "drop_slot needs a budget: set " + retention.pathOf("budget")
                    + " (e.g. 50GB)");
            onExceeded = WalRetentionSpec.OnExceeded.WARN;
        }
        Duration interval = retention.duration("checkInterval");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.at(retention.pathOf("checkInterval"), "must be at least 1s, got " + interval.toMillis() + "ms");
            interval = WalRetentionSpec.DEFAULT_CHECK_INTERVAL;
        }
        return new WalRetentionSpec(budget, warnAt, onExceeded, interval);
    }

    private PostgresSpec postgres(MappingReader postgres) {
        return new PostgresSpec(postgres.requiredString("host"), postgres.integer("port"),
                postgres.requiredString("database"), postgres.requiredString("user"),
                new Secret(postgres.string("password")));
    }

    /** The tables in file order; {@code places} gets where each is listed. */
    private List<TableName> tables(MappingReader source, Map<TableName, SourceRef> places) {
        List<TableName> tables = new ArrayList<>();
        Map<TableName, Integer> firstIndex = new HashMap<>();
        List<YamlNode> items = source.requiredList("tables");
        for (int i = 0; i < items.size(); i++) {
            String path = KeyPaths.item(source.pathOf("tables"), i);
            String text = Values.text(items.get(i), path, problems);
            if (text == null || text.isEmpty()) {
                if (items.get(i) instanceof YamlNode.Scalar scalar && !scalar.unresolved()) {
                    problems.at(path, "must name a table (schema.table)");
                }
                continue;
            }
            try {
                TableName table = TableName.parse(text);
                Integer first = firstIndex.putIfAbsent(table, i);
                if (first != null) {
                    problems.at(path, "table " + table + " is listed twice (also " + KeyPaths.item(source.pathOf("tables"), first) + ")");
                }
                tables.add(table);
                places.putIfAbsent(table, problems.sourceRef(path));
            } catch (IllegalArgumentException e) {
                problems.at(path, e.getMessage());
            }
        }
        return List.copyOf(tables);
    }

    /** {@code replicaIdentity: {schema.table: full}}: each entry names a captured table once, in its short form or not. */
    private Map<TableName, ReplicaIdentityConsent> replicaIdentity(MappingReader source, List<TableName> tables) {
        Map<TableName, ReplicaIdentityConsent> consents = new LinkedHashMap<>();
        Map<TableName, String> firstEntry = new HashMap<>();
        source.choiceMap("replicaIdentity").forEach((name, value) -> {
            String path = KeyPaths.child(source.pathOf("replicaIdentity"), name);
            TableName table;
            try {
                table = TableName.parse(name);
            } catch (IllegalArgumentException e) {
                problems.atKey(path, e.getMessage());
                return;
            }
            String first = firstEntry.putIfAbsent(table, name);
            if (first != null) {
                problems.atKey(path, "table " + table + " is given twice (also as '" + first + "')");
            } else if (!tables.isEmpty() && !tables.contains(table)) {
                problems.atKey(path, "table " + table + " is not captured; add it to source.tables (captured: "
                        + String.join(", ", tables.stream().map(TableName::toString).toList()) + ")");
            } else {
                consents.put(table, new ReplicaIdentityConsent(table, ReplicaIdentityConsent.Identity.ofYamlName(value),
                        problems.sourceRef(path)));
            }
        });
        return Collections.unmodifiableMap(consents);
    }

    /**
     * {@code excludeColumns: {schema.table: [column, ...]}}: keyed by table like {@code replicaIdentity}, so a
     * column name is never split at a dot; each table captured and given once, each column once.
     */
    private List<ExcludedColumn> excludedColumns(MappingReader source, List<TableName> tables) {
        List<ExcludedColumn> excluded = new ArrayList<>();
        Map<TableName, String> firstEntry = new HashMap<>();
        source.listMap("excludeColumns").forEach((name, items) -> {
            String path = KeyPaths.child(source.pathOf("excludeColumns"), name);
            TableName table;
            try {
                table = TableName.parse(name);
            } catch (IllegalArgumentException e) {
                problems.atKey(path, e.getMessage());
                return;
            }
            String first = firstEntry.putIfAbsent(table, name);
            if (first != null) {
                problems.atKey(path, "table " + table + " is given twice (also as '" + first + "'); list its columns once");
                return;
            }
            if (!tables.isEmpty() && !tables.contains(table)) {
                problems.atKey(path, "table " + table + " is not captured; add it to source.tables (captured: "
                        + String.join(", ", tables.stream().map(TableName::toString).toList()) + ")");
                return;
            }
            Map<String, Integer> firstIndex = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String itemPath = KeyPaths.item(path, i);
                String column = Values.nonEmptyText(items.get(i), itemPath, problems, "must name a column");
                if (column == null) {
                    continue;
                }
                Integer firstColumn = firstIndex.putIfAbsent(column, i);
                if (firstColumn != null) {
                    problems.at(itemPath, "column '" + column + "' is listed twice (also " + KeyPaths.item(path, firstColumn) + ")");
                } else {
                    excluded.add(new ExcludedColumn(table, column, problems.sourceRef(itemPath)));
                }
            }
        });
        return List.copyOf(excluded);
    }

    private SnapshotMode snapshot(MappingReader source) {
        String text = source.string("snapshot", null);
        if (text == null) {
            return SnapshotMode.INITIAL;
        }
        for (SnapshotMode mode : SnapshotMode.values()) {
            if (mode.yamlName().equals(text)) {
                return mode;
            }
        }
        List<String> allowed = Arrays.stream(SnapshotMode.values()).map(SnapshotMode::yamlName).toList();
        problems.at(source.pathOf("snapshot"), "'" + text + "' is not a snapshot mode" + Suggestions.didYouMean(text, allowed)
                + " (allowed: " + String.join(", ", allowed) + ")");
        return SnapshotMode.INITIAL;
    }
}
