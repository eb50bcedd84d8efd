package io.syncline.config;

import io.syncline.config.JoinSpec.JoinColumn;
import io.syncline.config.JoinSpec.SortKey;
import io.syncline.config.schema.PipelineModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code views:} to {@link ViewSpec}s with their joins (nested joins too); transforms are
 * {@link TransformBinder}'s. Checks here are about one value at a time; how joins fit together
 * (unique names, which kind may nest) is {@link ViewValidator}'s.
 */
final class ViewBinder {

    /** How {@code kind:} may be written. */
    private static final Map<String, JoinKind> KINDS = Map.of(
            "one", JoinKind.ONE, "many-to-one", JoinKind.ONE, "many", JoinKind.MANY, "one-to-many", JoinKind.MANY);
    private static final List<String> KIND_NAMES = PipelineModel.JOIN_KINDS;

    private final Problems problems;
    private final TransformBinder transforms;

    ViewBinder(Problems problems) {
        this.problems = problems;
        this.transforms = new TransformBinder(problems);
    }

    /** One spec per item, in file order, so that index {@code i} is {@code views[i]}. */
    List<ViewSpec> bind(MappingReader pipeline) {
        return pipeline.mappings("views", PipelineModel.VIEW, this::view);
    }

    private ViewSpec view(MappingReader view) {
        String name = view.requiredString("name");
        Names.checkName(name, view.pathOf("name"), problems);
        return new ViewSpec(name, table(view), columns(view, "key"), joins(view), transforms.bind(view),
                problems.sourceRef(view.path()), onTruncate(view));
    }

    private TruncatePolicy onTruncate(MappingReader view) {
        String text = view.string("onTruncate");
        for (TruncatePolicy policy : TruncatePolicy.values()) {
            if (policy.yamlName().equals(text)) {
                return policy;
            }
        }
        List<String> allowed = TruncatePolicy.yamlNames();
        problems.at(view.pathOf("onTruncate"), "'" + text + "' is not a truncate policy" + Suggestions.didYouMean(text, allowed)
                + " (allowed: " + String.join(", ", allowed) + ")");
        return TruncatePolicy.PROPAGATE;
    }

    private TableName table(MappingReader reader) {
        String text = reader.requiredString("table");
        if (text == null) {
            return null;
        }
        try {
            return TableName.parse(text);
        } catch (IllegalArgumentException e) {
            problems.at(reader.pathOf("table"), e.getMessage());
            return null;
        }
    }

    /** A list of column names, each once. */
    private List<String> columns(MappingReader reader, String key) {
        List<String> columns = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        List<YamlNode> items = reader.list(key);
        for (int i = 0; i < items.size(); i++) {
            String path = KeyPaths.item(reader.pathOf(key), i);
            String column = Values.nonEmptyText(items.get(i), path, problems, "must name a column");
            if (column == null) {
                continue;
            }
            Integer first = firstIndex.putIfAbsent(column, i);
            if (first != null) {
                problems.at(path, "column '" + column + "' is listed twice (also " + KeyPaths.item(reader.pathOf(key), first) + ")");
            }
            columns.add(column);
        }
        return List.copyOf(columns);
    }

    /** The joins under a view or a join, in file order, so that index {@code j} is {@code joins[j]}. */
    private List<JoinSpec> joins(MappingReader parent) {
        return parent.mappings("joins", PipelineModel.JOIN, this::join);
    }

    private JoinSpec join(MappingReader join) {
        String name = join.requiredString("name");
        if (name != null && !Names.isFieldName(name)) {
            problems.at(join.pathOf("name"), Names.notAFieldName(name));
        }
        TableName table = table(join);
        JoinKind kind = kind(join);
        return new JoinSpec(name, kind, table, on(join), columns(join, "fields"), orderBy(join),
                join.bool("required"), joins(join), problems.sourceRef(join.path()));
    }

    private JoinKind kind(MappingReader join) {
        String text = join.requiredString("kind");
        if (text == null) {
            return null;
        }
        JoinKind kind = KINDS.get(text);
        if (kind == null) {
            problems.at(join.pathOf("kind"), "'" + text + "' is not a join kind" + Suggestions.didYouMean(text, KIND_NAMES)
                    + " (allowed: " + String.join(", ", KIND_NAMES) + ")");
        }
        return kind;
    }

    /** {@code on: {local_column: joined_column, ...}}, in file order. */
    private List<JoinColumn> on(MappingReader join) {
        String path = join.pathOf("on");
        Optional<YamlNode> node = join.requiredNode("on");
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlNode.Mapping mapping)) {
            problems.at(path, "expected a mapping of columns (this side's column: joined table's column), got " + node.get().kind());
            return List.of();
        }
        if (mapping.entries().isEmpty()) {
            problems.at(path, "must pair at least one column, e.g. {customer_id: id}");
        }
        List<JoinColumn> columns = new ArrayList<>();
        for (YamlNode.Entry entry : mapping.entries()) {
            String remote = Values.nonEmptyText(entry.value(), KeyPaths.child(path, entry.key()), problems,
                    "must name a column of the joined table");
            if (remote != null) {
                columns.add(new JoinColumn(entry.key(), remote));
            }
        }
        return List.copyOf(columns);
    }

    /** Items {@code column}, {@code column asc} or {@code column desc}. */
    private List<SortKey> orderBy(MappingReader join) {
        List<SortKey> keys = new ArrayList<>();
        List<YamlNode> items = join.list("orderBy");
        for (int i = 0; i < items.size(); i++) {
            String path = KeyPaths.item(join.pathOf("orderBy"), i);
            String text = Values.nonEmptyText(items.get(i), path, problems, "must name a column");
            if (text == null) {
                continue;
            }
            String[] parts = text.trim().split("\\s+");
            String direction = parts.length == 2 ? parts[1].toLowerCase(Locale.ROOT) : "asc";
            if (parts[0].isEmpty() || parts.length > 2 || !direction.equals("asc") && !direction.equals("desc")) {
                problems.at(path, "'" + text + "' is not a sort key: write 'column', 'column asc' or 'column desc'");
                continue;
            }
            keys.add(new SortKey(parts[0], direction.equals("desc")));
        }
        return List.copyOf(keys);
    }
}
