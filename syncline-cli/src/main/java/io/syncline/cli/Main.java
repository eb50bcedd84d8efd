package io.syncline.cli;

import io.syncline.cli.backfill.BackfillCommand;
import io.syncline.cli.dlq.DlqCommand;
import io.syncline.cli.init.InitCommand;
import io.syncline.cli.reset.ResetCommand;
import io.syncline.cli.status.StatusCommand;
import io.syncline.cli.verify.VerifyCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code syncline} command. Every outcome has its own exit code ({@link ExitCodes}): picocli's
 * usage errors exit {@link ExitCodes#USAGE}, and every exception a command throws goes through
 * {@link Failures}, which picks the code and prints {@code syncline: <message>} (with
 * {@code --verbose}, the stack trace too).
 */
@Command(name = "syncline", mixinStandardHelpOptions = true, versionProvider = SynclineVersion.class,
        description = "Keeps Elasticsearch, MongoDB and ClickHouse replicas of a PostgreSQL database in sync.",
        subcommands = {RunCommand.class, ValidateCommand.class, PlanCommand.class, VerifyCommand.class, InitCommand.class, SchemaCommand.class,
                DlqCommand.class, BackfillCommand.class, ResetCommand.class, StatusCommand.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_DIFFERENT + " (verify); not ready (status)", ExitCodes.HELP_USAGE,
                ExitCodes.HELP_NO_INPUT, ExitCodes.HELP_UNAVAILABLE + ", or (status) the daemon does not answer",
                ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_CANT_CREATE, ExitCodes.HELP_CONFIG})
public final class Main implements Callable<Integer> {
    static final String VERBOSE = "--verbose";

    @Spec
    CommandSpec spec;

    @Option(names = VERBOSE, scope = ScopeType.INHERIT, description = "On an error, also print its stack trace.")
    boolean verbose;

    @Option(names = LogFormat.OPTION, scope = ScopeType.INHERIT, paramLabel = "text|json",
            description = "Log lines as text (default) or as JSON, one ECS document per line; also SYNCLINE_LOG_FORMAT=json.")
    String logFormat;

    /** {@code syncline} without a command is a usage error. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        LogFormat.apply(args, System.getenv()); // before anything logs
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setParameterExceptionHandler((error, args) -> {
                    CommandLine command = error.getCommandLine();
                    command.getErr().println("syncline: " + Failures.describe(error));
                    CommandLine.UnmatchedArgumentException.printSuggestions(error, command.getErr());
                    command.usage(command.getErr(), command.getColorScheme());
                    command.getErr().flush();
                    return ExitCodes.USAGE;
                })
                .setExecutionExceptionHandler((error, command, parseResult) ->
                        Failures.report(error, command.getErr(), verbose(parseResult)));
    }

    /** Whether {@code --verbose} was given, on the top command or on the subcommand (it is inherited). */
    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
