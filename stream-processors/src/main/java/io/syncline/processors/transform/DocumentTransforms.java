package io.syncline.processors.transform;

import io.syncline.config.ConfigProblem;
import io.syncline.config.SourceRef;
import io.syncline.config.TransformSpec;
import io.syncline.processors.expr.ExpressionCompiler;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A view's transforms, compiled against the fields its documents have: each step knows the
 * fields it leaves, so a later step is checked against what the earlier ones made (a renamed
 * field is known by its new name). Applying them to a document gives the document the sinks
 * receive, or nothing when a filter leaves it out.
 */
public final class DocumentTransforms {
    /** A step changes a document in place; null means a filter left the document out. */
    private final List<UnaryOperator<Map<String, Object>>> steps;
    private final List<ViewField> fields;

    private DocumentTransforms(List<UnaryOperator<Map<String, Object>>> steps, List<ViewField> fields) {
        this.steps = List.copyOf(steps);
        this.fields = List.copyOf(fields);
    }

    public static DocumentTransforms none(List<ViewField> fields) {
        return new DocumentTransforms(List.of(), fields);
    }

    /** Compiles {@code specs}; problems are added to {@code problems} with each step's place in the file. */
    public static DocumentTransforms compile(List<TransformSpec> specs, List<ViewField> fields, List<String> key,
                                             List<ConfigProblem> problems) {
        List<UnaryOperator<Map<String, Object>>> steps = new ArrayList<>();
        List<ViewField> current = fields;
        for (TransformSpec spec : specs) {
            StepCompiler compiler = new StepCompiler(current, key, spec.where(), problems);
            steps.add(compiler.compile(spec));
            current = compiler.fields();
        }
        return new DocumentTransforms(steps, current);
    }

