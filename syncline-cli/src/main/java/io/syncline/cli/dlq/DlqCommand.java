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
    // The dlq commands' own wording of two exit codes; the others are ExitCodes.HELP_*.
    static final String HELP_USAGE = " 64:usage error (unknown option or sink, missing argument)";
    static final String HELP_UNAVAILABLE = " 69:Kafka cannot be reached";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: " + String.join(", ", spec.subcommands().keySet()));
    }
}
