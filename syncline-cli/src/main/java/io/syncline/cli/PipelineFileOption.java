package io.syncline.cli;

import io.syncline.config.InvalidPipelineException;
import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.SinkFactoryCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -c FILE} option every pipeline command shares. */
final class PipelineFileOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The pipeline YAML file.")
    Path file;

    PipelineSpec load() throws InvalidPipelineException {
        return new PipelineLoader().load(file, System.getenv(), SinkFactoryCatalog.discover());
    }
}
