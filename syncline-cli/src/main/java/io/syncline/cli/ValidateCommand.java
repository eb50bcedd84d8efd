package io.syncline.cli;

import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.PostgresConnections;
import io.syncline.cdc.PreflightException;
import io.syncline.cdc.SlotMonitor;
import io.syncline.cdc.SourcePreflight;
import io.syncline.config.WalRetentionSpec;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.ViewSchemas;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code syncline validate -c FILE [--source]}: exit 0 when the file is valid, 78 with every problem
 * listed, 66 when the file cannot be read. With {@code --source} it also reads the captured tables'
 * columns from PostgreSQL and checks every column the views name (keys, joins, transforms), then runs
 * the source preflight as {@code run} does at start, changing nothing; exit 69 when PostgreSQL cannot
 * be reached or is not ready for capture (every problem listed, with its place in the file when it has
 * one). A slot held by a running pipeline is not a problem here. It then prints the slot's retained WAL
 * against {@code source.walRetention} (or that it is invalidated), so it shows while the daemon is stopped.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a pipeline file and lists every problem with file, line, column and key path.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_USAGE, ExitCodes.HELP_NO_INPUT,
                " 69:--source: PostgreSQL cannot be reached, refused the login, or is not ready for capture",
                ExitCodes.HELP_SOFTWARE,
                ExitCodes.HELP_CONFIG})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--source", description = "Also check the views' columns against the source database, and"
            + " that it is ready for capture (changes nothing); report the replication slot's retained WAL against"
            + " source.walRetention.budget.")
    boolean source;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSpec loaded = pipeline.load();
        String slot = null;
        if (source) {
            ViewSchemas.plan(loaded);
            slot = checkSourceIsReady(loaded);
        }
        spec.commandLine().getOut().printf("%s: valid pipeline '%s' (%d tables, %d views, %d sinks%s)%n",
                pipeline.file, loaded.name(), loaded.source().tables().size(), loaded.views().size(),
                loaded.sinks().size(), source ? "; every column the views name exists in the source, which is ready"
                        + " for capture" : "");
        if (slot != null) {
            spec.commandLine().getOut().println(slot);
        }
        return ExitCodes.OK;
    }

    /** The slot's retained WAL against source.walRetention, as a line (the daemon need not run). */
    private static String checkSourceIsReady(PipelineSpec pipeline) throws SQLException {
        // The preflight never talks to Kafka.
        CaptureOptions options = CaptureOptions.from(pipeline, pipeline.kafka().bootstrapServers().orElse(""));
        try (Connection connection = PostgresConnections.open(pipeline.source().postgres())) {
            List<String> problems = new SourcePreflight(connection).check(options, SourcePreflight.SlotUse.MAY_BE_IN_USE);
            if (!problems.isEmpty()) {
                throw new PreflightException(problems);
            }
            WalRetentionSpec retention = pipeline.source().walRetention();
            return SlotMonitor.describe(SlotMonitor.read(connection, pipeline.source().slot(), retention), retention);
        }
    }
}
