package io.syncline.processors.plan;

import io.syncline.config.ConfigProblem;
import io.syncline.config.InvalidPipelineException;
import io.syncline.config.JoinKind;
import io.syncline.config.JoinSpec;
import io.syncline.config.SourceRef;
import io.syncline.config.TableName;
import io.syncline.config.ViewSpec;
import io.syncline.processors.transform.DocumentTransforms;
import io.syncline.view.FieldType;
import io.syncline.view.Topics;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves view specs against the source tables' columns: checks every column a view names (keys,
 * join conditions, selected fields, sort keys, transforms) and derives the typed schema of its
 * documents. Reports every problem with the place in the pipeline file that declared it.
 */
public final class ViewPlanner {
    private final Map<TableName, ViewSchema> tables;
    private final String topicPrefix;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** {@code tables}: every captured table's columns, keyed by its primary key (empty key: none). */
    private ViewPlanner(Map<TableName, ViewSchema> tables, String topicPrefix) {
        this.tables = tables;
        this.topicPrefix = topicPrefix;
    }

    public static List<ViewPlan> plan(List<ViewSpec> views, Map<TableName, ViewSchema> tables, String topicPrefix)
            throws InvalidPipelineException {
        ViewPlanner planner = new ViewPlanner(tables, topicPrefix);
        List<ViewPlan> plans = new ArrayList<>();
        for (ViewSpec view : views) {
            planner.plan(view).ifPresent(plans::add);
        }
        planner.checkSharedRows(views, plans);
        if (!planner.problems.isEmpty()) {
            throw new InvalidPipelineException(planner.problems);
        }
        return JoinedColumns.project(plans);
    }

    /**
     * Views that share a table's rows ({@link ViewPlan#sharedRows()}) share what a truncate does to
     * them, so their onTruncate must agree. Not solved with a table per policy: the rows' stores
     * would then be named after the policy, and changing a view's onTruncate (as a failed truncate
     * asks) would start them empty and silently lose the rows.
     */
    private void checkSharedRows(List<ViewSpec> views, List<ViewPlan> plans) {
        Map<String, ViewPlan> firstReader = new HashMap<>();
        for (ViewPlan plan : plans) {
            Set<String> reported = new HashSet<>();
            for (RowSource rows : plan.sharedRows()) {
                ViewPlan first = firstReader.putIfAbsent(rows.name(), plan);
                if (first != null && first.onTruncate() != plan.onTruncate() && reported.add(first.view())) {
                    SourceRef where = views.stream().filter(v -> v.name().equals(plan.view())).findFirst()
                            .map(ViewSpec::where).orElse(SourceRef.UNKNOWN);
                    problem(where.child("onTruncate"), "onTruncate " + plan.onTruncate().yamlName() + " differs from view "
                            + first.view() + "'s (" + first.onTruncate().yamlName() + "), and both read the rows of "
                            + rows.table() + " (one shared table of rows, keyed by " + String.join(", ", rows.schema().key())
                            + "): give them the same onTruncate");
                }
            }
        }
    }

    private Optional<ViewPlan> plan(ViewSpec view) {
        int before = problems.size();
        Optional<ViewSchema> table = table(view.table(), view.where().child("table"));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<String> key = view.key().isEmpty() ? table.get().key() : view.key();
        if (key.isEmpty()) {
            problem(view.where().child("table"), "table " + view.table()
                    + " has no primary key: declare the view's key columns (key: [...])");
            return Optional.empty();
        }
        columns(view.table(), table.get(), key, view.where().child("key"), "key column");
        if (problems.size() > before) {
            return Optional.empty();
        }
        RowSource root = new RowSource(view.table(), changeTopic(view.table()),
                new ViewSchema(view.name(), table.get().fields(), key), true);
        List<JoinPlan> joins = joins(view.joins(), root.schema(), JoinLevel.VIEW);
        List<ViewField> joinedFields = new ArrayList<>(root.schema().fields());
        joins.forEach(join -> joinedFields.add(new ViewField(join.name(), join.type())));
        ViewSchema joinedSchema = new ViewSchema(view.name(), joinedFields, key);
        DocumentTransforms transforms = DocumentTransforms.compile(view.transforms(), joinedFields, key, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ViewPlan(view.name(), Topics.viewTopic(topicPrefix, view.name()), root, joins, joinedSchema,
                transforms, new ViewSchema(view.name(), transforms.fields(), key), view.onTruncate()));
    }

    private enum JoinLevel { VIEW, NESTED }

    private List<JoinPlan> joins(List<JoinSpec> specs, ViewSchema local, JoinLevel level) {
        List<JoinPlan> plans = new ArrayList<>();
        for (JoinSpec spec : specs) {
            if (local.field(spec.name()).isPresent()) {
                problem(spec.where().child("name"), "'" + spec.name() + "' is already a column of the table it is joined into");
            }
            join(spec, local, level).ifPresent(plans::add);
        }
        return plans;
    }

