package io.syncline.cli;

import io.syncline.config.PipelineSpec;
import io.syncline.daemon.ViewSchemas;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code syncline validate -c FILE [--source]}: exit 0 when the file is valid, 78 with every problem
 * listed, 66 when the file cannot be read. With {@code --source} it also reads the captured tables'
 * columns from PostgreSQL and checks every column the views name (keys, joins, transforms), as
 * {@code run} does at start; exit 69 when PostgreSQL cannot be reached.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a pipeline file and lists every problem with file, line, column and key path.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_USAGE, ExitCodes.HELP_NO_INPUT,
                " 69:--source: PostgreSQL cannot be reached or refused the login", ExitCodes.HELP_SOFTWARE,
                ExitCodes.HELP_CONFIG})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--source", description = "Also check the views' columns against the source database.")
    boolean source;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSpec loaded = pipeline.load();
        if (source) {
            ViewSchemas.plan(loaded);
        }
        spec.commandLine().getOut().printf("%s: valid pipeline '%s' (%d tables, %d views, %d sinks%s)%n",
                pipeline.file, loaded.name(), loaded.source().tables().size(), loaded.views().size(),
                loaded.sinks().size(), source ? "; every column the views name exists in the source" : "");
        return ExitCodes.OK;
    }
}
