package io.syncline.config;

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
    private static final String DEFAULT_STATE_DIR = "./state";

    private final Problems problems;
    private final SourceBinder sources;
    private final ViewBinder views;
    private final SinkBinder sinks;

    SpecBinder(Problems problems, SinkCatalog catalog) {
        this.problems = problems;
        this.sources = new SourceBinder(problems);
        this.views = new ViewBinder(problems);
        this.sinks = new SinkBinder(problems, catalog);
    }

    PipelineSpec bind(YamlNode root) {
        MappingReader pipeline = MappingReader.of(root, "", problems, KEYS);
        String name = pipeline.requiredString("name");
        String validName = Names.checkName(name, pipeline.pathOf("name"), problems) ? name : null;
        SourceSpec source = pipeline.requiredMapping("source", SourceBinder.KEYS)
                .map(reader -> sources.bind(reader, validName)).orElse(null);
        return new PipelineSpec(name, pipeline.string("stateDir", DEFAULT_STATE_DIR), source,
                kafka(pipeline.mapping("kafka", KAFKA_KEYS), validName), views.bind(pipeline), sinks.bind(pipeline));
    }

    private KafkaSpec kafka(MappingReader kafka, String pipelineName) {
        String topicPrefix = kafka.string("topicPrefix", pipelineName);
        Names.checkTopicPrefix(topicPrefix, kafka.pathOf("topicPrefix"), problems);
        return new KafkaSpec(Optional.ofNullable(kafka.string("bootstrapServers", null)), topicPrefix,
                kafka.integer("partitions", 3, 1, Integer.MAX_VALUE),
                (short) kafka.integer("replicationFactor", 1, 1, Short.MAX_VALUE), kafka.stringMap("properties"));
    }
}
