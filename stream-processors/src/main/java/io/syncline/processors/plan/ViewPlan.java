package io.syncline.processors.plan;

import io.syncline.config.TruncatePolicy;
import io.syncline.processors.transform.DocumentTransforms;
import java.util.ArrayList;
import io.syncline.view.ViewSchema;
import java.util.List;

/**
 * A view resolved against the source's tables: its root rows, the joins that build each
 * document ({@code joinedSchema}), the transforms that make the document the sinks get
 * ({@code schema}), and what a truncate of any table it reads does.
 */
public record ViewPlan(String view, String viewTopic, RowSource root, List<JoinPlan> joins, ViewSchema joinedSchema,
                       DocumentTransforms transforms, ViewSchema schema, TruncatePolicy onTruncate) {

    public ViewPlan {
        joins = List.copyOf(joins);
    }

    /** A view of one table with no transforms: its documents are the rows as they are. */
    public boolean direct() {
        return joins.isEmpty() && transforms.isEmpty();
    }

    /** Top-level ONE joins that must find a row for the document to exist. */
    public List<String> requiredJoins() {
        return joins.stream().filter(JoinPlan::required).map(JoinPlan::name).toList();
    }

    /**
     * The tables whose rows the view shares with every view that reads them the same way (one
     * KTable per {@link RowSource#name()}): a joined view's root and every joined table.
     */
    public List<RowSource> sharedRows() {
        List<RowSource> shared = new ArrayList<>();
        if (!joins.isEmpty()) {
            shared.add(root);
            joins.forEach(join -> join.collectSources(shared));
        }
        return shared;
    }

    /** The store of each document's last emitted version (and whether it exists in the sinks). */
    public String documentStoreName() {
        return "view-" + view + "-documents";
    }
}
