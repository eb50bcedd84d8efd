package io.syncline.cli.dlq;

import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --sink NAME} or {@code --views}: which dead-letter topic a {@code dlq} command works on. */
final class DlqTopicOption {
    @Option(names = "--sink", paramLabel = "NAME", description = "The dead letters of this sink (<prefix>.dlq.<sink>).")
    String sink;

    @Option(names = "--views", description = "The dead letters of the view stage (<prefix>.dlq.views).")
    boolean views;

    /** The chosen topic; with {@code required} false and no choice, every dead-letter topic of the pipeline. */
    List<DlqTopic> topics(PipelineSpec spec, CommandSpec command, boolean required) {
        if (sink != null && views) {
            throw new CommandLine.ParameterException(command.commandLine(), "--sink and --views are mutually exclusive");
        }
        if (views) {
            return List.of(DlqTopic.ofViews(spec));
        }
        if (sink != null) {
            SinkSpec found = spec.sinks().stream().filter(s -> s.name().equals(sink)).findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(command.commandLine(), "the pipeline has no sink '"
                            + sink + "'; its sinks: " + String.join(", ", spec.sinks().stream().map(SinkSpec::name).toList())));
            return List.of(DlqTopic.ofSink(spec, found));
        }
        if (required) {
            throw new CommandLine.ParameterException(command.commandLine(), "one of --sink NAME or --views is required");
        }
        return DlqTopic.all(spec);
    }
}