    /** The fields of transformed documents. */
    public List<ViewField> fields() {
        return fields;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The transformed document (the argument is changed), or empty when a filter leaves it out. */
    public Optional<Map<String, Object>> apply(Map<String, Object> doc) {
        Map<String, Object> current = doc;
        for (UnaryOperator<Map<String, Object>> step : steps) {
            current = step.apply(current);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** Compiles one step against the fields before it. */
    private static final class StepCompiler {
        private List<ViewField> fields;
        private final List<String> key;
        private final SourceRef where;
        private final List<ConfigProblem> problems;

        StepCompiler(List<ViewField> fields, List<String> key, SourceRef where, List<ConfigProblem> problems) {
            this.fields = fields;
            this.key = key;
            this.where = where;
            this.problems = problems;
        }

        List<ViewField> fields() {
            return fields;
        }

        UnaryOperator<Map<String, Object>> compile(TransformSpec spec) {
            if (spec instanceof TransformSpec.Include include) {
                Include kept = Include.of(paths(include.fields(), false), key);
                fields = kept.fields(fields);
                return doc -> {
                    kept.apply(doc);
                    return doc;
                };
            }
            if (spec instanceof TransformSpec.Exclude exclude) {
                List<FieldPath> paths = paths(exclude.fields(), true);
                paths.forEach(path -> fields = path.changeField(fields, field -> null));
                return doc -> {
                    paths.forEach(path -> path.changeValue(doc, Map::remove));
                    return doc;
                };
            }
            if (spec instanceof TransformSpec.Rename rename) {
                return rename(rename.fields());
            }
            if (spec instanceof TransformSpec.Mask mask) {
                String with = mask.with();
                return replaceWithText(paths(mask.fields(), true), "mask", value -> with);
            }
            if (spec instanceof TransformSpec.Hash hash) {
                Sha256 sha = new Sha256(hash.salt().value());
                return replaceWithText(paths(hash.fields(), true), "sha256", sha::hex);
            }
            if (spec instanceof TransformSpec.Compute compute) {
                return compute(compute.fields());
            }
            if (spec instanceof TransformSpec.Filter filter) {
                return filter(filter);
            }
            return flatten(((TransformSpec.Flatten) spec).fields());
        }

        /** Paths that exist; a key field may only be named when {@code touchesKey} is false. */
        List<FieldPath> paths(List<String> dotted, boolean touchesKey) {
            List<FieldPath> paths = new ArrayList<>();
            for (String text : dotted) {
                FieldPath path = FieldPath.parse(text);
                Optional<String> problem = path.problemIn(fields);
                if (problem.isPresent()) {
                    problem(problem.get());
                } else if (touchesKey && path.topLevel() && key.contains(path.leaf())) {
                    problem("'" + text + "' is part of the document key (" + String.join(", ", key)
                            + "), which every sink needs as it is");
                } else {
                    paths.add(path);
                }
            }
            return paths;
        }

        void problem(String message) {
            problems.add(where.problem(message));
        }

        private UnaryOperator<Map<String, Object>> rename(Map<String, String> renames) {
            List<Map.Entry<FieldPath, String>> valid = new ArrayList<>();
            for (Map.Entry<String, String> rename : renames.entrySet()) {
                List<FieldPath> path = paths(List.of(rename.getKey()), true);
                if (path.isEmpty()) {
                    continue;
                }
                String to = rename.getValue();
                fields = path.get(0).changeField(fields, field -> new ViewField(to, field.type()));
                valid.add(Map.entry(path.get(0), to));
            }
            return doc -> {
                valid.forEach(r -> r.getKey().changeValue(doc, (holder, name) -> FieldPath.renameKey(holder, name, r.getValue())));
                return doc;
            };
        }

        private UnaryOperator<Map<String, Object>> replaceWithText(List<FieldPath> paths, String how,
                                                                  java.util.function.Function<Object, String> text) {
            for (FieldPath path : paths) {
                fields = path.changeField(fields, field -> new ViewField(field.name(),
                        FieldType.of(FieldKind.STRING, field.type().nullable(), how)));
            }
            return doc -> {
                paths.forEach(path -> path.changeValue(doc, (holder, name) -> {
                    Object value = holder.get(name);
                    holder.put(name, value == null ? null : text.apply(value));
                }));
                return doc;
            };
        }

        private UnaryOperator<Map<String, Object>> compute(List<TransformSpec.ComputedField> computed) {
            List<Map.Entry<String, ExpressionCompiler.CompiledExpression>> compiled = new ArrayList<>();
            for (TransformSpec.ComputedField field : computed) {
                if (key.contains(field.name())) {
                    problems.add(field.where().problem("'" + field.name() + "' is part of the document key and cannot be computed"));
                    continue;
                }
                ExpressionCompiler.Result result = ExpressionCompiler.compile(field.expression(), fields);
                result.problems().forEach(p -> problems.add(field.where().problem(p + " in \"" + field.text() + "\"")));
                if (result.expression().isEmpty()) {
                    continue;
                }
                ExpressionCompiler.CompiledExpression expression = result.expression().get();
                compiled.add(Map.entry(field.name(), expression));
                ViewField added = new ViewField(field.name(), expression.type());
                List<ViewField> next = new ArrayList<>(fields);
                next.removeIf(f -> f.name().equals(field.name()));
                next.add(added);
                fields = next;
            }
            // Each computed field sees the ones before it, as declared.
            return doc -> {
                compiled.forEach(c -> doc.put(c.getKey(), c.getValue().evaluateOrNull(doc)));
                return doc;
            };
        }

        private UnaryOperator<Map<String, Object>> filter(TransformSpec.Filter filter) {
            ExpressionCompiler.Result result = ExpressionCompiler.compile(filter.condition(), fields);
            result.problems().forEach(p -> problem(p + " in \"" + filter.text() + "\""));
            if (result.expression().isEmpty()) {
                return doc -> doc;
            }
            ExpressionCompiler.CompiledExpression condition = result.expression().get();
            if (!condition.isBoolean()) {
                problem("a filter must be true or false, but \"" + filter.text() + "\" gives "
                        + condition.type().kind().name().toLowerCase());
            }
            // As in SQL's WHERE: null (unknown) leaves the document out.
            return doc -> Boolean.TRUE.equals(condition.evaluateOrNull(doc)) ? doc : null;
        }

        private UnaryOperator<Map<String, Object>> flatten(List<String> names) {
            Map<String, List<String>> objects = new LinkedHashMap<>();
            for (FieldPath path : paths(names, true)) {
                Optional<ViewField> field = fields.stream().filter(f -> f.name().equals(path.leaf())).findFirst();
                if (!path.topLevel() || field.isEmpty() || field.get().type().kind() != FieldKind.OBJECT) {
                    problem("'" + path.dotted() + "' is not a top-level object (flatten moves an object's fields up)");
                    continue;
                }
                List<ViewField> next = new ArrayList<>();
                for (ViewField f : fields) {
                    if (f != field.get()) {
                        next.add(f);
                        continue;
                    }
                    for (ViewField inner : f.type().fields()) {
                        String name = f.name() + "_" + inner.name();
                        if (fields.stream().anyMatch(other -> other.name().equals(name))) {
                            problem("flattening '" + f.name() + "' makes '" + name + "', which the document already has");
                        }
                        next.add(new ViewField(name, inner.type().withNullable(inner.type().nullable() || f.type().nullable())));
                    }
                }
                fields = next;
                objects.put(path.leaf(), field.get().type().fields().stream().map(ViewField::name).toList());
            }
            return doc -> {
                objects.forEach((object, inner) -> flattenValue(doc, object, inner));
                return doc;
            };
        }

        /** Moves the object's fields up in its place; a null object gives null fields. */
        private static void flattenValue(Map<String, Object> doc, String object, List<String> innerNames) {
            Map<String, Object> copy = new LinkedHashMap<>(doc);
            doc.clear();
            copy.forEach((name, value) -> {
                if (!name.equals(object)) {
                    doc.put(name, value);
                } else {
                    Map<?, ?> inner = value instanceof Map<?, ?> map ? map : Map.of();
                    innerNames.forEach(field -> doc.put(object + "_" + field, inner.get(field)));
                }
            });
        }
    }
}
