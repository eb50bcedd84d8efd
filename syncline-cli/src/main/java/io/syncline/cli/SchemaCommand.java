package io.syncline.cli;

import io.syncline.config.schema.PipelineJsonSchema;
import io.syncline.daemon.SinkFactoryCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code syncline schema [-o FILE]}: the JSON Schema of pipeline files, for the sink types on the
 * classpath. The repository ships its output as connectors-config/schema/pipeline.schema.json;
 * regenerate it with {@code syncline schema -o connectors-config/schema/pipeline.schema.json}.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Prints the JSON Schema of pipeline files (for editors: completion and checks of keys).")
final class SchemaCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the schema to FILE instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String schema = PipelineJsonSchema.generate(SinkFactoryCatalog.discover());
        if (output == null) {
            spec.commandLine().getOut().print(schema);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try {
            Files.writeString(output, schema, StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println("syncline: cannot write " + output + ": " + e);
            return ExitCodes.CANT_CREATE;
        }
        return ExitCodes.OK;
    }
}
