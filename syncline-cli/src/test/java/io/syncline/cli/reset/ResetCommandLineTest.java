package io.syncline.cli.reset;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.cli.ExitCodes;
import io.syncline.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code reset} command lines refused before anything is reached, with their exit codes. */
class ResetCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void eitherTheSourceOrASinkOfThePipeline() throws Exception {
        Result missing = run("reset", "-c", pipeline().toString(), "--yes");
        assertThat(missing.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err).contains("reset one of: --source, --sink S [--view V], --view V");
        Result both = run("reset", "-c", pipeline().toString(), "--source", "--sink", "search", "--yes");
        assertThat(both.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err).contains("reset one of: --source, --sink S [--view V], --view V");
        Result sourceAndView = run("reset", "-c", pipeline().toString(), "--source", "--view", "orders", "--yes");
        assertThat(sourceAndView.exit).isEqualTo(ExitCodes.USAGE);

        Result unknownView = run("reset", "-c", pipeline().toString(), "--view", "nope", "--yes");
        assertThat(unknownView.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownView.err).contains("the pipeline has no view 'nope'; its views:");

        Result unknown = run("reset", "-c", pipeline().toString(), "--sink", "serch", "--yes");
        assertThat(unknown.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err).contains("the pipeline has no sink 'serch'; its sinks: search");
    }

    @Test
    void theViewMustBeOneTheSinkTakes() throws Exception {
        Result result = run("reset", "-c", pipeline().toString(), "--sink", "search", "--view", "customers", "--yes");

        assertThat(result.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err).contains("sink search takes no view 'customers'; it takes: things");
    }

    @Test
    void withoutATerminalItNeedsYes() throws Exception {
        // The test JVM has no terminal (System.console() is null); nothing is reached before the refusal.
        Result result = run("reset", "-c", pipeline().toString(), "--sink", "search");

        assertThat(result.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err).contains("there is no terminal to ask on: pass --yes");
        assertThat(result.out).isEmpty();
    }

    @Test
    void theHelpListsItsExitCodes() {
        Result result = run("reset", "--help");

        assertThat(result.exit).isZero();
        assertThat(result.out).contains("--dry-run", "--yes", "--view=VIEW", "  1   nothing changed: declined");
    }

    private Path pipeline() throws Exception {
        return Files.writeString(dir.resolve("p.yaml"), """
                name: p
                stateDir: %s
                source:
                  postgres: {host: 127.0.0.1, port: 1, database: shop, user: postgres}
                  tables: [public.things]
                kafka: {bootstrapServers: "127.0.0.1:1"}
                views:
                  - {name: things, table: public.things}
                sinks:
                  - name: search
                    type: elasticsearch
                    connection: {url: "http://127.0.0.1:1"}
                    views:
                      - {view: things, index: things}
                """.formatted(dir.resolve("state")));
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
