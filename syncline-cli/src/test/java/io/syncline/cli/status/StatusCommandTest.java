package io.syncline.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.syncline.cli.ExitCodes;
import io.syncline.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code syncline status} against a fake daemon (the JDK's HTTP server with canned /status
 * documents): the table, {@code --json}, the token, and the exit codes 0 (ready), 1 (not ready),
 * 69 (no daemon), 64 (the file does not say where), 66 and 78.
 */
class StatusCommandTest {
    static final String READY = """
            {
              "pipeline" : "shop",
              "time" : "2026-05-01T12:00:00Z",
              "versions" : {"syncline" : "0.1.0-SNAPSHOT", "commit" : "abc1234", "built" : "2026-05-01T00:00:00Z",
                            "debezium" : "3.6.3.Final", "kafka" : "4.3.1", "java" : "17.0.12"},
              "ready" : true,
              "reason" : null,
              "components" : {
                "capture" : {"state" : "STREAMING", "up" : true, "reason" : null},
                "views" : {"state" : "RUNNING", "up" : true, "reason" : null},
                "sink analytics" : {"state" : "RUNNING", "up" : true, "reason" : null},
                "sink documents" : {"state" : "RUNNING", "up" : true, "reason" : null},
                "sink search" : {"state" : "RUNNING", "up" : true, "reason" : null}
              },
              "capture" : {"phase" : "STREAMING", "running" : true, "snapshotRunning" : false, "records" : 12345, "errors" : 0,
                           "lastLsn" : "0/1A2B3C", "lastSourceTime" : "2026-05-01T11:59:59.800Z", "sourceLagMs" : 200, "lastError" : null,
                           "tables" : {
                             "public.orders" : {"changes" : 12000, "changesByOperation" : {"c" : 2000, "u" : 0, "d" : 0, "r" : 10000, "t" : 0},
                                                "snapshot" : {"state" : "DONE", "rowsRead" : 10000, "rowsEstimate" : 10000}},
                             "public.customers" : {"changes" : 345, "changesByOperation" : {"c" : 0, "u" : 0, "d" : 0, "r" : 345, "t" : 0},
                                                   "snapshot" : {"state" : "RUNNING", "rowsRead" : 345, "rowsEstimate" : 1380}},
                             "public.notes" : {"changes" : 0, "changesByOperation" : {"c" : 0, "u" : 0, "d" : 0, "r" : 0, "t" : 0},
                                               "snapshot" : {"state" : "PENDING", "rowsRead" : 0, "rowsEstimate" : null}}
                           }},
              "slot" : {"name" : "syncline_shop", "state" : "OK", "active" : true, "walStatus" : "reserved",
                        "retainedBytes" : 1572864, "confirmedFlushLagBytes" : 2048, "safeWalSizeBytes" : null,
                        "budgetBytes" : 2147483648, "readAt" : "2026-05-01T11:59:58Z"},
              "views" : {"state" : "RUNNING", "recordsIn" : 12345, "documentsOut" : 12000, "deletes" : 3, "unchanged" : 0,
                         "stale" : 2, "deadLettered" : 1, "deadLetteredByProcessor" : {}, "lastError" : null,
                         "byView" : {
                           "orders" : {"recordsIn" : 12000, "documentsOut" : 11700, "deletes" : 3, "unchanged" : 0, "stale" : 2, "deadLettered" : 1},
                           "customers" : {"recordsIn" : 345, "documentsOut" : 300, "deletes" : 0, "unchanged" : 45, "stale" : 0, "deadLettered" : 0}
                         }},
              "sinks" : {
                "search" : {"state" : "RUNNING", "retrying" : false, "written" : 12000, "stale" : 0, "deadLettered" : 0,
                            "retries" : 0, "batches" : 40, "lag" : 0, "lagByPartition" : {}, "lastCommit" : "2026-05-01T11:59:59Z",
                            "lastError" : null},
                "documents" : {"state" : "RUNNING", "retrying" : false, "written" : 11990, "stale" : 0, "deadLettered" : 0,
                               "retries" : 0, "batches" : 41, "lag" : 10, "lagByPartition" : {}, "lastCommit" : "2026-05-01T11:59:58Z",
                               "lastError" : null},
                "analytics" : {"state" : "RUNNING", "retrying" : false, "written" : 12000, "stale" : 0, "deadLettered" : 0,
                               "retries" : 0, "batches" : 6, "lag" : 0, "lagByPartition" : {}, "lastCommit" : "2026-05-01T11:59:59Z",
                               "lastError" : null}
              }
            }
            """;
    static final String MONGO_ERROR = "com.mongodb.MongoTimeoutException: Timed out while waiting for a server that matches"
            + " ReadPreferenceServerSelector{readPreference=primary}. Client view of cluster state is {type=UNKNOWN}";
    static final String DEGRADED = READY
            .replace("\"ready\" : true", "\"ready\" : false")
            .replace("\"reason\" : null,\n  \"components\"",
                    "\"reason\" : \"sink documents: retrying; last error at 2026-05-01T11:59:30Z: " + MONGO_ERROR + "\",\n  \"components\"")
            .replace("\"sink documents\" : {\"state\" : \"RUNNING\", \"up\" : true, \"reason\" : null}",
                    "\"sink documents\" : {\"state\" : \"RETRYING\", \"up\" : false, \"reason\" : \"retrying; last error at"
                            + " 2026-05-01T11:59:30Z: " + MONGO_ERROR + "\"}")
            .replace("\"retries\" : 0, \"batches\" : 41, \"lag\" : 10", "\"retries\" : 7, \"batches\" : 41, \"lag\" : 25")
            .replace("\"documents\" : {\"state\" : \"RUNNING\", \"retrying\" : false", "\"documents\" : {\"state\" : \"RUNNING\", \"retrying\" : true")
            .replaceFirst("\"lastCommit\" : \"2026-05-01T11:59:58Z\",(\\s+)\"lastError\" : null",
                    "\"lastCommit\" : \"2026-05-01T11:59:29Z\",$1\"lastError\" : {\"message\" : \""
                            + MONGO_ERROR + "\", \"time\" : \"2026-05-01T11:59:30Z\"}");

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>(READY);
    private final AtomicInteger code = new AtomicInteger(200);
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFakeDaemon() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                paths.add(exchange.getRequestURI().getPath());
                byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(code.get(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stopFakeDaemon() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readyPrintsEveryComponentAndExitsZero() throws Exception {
        Result result = status(pipelineFile("127.0.0.1:" + port(), "t0k"));

        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.OK);
        assertThat(authorizations).containsExactly("Bearer t0k");
        assertThat(paths).containsExactly("/status");
        List<String> lines = result.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("pipeline shop: ready");
        assertThat(lines.get(1)).isEqualTo("  from http://127.0.0.1:" + port() + "/status at 2026-05-01T12:00:00Z");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("COMPONENT +STATE +UP +LAG +COUNTS +LAST ERROR"));
        assertThat(row(lines, "slot syncline_shop")).matches("slot syncline_shop +OK +- +2\\.0 KiB +retained 1\\.5 MiB of 2\\.0 GiB"
                + " budget \\(0%\\), wal_status reserved");
        assertThat(row(lines, "capture")).matches("capture +STREAMING +yes +200 ms +12,345 changes, 0 errors");
        assertThat(row(lines, "views")).matches("views +RUNNING +yes +- +12,345 in, 12,000 out, 1 dead-lettered, 2 stale");
        // Under capture, each table in the document's order; under the view stage, each view.
        int capture = lines.indexOf(row(lines, "capture"));
        assertThat(lines.get(capture + 1)).matches("  table public\\.orders +12,000 changes, snapshot DONE, 10,000 rows read of ~10,000 \\(100%\\)");
        assertThat(lines.get(capture + 2)).matches("  table public\\.customers +345 changes, snapshot RUNNING, 345 rows read of ~1,380 \\(25%\\)");
        assertThat(lines.get(capture + 3)).matches("  table public\\.notes +0 changes, snapshot PENDING, 0 rows read");
        assertThat(lines.get(capture + 4)).startsWith("views ");
        int views = capture + 4;
        assertThat(lines.get(views + 1)).matches("  view orders +12,000 in, 11,700 out, 0 unchanged, 2 stale, 1 dead-lettered");
        assertThat(lines.get(views + 2)).matches("  view customers +345 in, 300 out, 45 unchanged, 0 stale, 0 dead-lettered");
        assertThat(lines.get(views + 3)).startsWith("sink ");
        // The counts of the nested rows start in the COUNTS column.
        int countsColumn = lines.stream().filter(l -> l.startsWith("COMPONENT")).findFirst().orElseThrow().indexOf("COUNTS");
        assertThat(lines.get(capture + 1).indexOf("12,000")).isEqualTo(countsColumn);
        assertThat(lines.get(views + 2).indexOf("345")).isEqualTo(countsColumn);
        assertThat(row(lines, "sink search")).matches("sink search +RUNNING +yes +0 +12,000 written, 0 retries, 0 dead-lettered, 0 stale");
        assertThat(row(lines, "sink documents")).matches("sink documents +RUNNING +yes +10 +11,990 written, 0 retries.*");
        assertThat(row(lines, "sink analytics")).startsWith("sink analytics");
        // Columns line up: every row's STATE starts where the header's does.
        int stateColumn = lines.stream().filter(l -> l.startsWith("COMPONENT")).findFirst().orElseThrow().indexOf("STATE");
        assertThat(row(lines, "capture").indexOf("STREAMING")).isEqualTo(stateColumn);
        assertThat(row(lines, "sink documents").indexOf("RUNNING")).isEqualTo(stateColumn);
        assertThat(result.out).doesNotContain("down:").contains("syncline 0.1.0-SNAPSHOT (commit abc1234), Debezium 3.6.3.Final");
    }

