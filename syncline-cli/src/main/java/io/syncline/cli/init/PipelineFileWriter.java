package io.syncline.cli.init;

import io.syncline.cli.ExitCodes;
import io.syncline.config.InvalidPipelineException;
import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.config.schema.PipelineJsonSchema;
import io.syncline.daemon.SinkFactoryCatalog;
import io.syncline.daemon.ViewSchemas;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts the file {@code syncline init} rendered in place (or on standard output), only once it passes
 * the checks {@code validate --source} makes: written to a temporary file beside the target, loaded
 * with the pipeline loader, its views planned against the source, then moved over the target in one
 * step. Whatever fails, nothing is left behind.
 */
final class PipelineFileWriter {
    /** The JSON Schema written beside the pipeline file, which its first line names for editors. */
    static final String SCHEMA_FILE = "syncline-pipeline.schema.json";

    /** Null: standard output. */
    private final Path target;
    private final boolean force;

    private PipelineFileWriter(Path target, boolean force) {
        this.target = target;
        this.force = force;
    }

    /**
     * To {@code output} ('-': standard output; null: {@code <name>.yaml}). An existing file without
     * {@code force} fails now, before PostgreSQL is asked anything.
     */
    static PipelineFileWriter to(String output, String pipelineName, boolean force) throws InitFailure {
        Path target = "-".equals(output) ? null : Path.of(output != null ? output : pipelineName + ".yaml");
        if (target != null && Files.exists(target) && !force) {
            throw exists(target);
        }
        return new PipelineFileWriter(target, force);
    }

    boolean toStandardOutput() {
        return target == null;
    }

    /** The file's name in its own header ({@code pipeline.yaml} on standard output). */
    String fileName() {
        return toStandardOutput() ? "pipeline.yaml" : target.toString();
    }

    /** Where it went, for the summary. */
    String where() {
        return toStandardOutput() ? "standard output" : target.toString();
    }

    /** Checks the text as loaded with {@code environment}, then writes it. */
    void write(String text, Map<String, String> environment, SinkFactoryCatalog catalog, PrintWriter out)
            throws InitFailure, IOException {
        Path temporary = temporaryFile(text);
        try {
            check(temporary, text, environment, catalog);
            if (toStandardOutput()) {
                out.print(text);
                out.flush();
            } else {
                writeSchema(catalog);
                moveInPlace(temporary);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private Path temporaryFile(String text) throws InitFailure {
        Path directory = toStandardOutput() ? Path.of(System.getProperty("java.io.tmpdir"))
                : target.toAbsolutePath().getParent();
        try {
            Path temporary = Files.createTempFile(directory, ".syncline-init-", ".yaml");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            return temporary;
        } catch (IOException e) {
            throw InitFailure.cantCreate("cannot write "
                    + (toStandardOutput() ? "a temporary file in " + directory : target) + ": " + e);
        }
    }

    /**
     * What {@code validate --source} checks. Problems only in a sink's connection come from its
     * {@code --sink} URL (a usage error); any other problem is a bug in init.
     */
    private static void check(Path temporary, String text, Map<String, String> environment, SinkFactoryCatalog catalog)
            throws InitFailure {
        try {
            PipelineSpec loaded = new PipelineLoader().load(temporary.toString(), text, environment, catalog);
            ViewSchemas.plan(loaded);
        } catch (InvalidPipelineException e) {
            List<String> lines = new ArrayList<>();
            if (e.problems().stream().allMatch(p -> p.keyPath().matches("sinks\\[\\d+]\\.connection.*"))) {
                e.problems().forEach(problem -> lines.add(InitFailure.prefixed("--sink: " + problem.keyPath() + ": "
                        + problem.message())));
                throw new InitFailure(ExitCodes.USAGE, lines);
            }
            lines.add(InitFailure.prefixed("the pipeline it wrote does not pass its own check (a bug in init;"
                    + " nothing was written):"));
            e.problems().forEach(problem -> lines.add("  " + problem));
            throw new InitFailure(ExitCodes.SOFTWARE, lines);
        } catch (SQLException e) {
            throw InitFailure.unavailable("PostgreSQL failed while checking the views (nothing was written): "
                    + e.getMessage());
        }
    }

    /** Generated, so rewritten every time: it always matches the syncline that wrote the pipeline. */
    private void writeSchema(SinkFactoryCatalog catalog) throws InitFailure {
        Path schema = target.toAbsolutePath().resolveSibling(SCHEMA_FILE);
        try {
            Files.writeString(schema, PipelineJsonSchema.generate(catalog), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InitFailure.cantCreate("cannot write " + schema + ": " + e);
        }
    }

    private void moveInPlace(Path temporary) throws InitFailure {
        try {
            if (force) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(temporary, target); // fails if the file appeared meanwhile
            }
        } catch (FileAlreadyExistsException e) {
            throw exists(target);
        } catch (IOException e) {
            throw InitFailure.cantCreate("cannot write " + target + ": " + e);
        }
    }

    private static InitFailure exists(Path target) {
        return InitFailure.cantCreate(target + " exists; use --force to overwrite it, or -o another file");
    }
}
