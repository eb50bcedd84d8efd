package io.syncline.cli.dlq;

import io.syncline.cli.PipelineKafka;

import io.syncline.cli.UnavailableException;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --sink NAME} or {@code --views}: which dead-letter topic a {@code dlq} command works on. */
final class DlqTopicOption {
    @Option(names = "--sink", paramLabel = "NAME", description = "The dead letters of this sink (<prefix>.dlq.<sink>).")
    String sink;

    @Option(names = "--views", description = "The dead letters of the view stage (<prefix>.dlq.views).")
    boolean views;

    /** The chosen topic, for a command that works on one: {@code --sink} or {@code --views} is required. */
    DlqTopic required(PipelineSpec spec, CommandSpec command) {
        return chosen(spec, command).orElseThrow(() -> new CommandLine.ParameterException(command.commandLine(),
                "one of --sink NAME or --views is required"));
    }

    /** The chosen topic; with no choice, every dead-letter topic of the pipeline. */
    List<DlqTopic> chosenOrAll(PipelineSpec spec, CommandSpec command) {
        return chosen(spec, command).map(List::of).orElseGet(() -> DlqTopic.all(spec));
    }

    /** What {@code topic} (as {@link #required} gave it) holds now; a usage error when it does not exist. */
    static DeadLetterLog readExisting(PipelineKafka kafka, DlqTopic topic, CommandSpec command)
            throws UnavailableException, InterruptedException {
        if (!kafka.topics().contains(topic.name())) {
            throw new CommandLine.ParameterException(command.commandLine(), topic.name() + ": no such topic");
        }
        return DeadLetterLog.read(kafka, topic);
    }

    private Optional<DlqTopic> chosen(PipelineSpec spec, CommandSpec command) {
        if (sink != null && views) {
            throw new CommandLine.ParameterException(command.commandLine(), "--sink and --views are mutually exclusive");
        }
        if (views) {
            return Optional.of(DlqTopic.ofViews(spec));
        }
        if (sink == null) {
            return Optional.empty();
        }
        SinkSpec found = spec.sinks().stream().filter(s -> s.name().equals(sink)).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(command.commandLine(), "the pipeline has no sink '"
                        + sink + "'; its sinks: " + String.join(", ", spec.sinks().stream().map(SinkSpec::name).toList())));
        return Optional.of(DlqTopic.ofSink(spec, found));
    }
}
