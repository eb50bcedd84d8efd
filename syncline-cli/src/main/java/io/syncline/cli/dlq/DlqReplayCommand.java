package io.syncline.cli.dlq;

import io.syncline.cli.PipelineKafka;

import io.syncline.cli.ExitCodes;
import io.syncline.cli.PipelineFileOption;
import io.syncline.config.PipelineSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code syncline dlq replay -c FILE (--sink S|--views) (--all|--cause TEXT|--key K) [--dry-run]}:
 * once the cause is fixed, sends the selected pending dead letters back to where they came from,
 * where the normal version guards meet them (see {@link Replayer}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Sends pending dead letters back to where they came from, once their cause is fixed: a sink's to"
                + " its view topic (the sink writes them again, version-guarded), the view stage's to their change topic."
                + " A record followed by a newer one for its key is not sent. Each record is replayed once: a second"
                + " replay skips it, unless it was dead-lettered again."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.HELP_OK, DlqCommand.HELP_USAGE, ExitCodes.HELP_NO_INPUT, DlqCommand.HELP_UNAVAILABLE,
                ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_CONFIG})
final class DlqReplayCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Mixin
    DlqTopicOption target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--all", required = true, description = "Every pending dead letter.")
        boolean all;

        @Option(names = "--cause", required = true, paramLabel = "TEXT",
                description = "Those whose '<exception>: <cause>' (as `dlq list` groups them) contains TEXT, ignoring case.")
        String cause;

        @Option(names = "--key", required = true, paramLabel = "K", description = "Those whose key (as `dlq list` prints it) is K.")
        String key;

        Selection selection() {
            if (cause != null) {
                return new Selection.ByCause(cause);
            }
            return key != null ? new Selection.ByKey(key) : new Selection.All();
        }
    }

    @Option(names = "--dry-run", description = "Print what would be replayed; send nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSpec loaded = pipeline.load();
        DlqTopic topic = target.required(loaded, spec);
        PrintWriter out = spec.commandLine().getOut();
        try (PipelineKafka kafka = PipelineKafka.connect(loaded)) {
            DeadLetterLog log = DlqTopicOption.readExisting(kafka, topic, spec);
            List<DeadLetter> selected = Selection.select(log.pending(), which.selection());
            Replayer.Counts counts = new Replayer(kafka, out, dryRun).replay(topic, selected);
            out.printf("%s: %d selected of %d pending; %s %d, superseded %d, not replayable %d%n", topic.name(),
                    selected.size(), log.pending().size(), dryRun ? "would replay" : "replayed", counts.replayed(),
                    counts.superseded(), counts.notReplayable());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
