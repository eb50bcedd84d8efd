package io.syncline.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks how a view's parts fit together: every table it reads is captured, join names are unique
 * among siblings, and each join's options fit its kind ({@code many} only directly under the view,
 * {@code required} only on {@code one}, {@code orderBy} only on {@code many}). Whether columns and
 * fields exist needs the source's schema and is checked later, through the specs' {@link SourceRef}s.
 */
final class ViewValidator {

    private final Problems problems;
    /** Empty when the source could not be bound: its problem is reported, so nothing is checked against it. */
    private final Set<TableName> captured;

    ViewValidator(Problems problems, Set<TableName> captured) {
        this.problems = problems;
        this.captured = captured;
    }

    /** {@code path}: the view's key path, {@code views[i]}. */
    void validate(ViewSpec view, String path) {
        checkCaptured(view.table(), KeyPaths.child(path, "table"));
        checkJoins(view.joins(), path, true);
    }

    private void checkCaptured(TableName table, String path) {
        if (table != null && !captured.isEmpty() && !captured.contains(table)) {
            problems.at(path, "table " + table + " is not captured; add it to source.tables (captured: "
                    + captured.stream().map(TableName::toString).collect(Collectors.joining(", ")) + ")");
        }
    }

    private void checkJoins(List<JoinSpec> joins, String parentPath, boolean underView) {
        String listPath = KeyPaths.child(parentPath, "joins");
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int j = 0; j < joins.size(); j++) {
            JoinSpec join = joins.get(j);
            String path = KeyPaths.item(listPath, j);
            Integer first = join.name() == null ? null : firstIndex.putIfAbsent(join.name(), j);
            if (first != null) {
                problems.at(KeyPaths.child(path, "name"),
                        "duplicate join name '" + join.name() + "' (also " + KeyPaths.item(listPath, first) + ")");
            }
            checkCaptured(join.table(), KeyPaths.child(path, "table"));
            checkKind(join, path, underView);
            checkJoins(join.joins(), path, false);
        }
    }

    private void checkKind(JoinSpec join, String path, boolean underView) {
        if (join.kind() == JoinKind.MANY) {
            if (!underView) {
                problems.at(KeyPaths.child(path, "kind"), "a 'many' join must be directly under a view:"
                        + " a join inside another join must be 'one' (no arrays inside joined rows)");
            }
            if (join.required()) {
                problems.at(KeyPaths.child(path, "required"),
                        "only a 'one' join can be required (a 'many' join with no rows gives an empty array)");
            }
        } else if (join.kind() == JoinKind.ONE && !join.orderBy().isEmpty()) {
            problems.at(KeyPaths.child(path, "orderBy"), "only a 'many' join has an order (a 'one' join embeds a single row)");
        }
    }
}
