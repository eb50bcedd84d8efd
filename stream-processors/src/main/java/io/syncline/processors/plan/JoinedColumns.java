package io.syncline.processors.plan;

import io.syncline.config.JoinKind;
import io.syncline.config.JoinSpec;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps only the columns joins use in a joined table's rows: its key, the selected fields, sort
 * keys, the columns that point to its children or parents. A table's rows are one KTable shared
 * by every join that reads it, so the columns are the union over all of them; a table that is
 * also the root of a joined view keeps everything. A 13 kB product description no view shows is
 * then neither stored twice nor carried through every foreign-key join.
 */
final class JoinedColumns {
    private JoinedColumns() {
    }

    static List<ViewPlan> project(List<ViewPlan> plans) {
        Map<String, Set<String>> used = new HashMap<>();
        Set<String> complete = new HashSet<>();
        for (ViewPlan plan : plans) {
            if (!plan.joins().isEmpty()) {
                complete.add(plan.root().name());
            }
            plan.joins().forEach(join -> collect(join, used));
        }
        return plans.stream().map(plan -> new ViewPlan(plan.view(), plan.viewTopic(), plan.root(),
                plan.joins().stream().map(join -> projected(join, used, complete)).toList(), plan.joinedSchema(),
                plan.transforms(), plan.schema(), plan.onTruncate())).toList();
    }

    private static void collect(JoinPlan join, Map<String, Set<String>> used) {
        Set<String> columns = used.computeIfAbsent(join.source().name(), n -> new HashSet<>());
        columns.addAll(join.source().schema().key());
        columns.addAll(join.fields());
        join.orderBy().stream().map(JoinSpec.SortKey::column).forEach(columns::add);
        if (join.kind() == JoinKind.MANY) {
            columns.addAll(join.remoteColumns());
        }
        for (JoinPlan nested : join.joins()) {
            columns.addAll(nested.localColumns());
            collect(nested, used);
        }
    }

    private static JoinPlan projected(JoinPlan join, Map<String, Set<String>> used, Set<String> complete) {
        RowSource source = join.source();
        if (!complete.contains(source.name())) {
            Set<String> columns = used.get(source.name());
            List<ViewField> kept = source.schema().fields().stream().filter(f -> columns.contains(f.name())).toList();
            source = new RowSource(source.table(), source.changeTopic(),
                    new ViewSchema(source.schema().view(), kept, source.schema().key()), false);
        }
        return new JoinPlan(join.name(), join.kind(), source, join.localColumns(), join.remoteColumns(), join.fields(),
                join.orderBy(), join.required(), join.joins().stream().map(j -> projected(j, used, complete)).toList(),
                join.type());
    }
}