    @Test
    void aRetryingSinkIsDegradedExitOneWithItsStateReasonAndLastError() throws Exception {
        body.set(DEGRADED);

        Result result = status(pipelineFile("127.0.0.1:" + port(), null));

        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.NOT_READY).isEqualTo(1);
        assertThat(authorizations).containsExactly("null"); // no token in the file: none sent
        List<String> lines = result.out.lines().toList();
        assertThat(lines.get(0)).startsWith("pipeline shop: NOT READY (sink documents: retrying; last error at 2026-05-01T11:59:30Z");
        assertThat(row(lines, "sink documents")).matches("sink documents +RETRYING +no +25 +11,990 written, 7 retries, 0 dead-lettered,"
                + " 0 stale +2026-05-01T11:59:30Z com\\.mongodb\\.MongoTimeoutException: .*…");
        assertThat(row(lines, "sink documents").length()).isLessThan(200);
        assertThat(row(lines, "sink search")).contains("RUNNING", "yes");
        assertThat(result.out).contains("\ndown:\n  sink documents: RETRYING, retrying; last error at 2026-05-01T11:59:30Z: "
                + "com.mongodb.MongoTimeoutException: Timed out");
    }

    @Test
    void jsonPrintsTheDocumentAsTheDaemonSentItWithTheSameExitCodes() throws Exception {
        Path file = pipelineFile("127.0.0.1:" + port(), "t0k");
        Result ready = status(file, "--json");
        assertThat(ready.exit).isZero();
        assertThat(ready.out).isEqualTo(READY);

        body.set(DEGRADED);
        Result degraded = status(file, "--json");
        assertThat(degraded.exit).isEqualTo(1);
        assertThat(degraded.out).isEqualTo(DEGRADED).contains("\"retrying\" : true");
    }

    @Test
    void noDaemonListeningIsDown69() throws Exception {
        int port = port();
        server.stop(0);
        server = null;

        Result result = status(pipelineFile("127.0.0.1:" + port, null));

        assertThat(result.exit).isEqualTo(ExitCodes.UNAVAILABLE).isEqualTo(69);
        assertThat(result.out).isEmpty();
        assertThat(result.err).startsWith("syncline: no syncline daemon answers at http://127.0.0.1:" + port + "/status (ConnectException")
                .contains("is 'syncline run' running for this pipeline?");
    }

    @Test
    void aRefusedTokenOrAnotherProgramIs69() throws Exception {
        code.set(401);
        body.set("{\"error\" : \"a bearer token is required\"}");
        Result refused = status(pipelineFile("127.0.0.1:" + port(), "wrong"));
        assertThat(refused.exit).isEqualTo(69);
        assertThat(refused.err).contains("refused the token (http.token of the file differs from the daemon's)");
        Result none = status(pipelineFile("127.0.0.1:" + port(), null));
        assertThat(none.err).contains("it wants a bearer token, and the file has no http.token");

        code.set(404);
        assertThat(status(pipelineFile("127.0.0.1:" + port(), null)).err).contains("answered HTTP 404");
        code.set(200);
        body.set("<html>hello</html>");
        Result other = status(pipelineFile("127.0.0.1:" + port(), null));
        assertThat(other.exit).isEqualTo(69);
        assertThat(other.err).contains("did not answer with a syncline status document");
    }

    @Test
    void urlOverridesTheFileWhichMustNameAPort() throws Exception {
        Path anyPort = pipelineFile("127.0.0.1:0", "t0k");
        Result usage = status(anyPort);
        assertThat(usage.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err).contains("http.address has port 0", "give --url");

        for (String url : List.of("http://127.0.0.1:" + port(), "http://127.0.0.1:" + port() + "/",
                "http://127.0.0.1:" + port() + "/status")) {
            Result result = status(anyPort, "--url", url);
            assertThat(result.exit).as(url + ": " + result.err).isZero();
        }
        assertThat(paths).containsOnly("/status");
        assertThat(authorizations).containsOnly("Bearer t0k");
        assertThat(status(anyPort, "--url", "127.0.0.1:9464").exit).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aWildcardAddressIsReachedOnLoopbackAndADisabledEndpointIsAUsageError() throws Exception {
        assertThat(status(pipelineFile("0.0.0.0:" + port(), "t0k")).exit).isZero();
        Path disabled = Files.writeString(dir.resolve("off.yaml"), validPipeline() + "http: {enabled: false}\n");
        Result result = status(disabled);
        assertThat(result.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err).contains("http.enabled is false");
    }

    @Test
    void onlyTheVariablesOfTheHttpSectionMustBeSet() throws Exception {
        String unset = "SYNCLINE_STATUS_TEST_UNSET_" + System.nanoTime();
        Path file = Files.writeString(dir.resolve("env.yaml"), "name: shop\nsource: {postgres: {password: \"${" + unset
                + "}\"}}\nhttp: {address: \"127.0.0.1:" + port() + "\"}\n");
        Result result = status(file);
        assertThat(result.exit).as(result.err).isEqualTo(ExitCodes.OK);
        assertThat(paths).containsExactly("/status");

        Path tokenFromEnv = Files.writeString(dir.resolve("token.yaml"), "name: shop\nhttp: {address: \"127.0.0.1:" + port()
                + "\", token: \"${" + unset + "}\"}\n");
        Result missing = status(tokenFromEnv);
        assertThat(missing.exit).isEqualTo(ExitCodes.CONFIG);
        assertThat(missing.err).contains(unset, "http.token");
        assertThat(paths).hasSize(1);
    }

    @Test
    void aMissingOrInvalidFileIs66Or78() throws Exception {
        assertThat(status(dir.resolve("nothing.yaml")).exit).isEqualTo(ExitCodes.NO_INPUT);
        Path invalid = Files.writeString(dir.resolve("bad.yaml"), validPipeline().replace("name: shop", "name: [shop"));
        assertThat(status(invalid).exit).isEqualTo(ExitCodes.CONFIG);
        assertThat(paths).isEmpty();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static String row(List<String> lines, String component) {
        return lines.stream().filter(l -> l.startsWith(component + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + component + " in\n" + String.join("\n", lines)));
    }

    private Path pipelineFile(String address, String token) throws IOException {
        return Files.writeString(dir.resolve("pipeline-" + address.replace(':', '_') + "-" + token + ".yaml"), validPipeline()
                + "http: {address: \"" + address + "\"" + (token == null ? "" : ", token: \"" + token + "\"") + "}\n");
    }

    private static String validPipeline() throws IOException {
        try (InputStream in = StatusCommandTest.class.getResourceAsStream("/pipelines/valid.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Result status(Path file, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[options.length + 3];
        args[0] = "status";
        args[1] = "-c";
        args[2] = file.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
