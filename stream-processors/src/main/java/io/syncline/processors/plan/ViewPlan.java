package io.syncline.processors.plan;

import io.syncline.processors.transform.DocumentTransforms;
import io.syncline.view.ViewSchema;
import java.util.List;

/**
 * A view resolved against the source's tables: its root rows, the joins that build each
 * document ({@code joinedSchema}), and the transforms that make the document the sinks get
 * ({@code schema}).
 */
public record ViewPlan(String view, String viewTopic, RowSource root, List<JoinPlan> joins, ViewSchema joinedSchema,
                       DocumentTransforms transforms, ViewSchema schema) {

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

    /** The store of each document's last emitted version (and whether it exists in the sinks). */
    public String documentStoreName() {
        return "view-" + view + "-documents";
    }
}
