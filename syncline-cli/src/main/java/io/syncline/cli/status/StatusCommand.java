package io.syncline.cli.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.cli.ExitCodes;
import io.syncline.cli.PipelineFileOption;
import io.syncline.cli.PipelineKafka;
import io.syncline.cli.UnavailableException;
import io.syncline.config.HttpSpec;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.ProcessReport;
import io.syncline.view.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code syncline status -c FILE [--json] [--url URL | --processes]}: reads the running daemon's {@code /status}
 * at the pipeline's {@code http.address} (with {@code http.token}) and prints a table of capture, the
 * replication slot, the view stage and each sink, or the document itself with {@code --json}. Exit 0
 * when the pipeline is ready, 1 when the daemon runs but is not ready (a component down, a sink
 * retrying), 69 when no daemon answers there (it is not running) or it refuses the token.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the running daemon's status (GET /status at http.address): capture, the replication slot,"
                + " the view stage and each sink, with state, lag, counts and last error.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {StatusCommand.HELP_READY, StatusCommand.HELP_NOT_READY, ExitCodes.HELP_USAGE, ExitCodes.HELP_NO_INPUT,
                StatusCommand.HELP_UNREACHABLE, ExitCodes.HELP_SOFTWARE, ExitCodes.HELP_CONFIG})
public final class StatusCommand implements Callable<Integer> {
    static final String HELP_READY = "  0:ready: capture, the view stage and every sink are up";
    static final String HELP_NOT_READY = "  1:degraded: the daemon runs but is not ready (a component down, a sink retrying)";
    static final String HELP_UNREACHABLE = " 69:down: no daemon answers at http.address (not running), or it refused the token";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--json", description = "Print the /status document as the daemon sends it (JSON) instead of the table.")
    boolean json;

    @Option(names = "--url", paramLabel = "URL", description = "The daemon's endpoint, e.g. http://127.0.0.1:9464, instead of"
            + " the file's http.address (needed when that has port 0, or from another host). The token is still http.token.")
    String url;

    @Option(names = "--processes", description = "List every process of the pipeline (all machines) from the processes"
            + " topic in Kafka: roles, capture phase, view tasks, sink partitions, last report. Exit 0 when one reports,"
            + " 1 when all are gone, 69 when none ever reported.")
    boolean processes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (processes) {
            return processes();
        }
        HttpSpec http = pipeline.loadHttp();
        URI status = url != null ? statusUri(url) : statusUri(http);
        String body = fetch(status, http.hasToken() ? http.token().value() : null);
        JsonNode document;
        try {
            document = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            document = null;
        }
        if (document == null || !document.isObject() || !document.path("ready").isBoolean()) {
            throw new UnavailableException(status + " did not answer with a syncline status document (is another"
                    + " program listening there?)", null);
        }
        if (json) {
            spec.commandLine().getOut().print(body.endsWith("\n") ? body : body + "\n");
        } else {
            spec.commandLine().getOut().print(StatusReport.render(document, status));
        }
        spec.commandLine().getOut().flush();
        return document.path("ready").asBoolean() ? ExitCodes.OK : ExitCodes.NOT_READY;
    }

    private int processes() throws Exception {
        PipelineSpec pipelineSpec = pipeline.load();
        String topic = Topics.processesTopic(pipelineSpec.kafka().topicPrefix());
        Map<String, ProcessReport> latest = new LinkedHashMap<>();
        try (PipelineKafka kafka = PipelineKafka.connect(pipelineSpec)) {
            if (!kafka.topics().contains(topic)) {
                throw new UnavailableException("no process of pipeline " + pipelineSpec.name() + " has ever reported (topic "
                        + topic + " does not exist): is 'syncline run' running for it?", null);
            }
            for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic)) {
                String id = new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                    latest.remove(id); // stopped cleanly
                } else {
                    latest.put(id, ProcessReport.fromJson(record.value()));
                }
            }
        }
        Instant now = Instant.now();
        List<ProcessReport> reports = ProcessesReport.recent(latest.values(), now);
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (ProcessReport report : reports) {
                Map<String, Object> entry = MAPPER.convertValue(report, new TypeReference<LinkedHashMap<String, Object>>() { });
                entry.put("live", ProcessesReport.live(report, now));
                list.add(entry);
            }
            spec.commandLine().getOut().println(MAPPER.writeValueAsString(Map.of("pipeline", pipelineSpec.name(),
                    "processes", list)));
        } else {
            spec.commandLine().getOut().print(ProcessesReport.render(pipelineSpec.name(), topic, reports, now));
        }
        spec.commandLine().getOut().flush();
        if (reports.isEmpty()) {
            return ExitCodes.UNAVAILABLE;
        }
        return reports.stream().anyMatch(r -> ProcessesReport.live(r, now)) ? ExitCodes.OK : ExitCodes.NOT_READY;
    }

    /** {@code /status} at the file's {@code http.address}: a wildcard host is reached on loopback. */
    URI statusUri(HttpSpec http) {
        if (!http.enabled()) {
            throw new CommandLine.ParameterException(spec.commandLine(), pipeline.file()
                    + ": http.enabled is false, so the daemon serves no status; enable it, or give --url");
        }
        if (http.port() == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), pipeline.file()
                    + ": http.address has port 0 (any free port), so the file does not say where the daemon listens;"
                    + " give --url (the daemon logs it: 'HTTP endpoint on http://...')");
        }
        String host = http.host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
            host = "::1";
        }
        return URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + http.port() + "/status");
    }

    /** {@code --url}, with {@code /status} added unless it names it already. */
    URI statusUri(String base) {
        URI uri;
        try {
            uri = URI.create(base.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--url: not a URL: " + base);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--url: expected http://HOST:PORT, got " + base);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/status")) {
            return uri;
        }
        return uri.resolve((path.endsWith("/") ? path : path + "/") + "status");
    }

    private static String fetch(URI status, String token) throws UnavailableException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(status).timeout(TIMEOUT).header("Accept", "application/json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnavailableException("no syncline daemon answers at " + status + " (" + describe(e)
                    + "): is 'syncline run' running for this pipeline?", e);
        }
        if (response.statusCode() == 401) {
            throw new UnavailableException(status + " refused " + (token == null
                    ? "the request: it wants a bearer token, and the file has no http.token"
                    : "the token (http.token of the file differs from the daemon's)"), null);
        }
        if (response.statusCode() != 200) {
            throw new UnavailableException(status + " answered HTTP " + response.statusCode()
                    + " (is another program listening there?)", null);
        }
        return response.body();
    }

    /** The exception's class and the first message along its cause chain (a refused connection has none). */
    private static String describe(IOException e) {
        String message = null;
        for (Throwable t = e; t != null && message == null; t = t.getCause() == t ? null : t.getCause()) {
            message = t.getMessage() == null || t.getMessage().isBlank() ? null : t.getMessage().strip();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
