package io.syncline.cli;

import io.syncline.cli.init.InitCommand;
import io.syncline.config.InvalidPipelineException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code syncline} command. */
@Command(name = "syncline", mixinStandardHelpOptions = true, versionProvider = SynclineVersion.class,
        description = "Keeps Elasticsearch, MongoDB and ClickHouse replicas of a PostgreSQL database in sync.",
        subcommands = {RunCommand.class, ValidateCommand.class, VerifyCommand.class, InitCommand.class})
public final class Main {
    /** Exit code for a pipeline file with problems. */
    public static final int INVALID_CONFIG = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExitCodeExceptionMapper(error -> error instanceof InvalidPipelineException ? INVALID_CONFIG : 1)
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    if (error instanceof InvalidPipelineException invalid) {
                        invalid.problems().forEach(problem -> commandLine.getErr().println(problem));
                        return INVALID_CONFIG;
                    }
                    commandLine.getErr().println("syncline: " + error.getMessage());
                    return 1;
                });
    }
}
