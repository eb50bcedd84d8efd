package io.syncline.cli.backfill;

import io.syncline.cdc.BackfillSignal;
import io.syncline.cli.ExitCodes;
import io.syncline.cli.PipelineFileOption;
import io.syncline.cli.PipelineKafka;
import io.syncline.config.PipelineSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code syncline backfill -c FILE (--table T | --view V)... [--where SQL] [--detach]}: reads
 * tables again while streaming goes on, through Debezium's incremental snapshot: the command puts
 * an {@code execute-snapshot} signal in Syncline's signal table, and the running daemon's capture
 * reads the rows in chunks by primary key, with watermarks so a row changed during its chunk is not
 * overwritten by the older read; every view the rows feed rebuilds its documents. Debezium keeps
 * its place in the offsets, so a stopped or crashed daemon goes on from the last finished chunk. A
 * signal written while the daemon is stopped is carried out when it starts. The command then
 * follows the backfill's notifications until it completes ({@code --detach}: it returns at once).
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Reads tables again while streaming goes on (chunked, resumable) and rebuilds their documents.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"  0:the backfill completed (--detach: it was asked for)", "  1:the backfill was aborted",
                ExitCodes.HELP_USAGE, ExitCodes.HELP_NO_INPUT, ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_SOFTWARE,
                ExitCodes.HELP_CONFIG})
public final class BackfillCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--table", paramLabel = "TABLE", description = "A captured table (schema.table); repeatable.")
    List<String> tables = List.of();

    @Option(names = "--view", paramLabel = "VIEW", description = "Every table the view reads; repeatable.")
    List<String> views = List.of();

    @Option(names = "--where", paramLabel = "SQL",
            description = "Only the rows this condition selects (a SQL expression over the table's columns); one table only.")
    String where;

    @Option(names = "--detach", description = "Return once the backfill is asked for; the daemon carries it out.")
    boolean detach;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (tables.isEmpty() && views.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "name at least one --table or --view");
        }
        PipelineSpec loaded = pipeline.load();
        BackfillSignal request;
        try {
            request = BackfillRequest.of(loaded, tables, views, where);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (PipelineKafka kafka = PipelineKafka.connect(loaded)) {
            Backfills.Outcome outcome = Backfills.run(loaded, kafka, request, !detach, out);
            return outcome == Backfills.Outcome.ABORTED ? ExitCodes.DIFFERENT : ExitCodes.OK;
        }
    }
}
