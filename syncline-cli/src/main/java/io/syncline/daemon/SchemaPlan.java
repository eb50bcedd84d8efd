package io.syncline.daemon;

import io.syncline.config.InvalidPipelineException;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.sink.SchemaChangePolicy;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkWriter;
import io.syncline.view.ViewSchema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each sink would change in its targets if the pipeline started now: the views planned from the
 * source's current catalog against what each sink has (ClickHouse columns, Elasticsearch mappings;
 * MongoDB has no schema). Nothing is changed.
 */
public final class SchemaPlan {
    /** One sink's pending changes, one line each (refusals start with {@code refused:}). */
    public record SinkChanges(String sink, String type, SchemaChangePolicy policy, List<String> changes) {
    }

    private SchemaPlan() {
    }

    public static List<SinkChanges> of(PipelineSpec spec) throws Exception {
        Map<String, ViewSchema> schemas = views(spec);
        SinkFactories factories = SinkFactories.discover();
        List<SinkChanges> plan = new ArrayList<>();
        for (SinkSpec sink : spec.sinks()) {
            try (SinkWriter writer = factories.forType(sink.type()).create(SinkOptionsOf.of(sink, schemas))) {
                plan.add(new SinkChanges(sink.name(), sink.type(), SchemaChangePolicy.of(sink.connection()),
                        writer.pendingChanges()));
            }
        }
        return plan;
    }

    private static Map<String, ViewSchema> views(PipelineSpec spec) throws SQLException, InvalidPipelineException {
        return ViewSchemas.schemas(ViewSchemas.plan(spec));
    }

    /** The plan as text: a heading per sink, its changes indented below it. */
    public static String format(List<SinkChanges> plan) {
        StringBuilder text = new StringBuilder();
        for (SinkChanges sink : plan) {
            text.append("sink ").append(sink.sink()).append(" (").append(sink.type()).append(", ")
                    .append(SchemaChangePolicy.OPTION_NAME).append(": ").append(sink.policy().option()).append("):\n");
            if (sink.changes().isEmpty()) {
                text.append("  no changes").append(sink.type().equals("mongodb")
                        ? " (MongoDB collections have no schema: documents take the new fields as they are written)" : "")
                        .append('\n');
            }
            sink.changes().forEach(line -> text.append("  ").append(line).append('\n'));
        }
        return text.toString();
    }
}
