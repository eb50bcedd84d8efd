package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One pipeline in three processes: A and B with {@code --role capture}, C with the views and every sink.
 * B stands by while A captures (it never starts capturing, and says who holds the slot); A is killed
 * with SIGKILL while 30,000 changes stream, and B takes the capture lock within {@link #LOCK_BOUND} and
 * captures. Afterwards every sink equals the source value by value, and no sink ever showed a row going
 * back to an older revision (sampled all along).
 */
@RealServices
class CaptureStandbyIT {
    private static final int ROWS = 1_000;
    private static final int CHANGES = 30_000;
    /**
     * From A's death to B holding the capture lock: A's sessions end as its sockets close, and B tries the
     * lock every second (generous: other builds share this machine's two cores). Starting capture then takes
     * B as long as any start of capture (preflight, Kafka, Debezium), bounded by {@link #START}.
     */
    private static final Duration LOCK_BOUND = Duration.ofSeconds(30);
    private static final Duration START = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aStandbyCaptureTakesOverFromAKilledOneAndEverySinkEndsEqualToTheSource(PostgresEndpoint postgres,
            KafkaEndpoint kafka, ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse)
            throws Exception {
        PostgresEndpoint db = postgres.createDatabase("standby_it");
        AccountChanges accounts = new AccountChanges(db, ROWS).create();
        TestPipeline pipeline = TestPipeline.create("standby_it", db, kafka, es, mongo, clickhouse, List.of("accounts"));
        Path file = pipeline.writeFile();
        String slot = pipeline.spec().source().slot();
        ViewSchema schema = ViewSchemas.read(pipeline.spec()).get("accounts");
        List<DaemonProcess> daemons = new ArrayList<>();
        RegressionSampler sampler = null;
        try {
            // Only C runs the views, whose Kafka Streams state is the one thing that needs a directory of its own.
            DaemonProcess a = start(daemons, pipeline, file, "a.log", "--role", "capture");
            assertThat(a.output()).contains("capture: this process holds the capture lock of slot " + slot);
            DaemonProcess views = start(daemons, pipeline, file, "c.log", "--role", "views", "--role", "sink");
            DaemonProcess b = start(daemons, pipeline, file, "b.log", "--role", "capture");

            assertThat(b.output()).contains("capture standby: slot " + slot + " is held by another Syncline process"
                    + " (syncline capture pid " + a.pid() + " on ", "; taking over when it goes");
            JsonNode standby = status(b);
            assertThat(standby.path("ready").asBoolean()).as("a standby is ready: %s", standby).isTrue();
            assertThat(standby.path("components").path("capture").path("state").asText()).isEqualTo("STANDBY");
            assertThat(standby.path("capture").path("phase").asText()).isEqualTo("STANDBY");
            assertThat(standby.path("capture").path("standby").asText()).startsWith("slot " + slot + " is held by");

            accounts.awaitEverySinkEqualsTheSource(pipeline, schema, daemons, START);
            sampler = AccountChanges.regressionSampler(pipeline, schema).start();
            AtomicInteger applied = new AtomicInteger();
            Thread writer = new Thread(() -> accounts.apply(CHANGES, applied), "standby-it-writer");
            writer.start();
            await().atMost(START).until(() -> applied.get() >= CHANGES / 3);
            assertThat(b.output()).as("B's log while A captures").doesNotContain("capture taking over", "capture active",
                    "Capturing [");
            assertThat(status(b).path("capture").path("phase").asText()).isEqualTo("STANDBY");

            a.crash();
            long killed = System.nanoTime();
            Instant killedAt = Instant.now();
            await().atMost(LOCK_BOUND).pollInterval(Duration.ofMillis(100))
                    .until(() -> b.output().contains("capture taking over: took the capture lock of slot " + slot));
            long tookLock = System.nanoTime();
            await().atMost(START).pollInterval(Duration.ofMillis(100))
                    .until(() -> b.output().contains("capture active: this process captures from slot " + slot));
            long capturing = System.nanoTime();
            await().atMost(START).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> status(b).path("capture").path("phase").asText().equals("STREAMING"));
            long streaming = System.nanoTime();
            System.out.printf(Locale.ROOT, "[CaptureStandbyIT] from the SIGKILL of A: B took the capture lock after %.1f s"
                    + " (bound %d s), started capture after %.1f s, streamed (its /status) after %.1f s%n",
                    (tookLock - killed) / 1e9, LOCK_BOUND.toSeconds(), (capturing - killed) / 1e9, (streaming - killed) / 1e9);
            System.out.printf("[CaptureStandbyIT] A killed at %s; B's capture lines:%n%s%n", killedAt,
                    b.output().lines().filter(line -> line.contains("CaptureLeadership") || line.contains("CaptureEngine"))
                            .collect(Collectors.joining("\n")));

            writer.join(Duration.ofMinutes(5).toMillis());
            assertThat(applied.get()).isEqualTo(CHANGES);
            accounts.awaitEverySinkEqualsTheSource(pipeline, schema, List.of(b, views), Duration.ofMinutes(8));
            JsonNode leading = status(b);
            assertThat(leading.path("ready").asBoolean()).as("B after taking over: %s", leading).isTrue();
            assertThat(leading.path("capture").path("leadership").asText()).isEqualTo("LEADING");
        } finally {
            if (sampler != null) {
                sampler.close();
            }
            for (DaemonProcess daemon : daemons) {
                daemon.close();
            }
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active "
                        + "AND slot_name = '" + slot + "'");
            }
        }
        pipeline.deleteStateDir(); // kept when the test fails: the daemons' logs are in it
        assertThat(sampler.samples()).as("samples taken while the changes streamed").isGreaterThan(3);
        assertThat(sampler.regressions()).as("rows that went back to an older revision in a sink").isEmpty();
    }

    private static DaemonProcess start(List<DaemonProcess> daemons, TestPipeline pipeline, Path file, String log,
                                       String... roles) throws Exception {
        DaemonProcess daemon = DaemonProcess.start(file, pipeline.environment(), pipeline.stateDir().resolve(log),
                List.of(roles));
        daemons.add(daemon);
        return daemon.awaitRunning(START);
    }

    private static JsonNode status(DaemonProcess daemon) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + daemon.httpPort() + "/status")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
