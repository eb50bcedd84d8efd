package io.syncline.cli;

import io.syncline.config.PipelineSpec;
import io.syncline.daemon.SchemaPlan;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code syncline plan -c FILE}: plans the views from the source's current columns and shows, per
 * sink, what it would change in its targets at the next start or schema change (ClickHouse DDL,
 * Elasticsearch mapping additions, and what its schemaChanges policy refuses). Changes nothing.
 * Exit 0 when nothing is refused, 1 when a sink would stop, 69 when the source or a sink cannot be
 * reached.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Shows what each sink would change in its targets (ClickHouse DDL, Elasticsearch mapping)",
                "for the source's current columns, and what its schemaChanges policy would refuse. Changes nothing.",
                "The running daemon applies the same changes itself when a captured table changes."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"  0:nothing refused (the changes listed, if any, are applied at the next start or schema change)",
                "  1:a sink would stop: a change its target cannot take or its policy refuses (lines 'refused:')",
                ExitCodes.HELP_USAGE, ExitCodes.HELP_NO_INPUT, ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_SOFTWARE,
                ExitCodes.HELP_CONFIG})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSpec loaded = pipeline.load();
        List<SchemaPlan.SinkChanges> plan = SchemaPlan.of(loaded);
        spec.commandLine().getOut().print(SchemaPlan.format(plan));
        spec.commandLine().getOut().flush();
        boolean refused = plan.stream().flatMap(s -> s.changes().stream()).anyMatch(line -> line.startsWith("refused:"));
        return refused ? ExitCodes.DIFFERENT : ExitCodes.OK;
    }
}
