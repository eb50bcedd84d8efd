package io.syncline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.ConfigProblem;
import io.syncline.config.InvalidPipelineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Every outcome of a command has its own exit code, is printed once, and never as {@code syncline: null}. */
class ExitCodesTest {

    @Test
    void anUnknownOptionIsAUsageErrorWithTheUsage() {
        Result result = run("validate", "-c", "p.yaml", "--bogus");

        assertThat(result.exit).isEqualTo(ExitCodes.USAGE).isEqualTo(64);
        assertThat(result.err).startsWith("syncline: Unknown option: '--bogus'")
                .contains("Usage: syncline validate");
        assertThat(result.out).isEmpty();
    }

    @Test
    void aMissingRequiredOptionAndAnUnknownCommandAreUsageErrors() {
        assertThat(run("verify").exit).isEqualTo(ExitCodes.USAGE);
        assertThat(run("verify").err).contains("Missing required option: '--config=FILE'", "Usage: syncline verify");
        Result unknown = run("verfiy", "-c", "p.yaml");
        assertThat(unknown.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err).contains("verify"); // the suggestion
        Result none = run();
        assertThat(none.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err).startsWith("syncline: a command is required: run, validate, plan, verify, init, schema").contains("Usage: syncline");
    }

    @Test
    void anErrorWithoutAMessageNamesItsClassAndTheFirstCauseWithAMessage() {
        Result bare = run(new IllegalStateException(), "boom");
        assertThat(bare.exit).isEqualTo(ExitCodes.SOFTWARE).isEqualTo(70);
        assertThat(bare.err.lines()).containsExactly("syncline: IllegalStateException", Failures.VERBOSE_HINT);

        Result caused = run(new IllegalStateException(" ", new RuntimeException(null, new IOException("disk full"))), "boom");
        assertThat(caused.err.lines()).containsExactly(
                "syncline: IllegalStateException (caused by IOException: disk full)", Failures.VERBOSE_HINT);
        assertThat(caused.err).doesNotContain("null");
    }

    @Test
    void verbosePrintsTheStackTraceBeforeOrAfterTheSubcommand() {
        for (String[] args : List.of(new String[] {"--verbose", "boom"}, new String[] {"boom", "--verbose"})) {
            Result result = run(new IllegalStateException(), args);

            assertThat(result.exit).isEqualTo(ExitCodes.SOFTWARE);
            assertThat(result.err).startsWith("syncline: IllegalStateException" + System.lineSeparator()
                            + "java.lang.IllegalStateException")
                    .contains("at io.syncline.cli.ExitCodesTest.")
                    .doesNotContain(Failures.VERBOSE_HINT);
        }
    }

    @Test
    void exceptionsAreMappedByTypeAlongTheCauseChain() {
        assertThat(Failures.exitCode(new SQLException("refused", "08001"))).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(Failures.exitCode(new RuntimeException(new SQLException("password", "28P01")))).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(Failures.exitCode(new SQLException("no role", "28000"))).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(Failures.exitCode(new SQLException("no such table", "42P01"))).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(Failures.exitCode(new SQLException("no state"))).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(Failures.exitCode(new ExecutionException(new ConnectException("Connection refused")))).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(Failures.exitCode(new IllegalStateException(new UnknownHostException("nohost")))).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(Failures.exitCode(new ExecutionException(new org.apache.kafka.common.errors.TimeoutException("no node"))))
                .isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(Failures.exitCode(new java.util.concurrent.TimeoutException("not a connection"))).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(Failures.exitCode(new InvalidPipelineException(List.of(new ConfigProblem("p.yaml", 1, 1, "name", "is required")))))
                .isEqualTo(ExitCodes.CONFIG);
        assertThat(Failures.exitCode(new NoInputException("p.yaml: no such file", null))).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(Failures.exitCode(new CantCreateException("state", null))).isEqualTo(ExitCodes.CANT_CREATE);
        // Once running, a failure is the pipeline's, whatever caused it.
        assertThat(Failures.exitCode(new PipelineFailedException("sink search failed", new ConnectException("refused"))))
                .isEqualTo(ExitCodes.SOFTWARE);
        // A message-less unavailable error still says something.
        assertThat(Failures.describe(new ConnectException())).isEqualTo("ConnectException");
    }

    @Test
    void helpListsTheExitCodesEachCommandCanReturn() {
        String top = run("--help").out;
        assertThat(top).contains("Exit codes:", "--verbose");
        for (String code : List.of("0", "1", "64", "66", "69", "70", "73", "78")) {
            assertThat(top).containsPattern("(?m)^\\s+" + code + "\\s+\\S");
        }

        String validate = run("validate", "--help").out;
        assertThat(validate).contains("Exit codes:", "--verbose");
        assertThat(codes(validate)).containsExactly("0", "64", "66", "69", "70", "78");
        assertThat(codes(run("verify", "--help").out)).containsExactly("0", "1", "64", "66", "69", "70", "75", "78");
        assertThat(codes(run("run", "--help").out)).containsExactly("0", "64", "66", "69", "70", "73", "78");
        assertThat(codes(run("status", "--help").out)).containsExactly("0", "1", "64", "66", "69", "70", "78");
    }

    @Test
    void versionNamesTheBuildTheCommitAndTheEmbeddedDebeziumAndKafka() throws IOException {
        Result result = run("--version");

        assertThat(result.exit).isZero();
        List<String> lines = result.out.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches(Pattern.compile(
                "syncline \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit (\\p{XDigit}{7,}|unknown), built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)"));
        assertThat(lines.get(1)).isEqualTo("Debezium " + debeziumJarVersion() + " (PostgreSQL connector), Kafka "
                + AppInfoParser.getVersion() + ", Java " + System.getProperty("java.version"));
    }

    /** The Debezium connector's version as its jar's Maven metadata says (the CLI does not import Debezium). */
    private static String debeziumJarVersion() throws IOException {
        try (InputStream in = ExitCodesTest.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/io.debezium/debezium-connector-postgres/pom.properties")) {
            assertThat(in).as("debezium-connector-postgres on the classpath").isNotNull();
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }

    /** The codes of the "Exit codes:" section of a help text. */
    private static List<String> codes(String help) {
        String section = help.substring(help.indexOf("Exit codes:") + "Exit codes:".length());
        return section.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+", 2)[0]).filter(c -> c.matches("\\d+")).toList();
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Exception error;

        Boom(Exception error) {
            this.error = error;
        }

        @Override
        public Integer call() throws Exception {
            throw error;
        }
    }

    private static Result run(String... args) {
        return run(null, args);
    }

    private static Result run(Exception boom, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        if (boom != null) {
            cli.addSubcommand("boom", new Boom(boom));
        }
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
