package io.syncline.cli.dlq;

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

/** The {@code dlq} command lines that fail before or when reaching Kafka, with their exit codes. */
class DlqCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void replayNeedsOneTopicAndOneSelection() throws Exception {
        Path file = pipeline("127.0.0.1:1");

        assertThat(run("dlq", "replay", "-c", file.toString(), "--all").exit).isEqualTo(ExitCodes.USAGE);
        Result both = run("dlq", "replay", "-c", file.toString(), "--sink", "search", "--all", "--key", "1");
        assertThat(both.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err).contains("mutually exclusive");
        assertThat(run("dlq", "replay", "-c", file.toString(), "--sink", "search").exit).isEqualTo(ExitCodes.USAGE);
        assertThat(run("dlq").exit).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anUnknownSinkIsAUsageErrorNamingTheSinks() throws Exception {
        Result result = run("dlq", "list", "-c", pipeline("127.0.0.1:1").toString(), "--sink", "serch");

        assertThat(result.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err).contains("no sink 'serch'", "search");
    }

    @Test
    void kafkaThatCannotBeReachedExits69() throws Exception {
        Result result = run("dlq", "list", "-c", pipeline("127.0.0.1:1").toString());

        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err).contains("Kafka at 127.0.0.1:1 cannot be reached");
    }

    @Test
    void anEmbeddedBrokerThatNeverRanExits69() throws Exception {
        Result result = run("dlq", "list", "-c", pipeline(null).toString());

        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err).contains("embedded Kafka broker, which has never run");
    }

    private Path pipeline(String bootstrap) throws Exception {
        return Files.writeString(dir.resolve("p.yaml"), """
                name: p
                stateDir: %s
                source:
                  postgres: {host: 127.0.0.1, port: 5432, database: shop, user: postgres}
                  tables: [public.things]
                %sviews:
                  - {name: things, table: public.things}
                sinks:
                  - name: search
                    type: elasticsearch
                    connection: {url: "http://127.0.0.1:9200"}
                    views:
                      - {view: things, index: things}
                """.formatted(dir.resolve("state"), bootstrap == null ? "" : "kafka: {bootstrapServers: \"" + bootstrap + "\"}\n"));
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
