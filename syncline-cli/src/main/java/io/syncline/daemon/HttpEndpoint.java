package io.syncline.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.syncline.config.HttpSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP endpoint, on the JDK's HTTP server: {@code GET /health/live}, {@code
 * /health/ready}, {@code /metrics} (Prometheus text), {@code /status} (JSON) and {@code /}, the status
 * page (a static HTML page that fetches {@code /status}). When a token is configured every request
 * but the page's must carry {@code Authorization: Bearer <token>}: the page holds no data, and sends
 * the token it is given (in its address's fragment, {@code /#token=...}) with each fetch.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String HTML = "text/html; charset=utf-8";
    /** The page may run its own inline script and style and fetch from this origin, nothing else. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
            + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String PAGE = page();

    /** What the endpoint serves; the daemon's runtime, or a fake in tests. */
    public interface Source {
        PipelineHealth.Readiness readiness();

        Map<String, Object> status();

        String metrics();
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] token;

    private HttpEndpoint(HttpServer server, ExecutorService executor, byte[] token) {
        this.server = server;
        this.executor = executor;
        this.token = token;
    }

    /** Listens at {@code spec}'s address (port 0: any free one) and serves {@code source}. */
    public static HttpEndpoint start(HttpSpec spec, Source source) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(spec.host(), spec.port()), 16);
        } catch (IOException e) {
            throw new IOException("the HTTP endpoint cannot listen on " + spec.host() + ":" + spec.port()
                    + " (http.address): " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "syncline-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpEndpoint endpoint = new HttpEndpoint(server, executor,
                spec.hasToken() ? spec.token().value().getBytes(StandardCharsets.UTF_8) : null);
        server.createContext("/", exchange -> endpoint.handle(exchange, source));
        server.setExecutor(executor);
        server.start();
        InetSocketAddress bound = server.getAddress();
        LOG.info("HTTP endpoint on http://{}:{} (/ the status page, /health/live, /health/ready, /metrics, /status){}",
                bound.getAddress() != null && bound.getAddress().getHostAddress().contains(":")
                        ? "[" + bound.getAddress().getHostAddress() + "]" : bound.getHostString(),
                bound.getPort(), endpoint.token == null ? "" : ", bearer token required");
        return endpoint;
    }

    /** Where it listens (the port it got, when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange, Source source) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/") && (method.equals("GET") || method.equals("HEAD"))) {
                // Static, without data: served without the token, which the page sends with its fetches.
                exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
                exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
                send(exchange, 200, HTML, PAGE);
                return;
            }
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"syncline\"");
                send(exchange, 401, JSON, json(Map.of("error", "a bearer token is required (Authorization: Bearer <token>)")));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, JSON, json(Map.of("error", "only GET and HEAD")));
                return;
            }
            switch (path) {
                case "/health/live" -> send(exchange, 200, JSON, json(Map.of("live", true)));
                case "/health/ready" -> {
                    PipelineHealth.Readiness readiness = source.readiness();
                    send(exchange, readiness.ready() ? 200 : 503, JSON, json(readiness(readiness)));
                }
                case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, source.metrics());
                case "/status" -> send(exchange, 200, JSON, json(source.status()));
                default -> send(exchange, 404, JSON, json(Map.of("error", "no such path: " + path,
                        "paths", new String[] {"/", "/health/live", "/health/ready", "/metrics", "/status"})));
            }
        } catch (RuntimeException e) {
            LOG.warn("HTTP endpoint: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            try {
                send(exchange, 500, JSON, json(Map.of("error", e.toString())));
            } catch (IOException | RuntimeException ignored) {
                // The response was under way already.
            }
        }
    }

    private boolean authorized(HttpExchange exchange) {
        if (token == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"ready": ..., "reason": ..., "components": {"capture": {"state", "up", "reason"}, ...}}}. */
    static Map<String, Object> readiness(PipelineHealth.Readiness readiness) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ready", readiness.ready());
        out.put("reason", readiness.reason());
        out.put("components", components(readiness));
        return out;
    }

    static Map<String, Object> components(PipelineHealth.Readiness readiness) {
        Map<String, Object> components = new LinkedHashMap<>();
        for (PipelineHealth.Component component : readiness.components()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("state", component.state());
            one.put("up", component.up());
            one.put("reason", component.reason());
            components.put(component.name(), one);
        }
        return components;
    }

    /** The status page, a resource beside this class. */
    private static String page() {
        try (var in = HttpEndpoint.class.getResourceAsStream("status.html")) {
            if (in == null) {
                throw new IllegalStateException("status.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops listening; requests under way get a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
