package io.syncline.cli;

import io.syncline.config.HttpSpec;
import io.syncline.config.InvalidPipelineException;
import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.SinkFactoryCatalog;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code -c FILE} option every pipeline command shares. */
public final class PipelineFileOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The pipeline YAML file.")
    Path file;

    public Path file() {
        return file;
    }

    /**
     * Reads and checks the file.
     *
     * @throws NoInputException when the file does not exist or cannot be read (exit 66)
     * @throws InvalidPipelineException when its content has problems, not being UTF-8 text included (exit 78)
     */
    public PipelineSpec load() throws NoInputException, InvalidPipelineException {
        PipelineLoader loader = new PipelineLoader();
        Optional<String> text = text();
        return text.isPresent()
                ? loader.load(file.toString(), text.get(), System.getenv(), SinkFactoryCatalog.discover())
                : loader.load(file, System.getenv(), SinkFactoryCatalog.discover()); // reports it as a problem of the file
    }

    /**
     * Reads only the file's {@code http} section, for commands that talk to the running daemon: only
     * the variables that section references need to be set.
     *
     * @throws NoInputException when the file does not exist or cannot be read (exit 66)
     * @throws InvalidPipelineException when that section has problems (exit 78)
     */
    public HttpSpec loadHttp() throws NoInputException, InvalidPipelineException {
        PipelineLoader loader = new PipelineLoader();
        Optional<String> text = text();
        return text.isPresent()
                ? loader.loadHttp(file.toString(), text.get(), System.getenv())
                : loader.loadHttp(file, System.getenv()); // reports it as a problem of the file
    }

    /** The file's text; empty when it is not UTF-8 (the loader reports that as a problem of the file). */
    private Optional<String> text() throws NoInputException {
        try {
            return Optional.of(Files.readString(file));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } catch (NoSuchFileException e) {
            throw new NoInputException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new NoInputException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new NoInputException(file + ": cannot be read (" + Failures.describe(e) + ")", e);
        }
    }
}
