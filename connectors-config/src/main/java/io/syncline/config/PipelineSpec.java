package io.syncline.config;

import java.util.List;

/** A pipeline file, parsed and validated: where changes come from, where they travel, what views exist, where they go. */
public record PipelineSpec(String name, String stateDir, SourceSpec source, KafkaSpec kafka,
                           List<ViewSpec> views, List<SinkSpec> sinks, HttpSpec http) {

    public PipelineSpec {
        http = http == null ? HttpSpec.DEFAULT : http;
    }

    /** With the default HTTP endpoint ({@link HttpSpec#DEFAULT}). */
    public PipelineSpec(String name, String stateDir, SourceSpec source, KafkaSpec kafka, List<ViewSpec> views,
                        List<SinkSpec> sinks) {
        this(name, stateDir, source, kafka, views, sinks, HttpSpec.DEFAULT);
    }
}
