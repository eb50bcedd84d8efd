package io.syncline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.syncline.config.schema.PipelineJsonSchema;
import io.syncline.daemon.SinkFactoryCatalog;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The shipped connectors-config/schema/pipeline.schema.json: it is what {@code syncline schema}
 * generates from the sink factories on the classpath, the example and test pipelines validate
 * against it, and each sink type's connection options in it are the ones its factory checks.
 */
class PipelineSchemaFileTest {

    static final Path SCHEMA_FILE = Path.of("../connectors-config/schema/pipeline.schema.json");
    private static final String REGENERATE = "connectors-config/schema/pipeline.schema.json is not what the model and the"
            + " sink factories give; regenerate it with `syncline schema -o connectors-config/schema/pipeline.schema.json`,"
            + " or: ./mvnw -B -q -ntp -pl syncline-cli -am verify -Dtest=PipelineSchemaFileTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dsyncline.schema.write=true";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theShippedFileIsWhatTheModelGives() throws IOException {
        String generated = PipelineJsonSchema.generate(SinkFactoryCatalog.discover());
        if (Boolean.getBoolean("syncline.schema.write")) {
            Files.createDirectories(SCHEMA_FILE.getParent());
            Files.writeString(SCHEMA_FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(SCHEMA_FILE)).as(REGENERATE).isTrue();
        assertThat(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8)).as(REGENERATE).isEqualTo(generated);
    }

    @Test
    void theSchemaCommandPrintsIt() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute("schema");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(PipelineJsonSchema.generate(SinkFactoryCatalog.discover()));
    }

    @Test
    void theSchemaCommandWritesAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("pipeline.schema.json");
        int exit = Main.commandLine().execute("schema", "-o", file.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(file)).isEqualTo(PipelineJsonSchema.generate(SinkFactoryCatalog.discover()));
        assertThat(Main.commandLine().setErr(new PrintWriter(new StringWriter()))
                .execute("schema", "-o", dir.resolve("missing/dir/x.json").toString())).isEqualTo(ExitCodes.CANT_CREATE);
    }

    @ParameterizedTest
    @MethodSource("validPipelines")
    void everyValidPipelineValidatesAgainstTheShippedFile(Path pipeline) throws IOException {
        String yaml = Files.readString(pipeline);
        Path relative = pipeline.getParent().relativize(SCHEMA_FILE.toAbsolutePath().normalize());
        assertThat(yaml).startsWith("# yaml-language-server: $schema=" + relative.toString().replace('\\', '/') + "\n");
        assertThat(schema().validate(YAML.readTree(yaml))).as(pipeline.toString()).isEmpty();
    }

    static Stream<Path> validPipelines() throws IOException {
        try (Stream<Path> examples = Files.list(Path.of("../connectors-config/examples"))) {
            List<Path> files = Stream.concat(examples.filter(file -> file.toString().endsWith(".yaml")),
                    Stream.of(Path.of("src/test/resources/pipelines/valid.yaml")))
                    .map(file -> file.toAbsolutePath().normalize()).sorted().toList();
            return files.stream();
        }
    }

    /** The reference in connectors-config/README.md names every connection option of every sink type. */
    @Test
    void theReferenceTableNamesEveryConnectionOption() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../connectors-config/README.md"), StandardCharsets.UTF_8);
        SinkFactories factories = SinkFactories.discover();
        for (String type : factories.types()) {
            String row = rows.stream().filter(line -> line.startsWith("| `" + type + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("connectors-config/README.md has no row for sink type " + type));
            assertThat(row).as("connectors-config/README.md, sink type " + type)
                    .contains("`" + factories.forType(type).targetKey() + "`")
                    .contains(factories.forType(type).connectionOptions().stream().map(o -> "`" + o.name() + "`").toList());
        }
    }

    /**
     * Per sink type: the schema's connection keys are the ones the factory knows (an unknown one is
     * reported with the list of known ones), its required keys the ones the factory requires, and
     * an unknown key is rejected by the schema too.
     */
    @Test
    void eachSinkTypesConnectionOptionsAreTheOnesItsFactoryChecks() {
        JsonNode defs = JSON.readTree(PipelineJsonSchema.generate(SinkFactoryCatalog.discover())).get("$defs");
        SinkFactories factories = SinkFactories.discover();
        assertThat(factories.types()).containsExactlyInAnyOrder("elasticsearch", "mongodb", "clickhouse");
        for (String type : factories.types()) {
            SinkFactory factory = factories.forType(type);
            JsonNode connection = defs.get(type + "Connection");
            assertThat(connection).as(type).isNotNull();
            Set<String> schemaKeys = new TreeSet<>(connection.get("properties").propertyNames());
            Set<String> schemaRequired = new TreeSet<>();
            connection.path("required").forEach(key -> schemaRequired.add(key.asString()));

            List<SinkProblem> unknown = validate(factory, Map.of("zzzzzzzz", "x"));
            SinkProblem bogus = unknown.stream().filter(p -> p.keyPath().equals("connection.zzzzzzzz")).findFirst().orElseThrow();
            assertThat(bogus.message()).startsWith("unknown option; known: ");
            assertThat(new TreeSet<>(List.of(bogus.message().substring("unknown option; known: ".length()).split(", "))))
                    .as(type + ": keys the factory knows").isEqualTo(schemaKeys);

            Set<String> factoryRequired = validate(factory, Map.of()).stream()
                    .filter(p -> p.message().startsWith("is required"))
                    .map(p -> p.keyPath().substring("connection.".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(schemaRequired).as(type + ": required keys").isEqualTo(factoryRequired);

            assertThat(defs.get(type + "Route").get("required").toString()).as(type)
                    .isEqualTo("[\"view\",\"" + factory.targetKey() + "\"]");
        }
    }

    @Test
    void theShippedFileRejectsAnUnknownConnectionOptionOfEachType() throws IOException {
        JsonNode valid = YAML.readTree(Files.readString(Path.of("../connectors-config/examples/shop.yaml")));
        assertThat(schema().validate(valid)).isEmpty();
        for (int i = 0; i < valid.get("sinks").size(); i++) {
            ObjectNode changed = (ObjectNode) valid.deepCopy();
            ((ObjectNode) changed.get("sinks").get(i).get("connection")).put("zzzzzzzz", "x");
            assertThat(schema().validate(changed)).as("sinks[" + i + "]").isNotEmpty();
        }
    }

    private static List<SinkProblem> validate(SinkFactory factory, Map<String, String> connection) {
        return factory.validate(new SinkOptions("(test)", new HashMap<>(connection), Map.of(), Map.of()));
    }

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8));
    }
}
