package io.syncline.config;

import io.syncline.config.schema.PipelineModel;
import java.util.Optional;

/**
 * Binds the interpolated YAML tree to a {@link PipelineSpec}, reporting every problem. A value that
 * cannot be bound is left null (or at its default, for numbers), so binding goes on; the spec is
 * only handed out when {@link Problems} stayed empty, and {@link PipelineValidator} skips null parts.
 */
final class SpecBinder {


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
        MappingReader pipeline = MappingReader.of(root, "", problems, PipelineModel.PIPELINE);
        String name = pipeline.requiredString("name");
        String validName = Names.checkName(name, pipeline.pathOf("name"), problems) ? name : null;
        SourceSpec source = pipeline.requiredMapping("source", PipelineModel.SOURCE)
                .map(reader -> sources.bind(reader, validName)).orElse(null);
        return new PipelineSpec(name, pipeline.string("stateDir"), source,
                kafka(pipeline.mapping("kafka", PipelineModel.KAFKA), validName), views.bind(pipeline), sinks.bind(pipeline));
    }

    private KafkaSpec kafka(MappingReader kafka, String pipelineName) {
        String topicPrefix = kafka.string("topicPrefix", pipelineName);
        Names.checkTopicPrefix(topicPrefix, kafka.pathOf("topicPrefix"), problems);
        return new KafkaSpec(Optional.ofNullable(kafka.string("bootstrapServers", null)), topicPrefix,
                kafka.integer("partitions"),
                (short) kafka.integer("replicationFactor"), kafka.duration("tombstoneRetention"), kafka.stringMap("properties"));
    }
}
