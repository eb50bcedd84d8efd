package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.cdc.CaptureLeadership;
import io.syncline.cdc.CapturePhase;
import io.syncline.config.HttpSpec;
import io.syncline.config.Secret;
import io.syncline.sink.runner.SinkRunnerMetrics;
import io.syncline.sink.runner.SinkRunnerState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint's handlers over a fake source, and the readiness rules. */
class HttpEndpointTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<PipelineHealth.Readiness> readiness = new AtomicReference<>(ready());
    private HttpEndpoint endpoint;

    private final HttpEndpoint.Source source = new HttpEndpoint.Source() {
        @Override
        public PipelineHealth.Readiness readiness() {
            return readiness.get();
        }

        @Override
        public Map<String, Object> status() {
            return Map.of("pipeline", "shop");
        }

        @Override
        public String metrics() {
            return "# TYPE syncline_capture_changes_total counter\nsyncline_capture_changes_total{pipeline=\"shop\"} 3.0\n";
        }
    };

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void servesLivenessReadinessMetricsAndStatus() throws Exception {
        endpoint = HttpEndpoint.start(new HttpSpec(true, "127.0.0.1", 0, new Secret("")), source);

        assertThat(endpoint.address().getPort()).isPositive();
        assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"ready\" : true", "\"capture\"");
        HttpResponse<String> metrics = get("/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue(HttpEndpoint.PROMETHEUS_TEXT);
        assertThat(metrics.body()).contains("syncline_capture_changes_total{pipeline=\"shop\"} 3.0");
        assertThat(get("/status", null).body()).contains("\"pipeline\" : \"shop\"");
        assertThat(get("/nothing", null).statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/status"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void notReadyIs503WithEachComponentsStateAndReason() throws Exception {
        endpoint = HttpEndpoint.start(new HttpSpec(true, "127.0.0.1", 0, new Secret("")), source);
        readiness.set(PipelineHealth.readiness(List.of(
                PipelineHealth.capture(CapturePhase.STREAMING, true, Optional.empty()),
                PipelineHealth.views(KafkaStreams.State.RUNNING, null),
                PipelineHealth.sink("documents", SinkRunnerState.RUNNING, Optional.empty(),
                        Optional.of(new SinkRunnerMetrics.LastError("MongoTimeoutException: no server", Instant.now())),
                        Optional.empty())),
                Optional.empty()));

        HttpResponse<String> response = get("/health/ready", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"sink documents\"", "\"state\" : \"RETRYING\"", "MongoTimeoutException: no server",
                "\"reason\" : \"sink documents: retrying");
    }

    @Test
    void aCaptureStandingByIsReadyAndSaysWhoCaptures() throws Exception {
        endpoint = HttpEndpoint.start(new HttpSpec(true, "127.0.0.1", 0, new Secret("")), source);
        readiness.set(PipelineHealth.readiness(List.of(
                PipelineHealth.withoutCapture(CaptureLeadership.State.STANDBY,
                        Optional.of("slot s is held by another Syncline process (syncline capture pid 7 on host-a)"),
                        Optional.empty()),
                PipelineHealth.views(KafkaStreams.State.RUNNING, null)), Optional.empty()));

        HttpResponse<String> response = get("/health/ready", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"state\" : \"STANDBY\"", "\"up\" : true",
                "standing by: slot s is held by another Syncline process (syncline capture pid 7 on host-a)");
        assertThat(PipelineHealth.withoutCapture(CaptureLeadership.State.TAKING_OVER, Optional.empty(), Optional.empty()))
                .extracting(PipelineHealth.Component::up, PipelineHealth.Component::state).containsExactly(true, "TAKING_OVER");
        assertThat(PipelineHealth.withoutCapture(CaptureLeadership.State.FAILED, Optional.empty(),
                        Optional.of(new IllegalStateException("slot in use"))))
                .extracting(PipelineHealth.Component::up, PipelineHealth.Component::state)
                .containsExactly(false, "FAILED");
        assertThat(PipelineHealth.withoutCapture(null, Optional.empty(), Optional.empty()))
                .extracting(PipelineHealth.Component::up, PipelineHealth.Component::state).containsExactly(false, "NOT_STARTED");
    }

    @Test
    void withATokenEveryPathNeedsIt() throws Exception {
        endpoint = HttpEndpoint.start(new HttpSpec(true, "127.0.0.1", 0, new Secret("s3cret")), source);

        assertThat(get("/health/live", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "s3cret").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready", "s3cret").statusCode()).isEqualTo(200);
        assertThat(get("/status", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theStatusPageIsServedWithoutTheTokenItHoldsNoData() throws Exception {
        endpoint = HttpEndpoint.start(new HttpSpec(true, "127.0.0.1", 0, new Secret("s3cret")), source);

        HttpResponse<String> page = get("/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue(HttpEndpoint.HTML);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(HttpEndpoint.PAGE_POLICY);
        assertThat(page.body()).startsWith("<!doctype html>")
                .contains("fetch('status'", "'Authorization'", "#token=", "id=\"overall\"", "data-component=\"capture\"")
                .doesNotContain("shop", "src=", "href=", "@import", "url("); // no data, nothing loaded from elsewhere
        assertThat(get("/index.html", null).statusCode()).isEqualTo(401);
    }

    @Test
    void readinessRules() {
        assertThat(PipelineHealth.capture(CapturePhase.SNAPSHOT, true, Optional.empty()).up()).isTrue();
        assertThat(PipelineHealth.capture(CapturePhase.STREAMING, false, Optional.empty()).up()).isFalse();
        assertThat(PipelineHealth.capture(CapturePhase.FAILED, false, Optional.of(new IllegalStateException("slot gone"))))
                .extracting(PipelineHealth.Component::up, PipelineHealth.Component::reason)
                .containsExactly(false, "failed: java.lang.IllegalStateException: slot gone");
        assertThat(PipelineHealth.views(KafkaStreams.State.REBALANCING, null).up()).isTrue();
        assertThat(PipelineHealth.views(KafkaStreams.State.ERROR, new IllegalStateException("x")).up()).isFalse();
        assertThat(PipelineHealth.sink("s", SinkRunnerState.PREPARING, Optional.empty(), Optional.empty(), Optional.empty()).up()).isFalse();
        assertThat(PipelineHealth.sink("s", SinkRunnerState.STOPPED, Optional.of(new RuntimeException("boom")), Optional.empty(), Optional.empty())
                .state()).isEqualTo("FAILED");
        PipelineHealth.Component idleUnreachable = PipelineHealth.sink("s", SinkRunnerState.RUNNING, Optional.empty(),
                Optional.empty(), Optional.of(new SinkRunnerMetrics.LastError("MongoTimeoutException: no server",
                        Instant.parse("2026-01-02T03:04:05Z"))));
        assertThat(idleUnreachable).extracting(PipelineHealth.Component::up, PipelineHealth.Component::state,
                        PipelineHealth.Component::reason)
                .containsExactly(false, "UNREACHABLE", "idle, and its store does not answer since 2026-01-02T03:04:05Z:"
                        + " MongoTimeoutException: no server");
        PipelineHealth.Readiness stopped = PipelineHealth.readiness(ready().components(), Optional.of("sink s failed: boom"));
        assertThat(stopped.ready()).isFalse();
        assertThat(stopped.reason()).isEqualTo("sink s failed: boom");
    }

    private static PipelineHealth.Readiness ready() {
        return PipelineHealth.readiness(List.of(
                PipelineHealth.capture(CapturePhase.STREAMING, true, Optional.empty()),
                PipelineHealth.views(KafkaStreams.State.RUNNING, null),
                PipelineHealth.sink("documents", SinkRunnerState.RUNNING, Optional.empty(), Optional.empty(), Optional.empty())), Optional.empty());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
