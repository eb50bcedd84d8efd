package io.syncline.config;

import io.syncline.config.TransformSpec.ComputedField;
import io.syncline.config.expr.Expr;
import io.syncline.config.expr.ExpressionException;
import io.syncline.config.expr.ExpressionParser;
import io.syncline.config.schema.PipelineModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a view's {@code transforms:} list. Each item is a mapping with exactly one key, the kind
 * of transform ({@code - include: [id, status]}); field paths are checked for syntax and
 * expressions are parsed here, while whether the fields exist is checked later, against the
 * source's columns, through each step's {@link SourceRef}.
 */
final class TransformBinder {

    static final List<String> KINDS = PipelineModel.TRANSFORM.names();

    private final Problems problems;

    TransformBinder(Problems problems) {
        this.problems = problems;
    }

    /** The steps in file order; an item that cannot be bound at all is left out (its problem is reported). */
    List<TransformSpec> bind(MappingReader view) {
        List<TransformSpec> steps = new ArrayList<>();
        List<YamlNode> items = view.list("transforms");
        for (int i = 0; i < items.size(); i++) {
            step(items.get(i), KeyPaths.item(view.pathOf("transforms"), i)).ifPresent(steps::add);
        }
        return List.copyOf(steps);
    }

    private Optional<TransformSpec> step(YamlNode node, String path) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            if (!(node instanceof YamlNode.Scalar scalar && scalar.unresolved())) {
                problems.at(path, "expected one transform as key: value (" + String.join(", ", KINDS) + "), got "
                        + (node instanceof YamlNode.Scalar scalar && scalar.isEmpty() ? "nothing" : node.kind()));
            }
            return Optional.empty();
        }
        MappingReader item = MappingReader.of(node, path, problems, PipelineModel.TRANSFORM);
        if (mapping.entries().isEmpty()) {
            problems.at(path, "names no transform; write one of " + String.join(", ", KINDS));
        }
        List<String> kinds = mapping.entries().stream().map(YamlNode.Entry::key).filter(KINDS::contains).toList();
        for (String extra : kinds.subList(Math.min(1, kinds.size()), kinds.size())) {
            problems.atKey(item.pathOf(extra), "one transform per list item: start a new item for '" + extra
                    + "' (this one is '" + kinds.get(0) + "')");
        }
        // Extra kinds are bound too, only so that their own problems are reported as well.
        List<TransformSpec> bound = new ArrayList<>();
        for (String kind : kinds) {
            bound.add(bindKind(kind, item, problems.sourceRef(path)));
        }
        return bound.stream().findFirst();
    }

    private TransformSpec bindKind(String kind, MappingReader item, SourceRef where) {
        return switch (kind) {
            case "include" -> new TransformSpec.Include(paths(item, kind), where);
            case "exclude" -> new TransformSpec.Exclude(paths(item, kind), where);
            case "flatten" -> new TransformSpec.Flatten(paths(item, kind), where);
            case "rename" -> new TransformSpec.Rename(rename(item), where);
            case "mask" -> mask(item, where);
            case "hash" -> hash(item, where);
            case "compute" -> new TransformSpec.Compute(compute(item), where);
            case "filter" -> filter(item, where);
            default -> throw new IllegalArgumentException("not a transform: " + kind);
        };
    }

    /** A required, non-empty list of field paths, each once. */
    private List<String> paths(MappingReader reader, String key) {
        List<String> paths = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        List<YamlNode> items = reader.requiredList(key);
        for (int i = 0; i < items.size(); i++) {
            String path = KeyPaths.item(reader.pathOf(key), i);
            String field = Values.nonEmptyText(items.get(i), path, problems, "must name a field");
            if (field == null) {
                continue;
            }
            if (!Names.isFieldPath(field)) {
                problems.at(path, Names.notAFieldPath(field));
            }
            Integer first = firstIndex.putIfAbsent(field, i);
            if (first != null) {
                problems.at(path, "field '" + field + "' is listed twice (also " + KeyPaths.item(reader.pathOf(key), first) + ")");
            }
            paths.add(field);
        }
        return List.copyOf(paths);
    }

    /** {@code rename: {old.path: new_name}}: the field keeps its place, so the new name is one name, not a path. */
    private Map<String, String> rename(MappingReader item) {
        Map<String, String> renames = new LinkedHashMap<>();
        Map<String, String> renamedTo = new HashMap<>();
        for (YamlNode.Entry entry : entries(item, "rename", "old field path: new name", "{placed_at: ordered_at}")) {
            String path = KeyPaths.child(item.pathOf("rename"), entry.key());
            if (!Names.isFieldPath(entry.key())) {
                problems.atKey(path, Names.notAFieldPath(entry.key()));
            }
            String name = Values.nonEmptyText(entry.value(), path, problems, "must give the new name");
            if (name == null) {
                continue;
            }
            if (!Names.isFieldName(name)) {
                problems.at(path, Names.notAFieldName(name) + " (a rename keeps the field where it is)");
            }
            int dot = entry.key().lastIndexOf('.');
            String renamed = (dot < 0 ? "" : entry.key().substring(0, dot + 1)) + name;
            String other = renamedTo.putIfAbsent(renamed, entry.key());
            if (other != null) {
                problems.at(path, "'" + other + "' is renamed to '" + name + "' too");
            }
            renames.put(entry.key(), name);
        }
        return Collections.unmodifiableMap(renames);
    }

    /** {@code mask: [fields]} or {@code mask: {fields: [...], with: text}}. */
    private TransformSpec mask(MappingReader item, SourceRef where) {
        Optional<YamlNode> node = item.requiredNode("mask");
        if (node.isEmpty()) {
            return new TransformSpec.Mask(List.of(), TransformSpec.Mask.DEFAULT_MASK, where);
        }
        if (node.get() instanceof YamlNode.Sequence) {
            return new TransformSpec.Mask(paths(item, "mask"), TransformSpec.Mask.DEFAULT_MASK, where);
        }
        if (!(node.get() instanceof YamlNode.Mapping)) {
            problems.at(item.pathOf("mask"), "expected a list of fields, or {fields: [...], with: text}, got " + node.get().kind());
            return new TransformSpec.Mask(List.of(), TransformSpec.Mask.DEFAULT_MASK, where);
        }
        MappingReader mask = item.requiredMapping("mask", PipelineModel.MASK).orElseThrow();
        return new TransformSpec.Mask(paths(mask, "fields"), mask.string("with"), where);
    }

    private TransformSpec hash(MappingReader item, SourceRef where) {
        Optional<MappingReader> hash = item.requiredMapping("hash", PipelineModel.HASH);
        List<String> fields = hash.map(reader -> paths(reader, "fields")).orElse(List.of());
        String salt = hash.map(reader -> reader.requiredString("salt")).orElse(null);
        return new TransformSpec.Hash(fields, new Secret(salt == null ? "" : salt), where);
    }

    /** {@code compute: {name: expression, ...}}: new top-level fields, in file order. */
    private List<ComputedField> compute(MappingReader item) {
        List<ComputedField> fields = new ArrayList<>();
        for (YamlNode.Entry entry : entries(item, "compute", "field name: expression", "{total_cents: \"total * 100\"}")) {
            String path = KeyPaths.child(item.pathOf("compute"), entry.key());
            if (!Names.isFieldName(entry.key())) {
                problems.atKey(path, Names.notAFieldName(entry.key()) + " (computed fields are top-level fields)");
            }
            String text = Values.nonEmptyText(entry.value(), path, problems, "must be an expression");
            if (text != null) {
                fields.add(new ComputedField(entry.key(), expression(text, path), text, problems.sourceRef(path)));
            }
        }
        return List.copyOf(fields);
    }

    private TransformSpec filter(MappingReader item, SourceRef where) {
        String text = item.requiredString("filter");
        return new TransformSpec.Filter(text == null ? null : expression(text, item.pathOf("filter")), text, where);
    }

    /** The parsed expression, or null when it does not parse (reported at {@code path}, with the text). */
    private Expr expression(String text, String path) {
        try {
            return ExpressionParser.parse(text);
        } catch (ExpressionException e) {
            problems.at(path, "in \"" + text + "\": " + e.getMessage());
            return null;
        }
    }

    /** The entries of a required, non-empty mapping under {@code key}. */
    private List<YamlNode.Entry> entries(MappingReader item, String key, String shape, String example) {
        Optional<YamlNode> node = item.requiredNode(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlNode.Mapping mapping)) {
            problems.at(item.pathOf(key), "expected a mapping (" + shape + "), got " + node.get().kind());
            return List.of();
        }
        if (mapping.entries().isEmpty()) {
            problems.at(item.pathOf(key), "must have at least one entry, e.g. " + example);
        }
        return mapping.entries();
    }
}
