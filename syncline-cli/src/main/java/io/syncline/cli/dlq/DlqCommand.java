package io.syncline.cli.dlq;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code syncline dlq list|show|replay}: the records the view stage or a sink dead-lettered. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Lists, shows and replays dead-lettered records (per sink, or of the view stage).",
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqReplayCommand.class})
public final class DlqCommand implements Callable<Integer> {
    static final String EXIT_HEADING = "%nExit codes:%n";
    static final String EXIT_OK = "  0:success";
    static final String EXIT_USAGE = " 64:usage error (unknown option or sink, missing argument)";
    static final String EXIT_NO_INPUT = " 66:the pipeline file does not exist or cannot be read";
    static final String EXIT_UNAVAILABLE = " 69:Kafka cannot be reached";
    static final String EXIT_SOFTWARE = " 70:internal error (--verbose prints the stack trace)";
    static final String EXIT_CONFIG = " 78:the pipeline file has problems (each listed with file and line)";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: " + String.join(", ", spec.subcommands().keySet()));
    }
}