    private Optional<JoinPlan> join(JoinSpec spec, ViewSchema local, JoinLevel level) {
        int before = problems.size();
        Optional<ViewSchema> found = table(spec.table(), spec.where().child("table"));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ViewSchema joined = found.get();
        if (joined.key().isEmpty()) {
            problem(spec.where().child("table"), "table " + spec.table() + " has no primary key, which a join needs");
            return Optional.empty();
        }
        SourceRef on = spec.where().child("on");
        List<String> localColumns = spec.on().stream().map(JoinSpec.JoinColumn::local).toList();
        List<String> remoteColumns = spec.on().stream().map(JoinSpec.JoinColumn::remote).toList();
        columns(null, local, localColumns, on, "column");
        columns(spec.table(), joined, remoteColumns, on, "column");
        List<String> orderedLocal = new ArrayList<>();
        List<String> orderedRemote = new ArrayList<>();
        if (spec.kind() == JoinKind.ONE) {
            // The joined row is found by its primary key: the pairs must cover it exactly.
            keyPairs(spec, joined.key(), remoteColumns, localColumns, orderedRemote, orderedLocal, spec.table().toString());
        } else {
            if (level != JoinLevel.VIEW) {
                problem(spec.where().child("kind"), "a one-to-many join must be directly under the view");
            }
            keyPairs(spec, local.key(), localColumns, remoteColumns, orderedLocal, orderedRemote, "the view's document key");
        }
        List<String> fields = spec.fields().isEmpty() ? joined.fields().stream().map(ViewField::name).toList() : spec.fields();
        columns(spec.table(), joined, fields, spec.where().child("fields"), "column");
        columns(spec.table(), joined, spec.orderBy().stream().map(JoinSpec.SortKey::column).toList(),
                spec.where().child("orderBy"), "column");
        List<JoinPlan> nested = joins(spec.joins(), joined, JoinLevel.NESTED);
        if (problems.size() > before) {
            return Optional.empty();
        }
        List<ViewField> objectFields = new ArrayList<>();
        for (String field : fields) {
            objectFields.add(joined.field(field).orElseThrow());
        }
        nested.forEach(join -> objectFields.add(new ViewField(join.name(), join.type())));
        Set<String> names = new HashSet<>();
        for (ViewField field : objectFields) {
            if (!names.add(field.name())) {
                problem(spec.where().child("fields"), "'" + field.name() + "' appears twice in the joined row");
            }
        }
        FieldType object = FieldType.object(objectFields, spec.kind() == JoinKind.ONE && !spec.required(), "join");
        FieldType type = spec.kind() == JoinKind.ONE ? object : FieldType.array(object.withNullable(false), false, "join");
        return Optional.of(new JoinPlan(spec.name(), spec.kind(), source(spec.table(), joined), orderedLocal, orderedRemote,
                fields, spec.orderBy(), spec.required(), nested, type));
    }

    /**
     * Orders the join's column pairs by {@code key} (which {@code keySide} must cover exactly),
     * filling {@code orderedKey} and {@code orderedOther}.
     */
    private void keyPairs(JoinSpec spec, List<String> key, List<String> keySide, List<String> otherSide,
                          List<String> orderedKey, List<String> orderedOther, String keyName) {
        if (!new HashSet<>(keySide).equals(new HashSet<>(key)) || keySide.size() != key.size()) {
            problem(spec.where().child("on"), "must pair every column of " + keyName + " (" + String.join(", ", key)
                    + ") and nothing else, but pairs " + String.join(", ", keySide));
            return;
        }
        for (String column : key) {
            orderedKey.add(column);
            orderedOther.add(otherSide.get(keySide.indexOf(column)));
        }
    }

    private Optional<ViewSchema> table(TableName name, SourceRef where) {
        ViewSchema table = tables.get(name);
        if (table == null) {
            problem(where, "table " + name + " was not found in the source (is it captured, and does it exist?)");
        }
        return Optional.ofNullable(table);
    }

    private void columns(TableName table, ViewSchema schema, List<String> columns, SourceRef where, String what) {
        for (String column : columns) {
            if (schema.field(column).isEmpty()) {
                problem(where, "unknown " + what + " '" + column + "'" + (table == null ? "" : " of " + table) + " (columns: "
                        + schema.fields().stream().map(ViewField::name).collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private RowSource source(TableName table, ViewSchema schema) {
        return new RowSource(table, changeTopic(table), schema, true);
    }

    private String changeTopic(TableName table) {
        return Topics.changeTopic(topicPrefix, table.schema(), table.table());
    }

    private void problem(SourceRef where, String message) {
        problems.add(where.problem(message));
    }
}
