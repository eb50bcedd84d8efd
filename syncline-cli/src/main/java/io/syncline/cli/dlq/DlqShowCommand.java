package io.syncline.cli.dlq;

import io.syncline.cli.PipelineKafka;

import io.syncline.cli.ExitCodes;
import io.syncline.cli.PipelineFileOption;
import io.syncline.config.PipelineSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code syncline dlq show -c FILE (--sink S|--views) OFFSET [--partition P] [--value]}: one dead
 * letter's key and headers; its value only with {@code --value}, since values may hold personal data.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Prints one dead letter's key and headers (its value only with --value: values may hold personal data).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.HELP_OK, " 64:usage error, or no dead letter at that offset", ExitCodes.HELP_NO_INPUT,
                DlqCommand.HELP_UNAVAILABLE, ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_CONFIG})
final class DlqShowCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Mixin
    DlqTopicOption target;

    @Parameters(paramLabel = "OFFSET", description = "The dead letter's offset on its dead-letter topic (as `dlq list` prints).")
    long offset;

    @Option(names = "--partition", paramLabel = "P", description = "Its partition on the dead-letter topic. Default: 0.")
    int partition;

    @Option(names = "--value", description = "Also print the value (the document or change event: may hold personal data).")
    boolean value;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSpec loaded = pipeline.load();
        DlqTopic topic = target.required(loaded, spec);
        PrintWriter out = spec.commandLine().getOut();
        try (PipelineKafka kafka = PipelineKafka.connect(loaded)) {
            DeadLetterLog log = DlqTopicOption.readExisting(kafka, topic, spec);
            DeadLetter record = log.all().stream().filter(d -> d.partition() == partition && d.offset() == offset)
                    .findFirst().orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                            "no dead letter at " + topic.name() + ":" + partition + ":" + offset));
            out.printf("dead letter %s%n", record.coordinates());
            out.printf("status      %s%n", log.outcome(record).orElse("pending"));
            out.printf("timestamp   %d%n", record.timestamp());
            out.printf("key         %s%n", record.keyText());
            out.println("headers");
            for (Header header : record.headers()) {
                out.printf("  %s: %s%n", header.key(), DeadLetter.text(header.value()));
            }
            if (value) {
                out.printf("value       %s%n", DeadLetter.text(record.value()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
