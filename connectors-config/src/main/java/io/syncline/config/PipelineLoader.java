package io.syncline.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a pipeline file: YAML with positions, {@code ${VAR}} interpolation from the given
 * environment, binding to the typed spec, then checks across the spec. Every problem found is
 * reported at once, in file order, with file, line, column and key path; secret values are
 * masked in every message.
 */
public final class PipelineLoader {

    public PipelineSpec load(Path file, Map<String, String> environment, SinkCatalog sinks) throws InvalidPipelineException {
        return load(file.toString(), read(file), environment, sinks);
    }

    /**
     * Loads only the {@code http} section of a pipeline file (its defaults when the file has none):
     * what a client of the running daemon ({@code syncline status}) needs. Only the variables that
     * section references must be set; the rest of the file is not checked.
     */
    public HttpSpec loadHttp(Path file, Map<String, String> environment) throws InvalidPipelineException {
        return loadHttp(file.toString(), read(file), environment);
    }

    /** {@link #loadHttp(Path, Map)} of pipeline text; {@code fileName} is what problems name as their file. */
    public HttpSpec loadHttp(String fileName, String yaml, Map<String, String> environment) throws InvalidPipelineException {
        Problems problems = new Problems(fileName);
        Optional<YamlNode> parsed = YamlNodes.parse(yaml, problems);
        if (parsed.isEmpty()) {
            throw new InvalidPipelineException(problems.inFileOrder());
        }
        List<YamlNode.Entry> http = parsed.get() instanceof YamlNode.Mapping root
                ? root.entries().stream().filter(e -> e.key().equals("http")).toList() : List.of();
        YamlNode httpOnly = new Interpolator(environment, problems).interpolate(new YamlNode.Mapping(http), "");
        HttpSpec spec = SpecBinder.bindHttp(httpOnly, problems);
        if (!problems.isEmpty()) {
            throw scrubbed(problems, httpOnly);
        }
        return spec;
    }

    private static String read(Path file) throws InvalidPipelineException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw unreadable(file, "no such file");
        } catch (CharacterCodingException e) {
            throw unreadable(file, "not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(file, "cannot be read: " + e.getMessage());
        }
    }

    /** Loads pipeline text; {@code fileName} is what problems name as their file. */
    public PipelineSpec load(String fileName, String yaml, Map<String, String> environment, SinkCatalog sinks)
            throws InvalidPipelineException {
        Problems problems = new Problems(fileName);
        Optional<YamlNode> parsed = YamlNodes.parse(yaml, problems);
        if (parsed.isEmpty()) {
            throw new InvalidPipelineException(problems.inFileOrder());
        }
        YamlNode root = new Interpolator(environment, problems).interpolate(parsed.get(), "");
        PipelineSpec spec = new SpecBinder(problems, sinks).bind(root);
        new PipelineValidator(problems, sinks).validate(spec);
        if (!problems.isEmpty()) {
            throw scrubbed(problems, root);
        }
        return spec;
    }

    /** The problems, with the secret values of {@code root} masked in their messages. */
    private static InvalidPipelineException scrubbed(Problems problems, YamlNode root) {
        Set<String> secrets = Redaction.secretsIn(root);
        return new InvalidPipelineException(problems.inFileOrder().stream()
                .map(p -> new ConfigProblem(p.file(), p.line(), p.column(), p.keyPath(), Redaction.scrub(p.message(), secrets)))
                .toList());
    }

    private static InvalidPipelineException unreadable(Path file, String why) {
        return new InvalidPipelineException(List.of(new ConfigProblem(file.toString(), 0, 0, "", why)));
    }
}
