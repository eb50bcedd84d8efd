package io.syncline.cli.dlq;

import io.syncline.cli.PipelineKafka;

import io.syncline.cli.ExitCodes;
import io.syncline.cli.PipelineFileOption;
import io.syncline.config.PipelineSpec;
import io.syncline.view.DeadLetterHeaders;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code syncline dlq list -c FILE [--sink S|--views] [--all]}: per dead-letter topic the number of
 * dead letters, pending and handled, and the pending ones grouped by cause with their coordinates
 * (never values: they may hold personal data).
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Per dead-letter topic: counts, and the pending records grouped by cause with where they came from.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.HELP_OK, DlqCommand.HELP_USAGE, ExitCodes.HELP_NO_INPUT, DlqCommand.HELP_UNAVAILABLE,
                ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_CONFIG})
final class DlqListCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Mixin
    DlqTopicOption target;

    @Option(names = "--all", description = "Also list records a replay already handled (replayed or superseded).")
    boolean all;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSpec loaded = pipeline.load();
        List<DlqTopic> topics = target.chosenOrAll(loaded, spec);
        PrintWriter out = spec.commandLine().getOut();
        try (PipelineKafka kafka = PipelineKafka.connect(loaded)) {
            Set<String> existing = kafka.topics();
            for (DlqTopic topic : topics) {
                if (!existing.contains(topic.name())) {
                    out.printf("%s: no such topic (the daemon creates it when it starts)%n", topic.name());
                    continue;
                }
                DeadLetterLog log = DeadLetterLog.read(kafka, topic);
                int total = log.all().size();
                int pending = log.pending().size();
                out.printf("%s: %d dead letters, %d pending, %d handled by a replay%n", topic.name(), total, pending,
                        total - pending);
                print(out, log, all ? log.all() : log.pending());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, DeadLetterLog log, List<DeadLetter> records) {
        for (Map.Entry<String, List<DeadLetter>> group : Selection.byCause(records).entrySet()) {
            out.printf("  %d x %s%n", group.getValue().size(), group.getKey());
            for (DeadLetter record : group.getValue()) {
                String view = record.header(DeadLetterHeaders.VIEW);
                out.printf("    %s  key %s  from %s%s%s%n", record.coordinates(), record.keyText(), record.origin(),
                        view == null ? "" : "  view " + view,
                        log.outcome(record).map(o -> "  [" + o + "]").orElse(""));
            }
        }
    }
}
