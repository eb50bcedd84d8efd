package io.syncline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code syncline validate}: exit 0 for a valid file, exit 78 with every problem (file:line:column: key path: message),
 * exit 66 for a file that cannot be read.
 */
class ValidateCommandTest {

    @Test
    void aValidPipelineExitsZeroAndSaysWhatItHas() {
        Result result = validate("pipelines/valid.yaml");

        assertThat(result.exit).as(result.err).isZero();
        assertThat(result.out).contains("valid pipeline 'shop' (2 tables, 2 views, 3 sinks)");
    }

    @Test
    void theShippedExampleIsValid() {
        Result result = validate(Path.of("../connectors-config/examples/shop.yaml").toAbsolutePath().normalize());

        assertThat(result.exit).as(result.err).isZero();
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("yaml-syntax", List.of("yaml-syntax.yaml:5:")),
                Arguments.of("unknown-key", List.of("unknown-key.yaml:5:3: source.snapshott:", "snapshot")),
                Arguments.of("missing-tables", List.of("source.tables:", "required")),
                Arguments.of("wrong-type", List.of("source.postgres.port:", "kafka.partitions:")),
                Arguments.of("bad-snapshot-mode", List.of("source.snapshot:", "initial", "when_needed")),
                Arguments.of("unknown-sink-type", List.of("sinks[0].type:", "redis", "clickhouse, elasticsearch, mongodb")),
                Arguments.of("wrong-target-key", List.of("sinks[0].views[0]", "index")),
                Arguments.of("sink-connection", List.of("sinks[0].connection.url:", "sinks[0].connection.uri:",
                        "sinks[1].connection.url:")),
                Arguments.of("view-on-uncaptured-table", List.of("views[1].table:", "public.refunds")),
                Arguments.of("duplicate-names", List.of("views[1].name:", "orders")),
                Arguments.of("missing-env-var", List.of("source.postgres.host:", "SYNCLINE_TEST_UNSET_HOST")),
                Arguments.of("route-to-unknown-view", List.of("sinks[0].views[0].view:", "order")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void anInvalidPipelineExitsConfigAndListsEveryProblem(String name, List<String> expected) {
        Result result = validate("pipelines/invalid/" + name + ".yaml");

        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.CONFIG).isEqualTo(78);
        assertThat(result.err).contains(expected);
        assertThat(result.out).isEmpty();
    }

    @Test
    void aMissingFileIsNoInput() {
        Result result = validate(Path.of("no-such-pipeline.yaml"));

        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.NO_INPUT).isEqualTo(66);
        assertThat(result.err).isEqualTo("syncline: no-such-pipeline.yaml: no such file" + System.lineSeparator());
    }

    @Test
    void aDirectoryIsNoInput(@TempDir Path dir) {
        Result result = validate(dir);

        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(result.err).startsWith("syncline: " + dir + ": cannot be read");
    }

    @Test
    void aFileThatIsNotUtf8IsAConfigProblem(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9});

        Result result = validate(file);

        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.CONFIG);
        assertThat(result.err).contains("latin1.yaml", "not UTF-8 text");
    }

    private Result validate(String resource) {
        try {
            return validate(Path.of(getClass().getClassLoader().getResource(resource).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result validate(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("validate", "-c", file.toString());
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
