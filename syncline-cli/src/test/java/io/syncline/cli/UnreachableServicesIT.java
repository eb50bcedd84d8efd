package io.syncline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code verify} and {@code validate --source} exit 69 (EX_UNAVAILABLE) within seconds when PostgreSQL
 * or a sink cannot be reached: a real PostgreSQL, and ports where nothing listens.
 */
@RealServices
class UnreachableServicesIT {
    /** Far below what a supervisor or a script would wait; the slowest client (MongoDB server selection) gives up after 10 s. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static PostgresEndpoint db;

    @TempDir
    Path dir;

    @BeforeAll
    static void createSource(PostgresEndpoint postgres) throws Exception {
        db = postgres.createDatabase("unreachable_it");
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, status text)");
            statement.execute("INSERT INTO public.orders VALUES (1, 'new'), (2, 'paid')");
        }
    }

    @Test
    void verifyAndValidateSourceWhenPostgresDoesNotListen() throws Exception {
        int deadPort = deadPort();
        Path file = pipeline("127.0.0.1", deadPort, db.user(), elasticsearch("http://127.0.0.1:" + deadPort()));

        for (String[] args : new String[][] {{"verify", "-c", file.toString()}, {"validate", "--source", "-c", file.toString()}}) {
            Result result = run(args);

            assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.UNAVAILABLE).isEqualTo(69);
            assertThat(result.err).startsWith("syncline: ").contains(Integer.toString(deadPort))
                    .contains(Failures.VERBOSE_HINT).doesNotContain("null");
            assertThat(result.took).isLessThan(BOUND);
        }
    }

    @Test
    void verifyWhenPostgresRefusesTheLogin() throws Exception {
        Path file = pipeline(db.host(), db.port(), "no_such_role", elasticsearch("http://127.0.0.1:" + deadPort()));

        Result result = run("verify", "-c", file.toString());

        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err).contains("no_such_role");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"elasticsearch", "mongodb", "clickhouse"})
    void verifyWhenASinkDoesNotListen(String type) throws Exception {
        int deadPort = deadPort();
        String sink = switch (type) {
            case "elasticsearch" -> elasticsearch("http://127.0.0.1:" + deadPort);
            case "mongodb" -> """
                    - name: store
                      type: mongodb
                      connection: {uri: "mongodb://127.0.0.1:%d", database: unreachable}
                      views: [{view: orders, collection: orders}]
                    """.formatted(deadPort);
            case "clickhouse" -> """
                    - name: store
                      type: clickhouse
                      connection: {url: "http://127.0.0.1:%d"}
                      views: [{view: orders, table: orders}]
                    """.formatted(deadPort);
            default -> throw new IllegalArgumentException(type);
        };
        Path file = pipeline(db.host(), db.port(), db.user(), sink);

        Result result = run("verify", "-c", file.toString());

        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err).startsWith("syncline: sink store (" + type + ") cannot be reached: ")
                .contains(Failures.VERBOSE_HINT);
        assertThat(result.took).as(type + " gave up after").isLessThan(BOUND);
    }

    private static String elasticsearch(String url) {
        return """
                - name: store
                  type: elasticsearch
                  connection: {url: "%s"}
                  views: [{view: orders, index: orders}]
                """.formatted(url);
    }

    private Path pipeline(String host, int port, String user, String sink) throws IOException {
        String password = db.password() == null || db.password().isEmpty() ? "" : "\n    password: \"" + db.password() + "\"";
        return Files.writeString(dir.resolve("pipeline.yaml"), """
                name: unreachable
                stateDir: %s
                source:
                  postgres:
                    host: %s
                    port: %d
                    database: %s
                    user: %s%s
                  tables: [public.orders]
                views:
                  - {name: orders, table: public.orders}
                sinks:
                %s""".formatted(dir.resolve("state"), host, port, db.database(), user, password, sink.indent(2)));
    }

    /** A loopback port nothing listens on (bound once, then released). */
    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    private record Result(int exit, String out, String err, Duration took) {
    }
}
