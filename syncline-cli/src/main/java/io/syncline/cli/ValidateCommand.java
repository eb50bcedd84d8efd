package io.syncline.cli;

import io.syncline.config.PipelineSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code syncline validate -c FILE}: exit 0 when the file is valid, 2 with every problem listed. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a pipeline file and lists every problem with file, line, column and key path.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    PipelineFileOption pipeline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSpec loaded = pipeline.load();
        spec.commandLine().getOut().printf("%s: valid pipeline '%s' (%d tables, %d views, %d sinks)%n",
                pipeline.file, loaded.name(), loaded.source().tables().size(), loaded.views().size(),
                loaded.sinks().size());
        return 0;
    }
}
