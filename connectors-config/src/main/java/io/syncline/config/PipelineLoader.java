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
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw unreadable(file, "no such file");
        } catch (CharacterCodingException e) {
            throw unreadable(file, "not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(file, "cannot be read: " + e.getMessage());
        }
        return load(file.toString(), text, environment, sinks);
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
            Set<String> secrets = Redaction.secretsIn(root);
            List<ConfigProblem> scrubbed = problems.inFileOrder().stream()
                    .map(p -> new ConfigProblem(p.file(), p.line(), p.column(), p.keyPath(), Redaction.scrub(p.message(), secrets)))
                    .toList();
            throw new InvalidPipelineException(scrubbed);
        }
        return spec;
    }

    private static InvalidPipelineException unreadable(Path file, String why) {
        return new InvalidPipelineException(List.of(new ConfigProblem(file.toString(), 0, 0, "", why)));
    }
}
