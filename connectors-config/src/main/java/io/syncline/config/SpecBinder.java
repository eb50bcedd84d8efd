package io.syncline.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds the interpolated YAML tree to a {@link PipelineSpec}, reporting every problem. A value that
 * cannot be bound is left null (or at its default, for numbers), so binding goes on; the spec is
 * only handed out when {@link Problems} stayed empty, and {@link PipelineValidator} skips null parts.
 */
final class SpecBinder {

    private static final List<String> KEYS = List.of("name", "stateDir", "source", "kafka", "views", "sinks");
    private static final List<String> KAFKA_KEYS =
            List.of("bootstrapServers", "topicPrefix", "partitions", "replicationFactor", "properties");
    private static final List<String> VIEW_KEYS = List.of("name", "table", "key");
    private static final String DEFAULT_STATE_DIR = "./state";

    private final Problems problems;
    private final SourceBinder sources;
    private final SinkBinder sinks;

    SpecBinder(Problems problems, SinkCatalog catalog) {
        this.problems = problems;
        this.sources = new SourceBinder(problems);
        this.sinks = new SinkBinder(problems, catalog);
    }

    PipelineSpec bind(YamlNode root) {
        MappingReader pipeline = MappingReader.of(root, "", problems, KEYS);
        String name = pipeline.requiredString("name");
        String validName = Names.checkName(name, pipeline.pathOf("name"), problems) ? name : null;
        SourceSpec source = pipeline.requiredMapping("source", SourceBinder.KEYS)
                .map(reader -> sources.bind(reader, validName)).orElse(null);
        return new PipelineSpec(name, pipeline.string("stateDir", DEFAULT_STATE_DIR), source,
                kafka(pipeline.mapping("kafka", KAFKA_KEYS), validName), views(pipeline), sinks.bind(pipeline));
    }

    private KafkaSpec kafka(MappingReader kafka, String pipelineName) {
        String topicPrefix = kafka.string("topicPrefix", pipelineName);
        Names.checkTopicPrefix(topicPrefix, kafka.pathOf("topicPrefix"), problems);
        return new KafkaSpec(Optional.ofNullable(kafka.string("bootstrapServers", null)), topicPrefix,
                kafka.integer("partitions", 3, 1, Integer.MAX_VALUE),
                (short) kafka.integer("replicationFactor", 1, 1, Short.MAX_VALUE), kafka.stringMap("properties"));
    }

    /** One spec per item, in file order, so that index {@code i} is {@code views[i]}. */
    private List<ViewSpec> views(MappingReader pipeline) {
        List<ViewSpec> views = new ArrayList<>();
        List<YamlNode> items = pipeline.list("views");
        for (int i = 0; i < items.size(); i++) {
            views.add(view(MappingReader.of(items.get(i), KeyPaths.item(pipeline.pathOf("views"), i), problems, VIEW_KEYS)));
        }
        return List.copyOf(views);
    }

    private ViewSpec view(MappingReader view) {
        String name = view.requiredString("name");
        Names.checkName(name, view.pathOf("name"), problems);
        String tableText = view.requiredString("table");
        TableName table = null;
        if (tableText != null) {
            try {
                table = TableName.parse(tableText);
            } catch (IllegalArgumentException e) {
                problems.at(view.pathOf("table"), e.getMessage());
            }
        }
        List<String> key = new ArrayList<>();
        List<YamlNode> columns = view.list("key");
        for (int i = 0; i < columns.size(); i++) {
            String path = KeyPaths.item(view.pathOf("key"), i);
            String column = Values.text(columns.get(i), path, problems);
            if (column != null && !column.isEmpty()) {
                key.add(column);
            } else if (columns.get(i) instanceof YamlNode.Scalar scalar && !scalar.unresolved()) {
                problems.at(path, "must name a column");
            }
        }
        return new ViewSpec(name, table, List.copyOf(key));
    }
}
