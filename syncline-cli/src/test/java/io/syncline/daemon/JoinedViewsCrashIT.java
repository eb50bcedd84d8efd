package io.syncline.daemon;

import static io.syncline.daemon.ShopViews.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The shop's joined views under a crash: the daemon is killed with SIGKILL while 20,000 mixed
 * changes to all four tables stream, and restarted. Afterwards every order document in
 * Elasticsearch and MongoDB and every order item fact in ClickHouse equals the one built from the
 * source by SQL, and no document's version ever went down in Elasticsearch or MongoDB (sampled
 * all along). Prints the convergence time, the views' and sinks' rates during the burst and the
 * size of each Streams state store.
 */
@RealServices
class JoinedViewsCrashIT {
    private static final String SALT = "joined-views-crash-it-salt";
    private static final int CUSTOMERS = 200;
    private static final int PRODUCTS = 100;
    private static final int ORDERS_AT_START = 1_000;
    private static final int CHANGES = 20_000;
    private static final int PER_TRANSACTION = 50;

    @Test
    void aKilledDaemonResumesAndEveryJoinedDocumentEndsEqualToTheSource(PostgresEndpoint postgres, KafkaEndpoint kafka,
            ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("joined_crash_it");
        ShopViews.create(db, CUSTOMERS, PRODUCTS, ORDERS_AT_START);
        TestPipeline pipeline = TestPipeline.create("joined_crash", db, kafka, es, mongo, clickhouse, ShopViews.TABLES,
                ShopViews.views(SALT));
        Path file = pipeline.writeFile();
        Path log = pipeline.stateDir().resolve("daemon.log");
        Map<String, ViewSchema> schemas = ViewSchemas.read(pipeline.spec());

        DaemonProcess daemon = DaemonProcess.start(file, pipeline.environment(), log).awaitRunning(Duration.ofMinutes(3));
        PipelineProgress progress = new PipelineProgress(pipeline, List.of(ORDERS, ShopViews.ORDER_ITEMS), Duration.ofSeconds(2))
                .start();
        RegressionSampler sampler = null;
        try {
            // The crash should hit a pipeline that is writing to every sink, not one still starting.
            long snapshotMillis = awaitEverySinkEqualsTheSource(pipeline, db, schemas, daemon, Duration.ofMinutes(5));
            log("initial snapshot (%d orders) in every sink after %d ms", ORDERS_AT_START, snapshotMillis);
            sampler = versionSampler(pipeline).start();
            AtomicInteger applied = new AtomicInteger();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            ShopChanges changes = new ShopChanges(db, CUSTOMERS, PRODUCTS, ORDERS_AT_START, 20261121L);
            Thread writer = new Thread(() -> {
                try {
                    changes.apply(CHANGES, PER_TRANSACTION, applied);
                } catch (Throwable e) {
                    writerFailure.set(e);
                }
            }, "joined-crash-it-writer");
            long burstStart = progress.elapsedMillis();
            writer.start();

            await().atMost(Duration.ofMinutes(3)).until(() -> applied.get() >= CHANGES / 3 || !writer.isAlive());
            log("SIGKILL after %d of %d changes", applied.get(), CHANGES);
            daemon.crash();
            long crashed = progress.elapsedMillis();
            assertThat(daemon.isAlive()).isFalse();
            daemon = DaemonProcess.start(file, pipeline.environment(), log).awaitRunning(Duration.ofMinutes(3));
            long restarted = progress.elapsedMillis();
            writer.join(Duration.ofMinutes(5).toMillis());
            assertThat(writerFailure.get()).as("the writer's failure").isNull();
            assertThat(applied.get()).isEqualTo(CHANGES);
            long writerDone = progress.elapsedMillis();
            log("writer done %d ms after it started: %s", writerDone - burstStart, changes.counts());

            long convergeMillis = awaitEverySinkEqualsTheSource(pipeline, db, schemas, daemon, Duration.ofMinutes(8));
            long converged = progress.elapsedMillis();
            log("every sink equal to the source %d ms after the writer finished (%d ms after the burst began)",
                    convergeMillis, converged - burstStart);
            log("orders %d, order_items %d at the end", ShopViews.orders(db, schemas.get(ORDERS), SALT).size(),
                    ShopViews.orderItems(db, schemas.get(ShopViews.ORDER_ITEMS)).size());
            progress.close();
            log("progress from the burst's start to convergence (offsets count transaction markers too):");
            progress.summary(burstStart, converged).forEach(line -> log("  %s", line));
            log("records since the burst began (SIGKILL at %.1f s, restarted at %.1f s, writer done at %.1f s):",
                    (crashed - burstStart) / 1000.0, (restarted - burstStart) / 1000.0, (writerDone - burstStart) / 1000.0);
            progress.timeline(burstStart, converged, 10_000).forEach(line -> log("  %s", line));
        } finally {
            progress.close();
            if (sampler != null) {
                sampler.close();
            }
            daemon.close();
            // The last run's totals: capture, and per sink written and stale (a replayed or superseded version, skipped).
            daemon.output().lines().filter(line -> line.contains("stopped")).forEach(line -> log("daemon: %s", line));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active "
                        + "AND slot_name = '" + pipeline.spec().source().slot() + "'");
            }
            logStateStoreSizes(pipeline.stateDir().resolve("streams"));
        }
        pipeline.deleteStateDir(); // kept when the test fails: daemon.log is in it
        log("versions sampled %d times in Elasticsearch and MongoDB; %d regressions", sampler.samples(),
                sampler.regressions().size());
        assertThat(sampler.samples()).as("samples taken while the changes streamed").isGreaterThan(3);
        assertThat(sampler.regressions()).as("documents that went back to an older version in a sink").isEmpty();
    }

    /** Waits until every sink equals the source; returns how long that took. */
    private static long awaitEverySinkEqualsTheSource(TestPipeline pipeline, PostgresEndpoint db, Map<String, ViewSchema> schemas,
                                                      DaemonProcess daemon, Duration timeout) {
        long started = System.nanoTime();
        // Reads may fail while a target is still being created: keep polling until the timeout.
        await().atMost(timeout).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(daemon.isAlive()).as("daemon alive; log:\n%s", daemon.tail()).isTrue();
            assertThat(ShopViews.differences(pipeline, db, schemas, SALT)).isEmpty();
        });
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Reads the order documents' versions in Elasticsearch and MongoDB twice a second: none may ever go down. */
    private static RegressionSampler versionSampler(TestPipeline pipeline) {
        Map<String, Callable<Map<String, Long>>> probes = new LinkedHashMap<>();
        probes.put("elasticsearch", () -> StoreContents.elasticsearchVersions(pipeline.es(), pipeline.target(ORDERS)));
        probes.put("mongodb", () -> StoreContents.mongodbVersions(pipeline.mongo(), pipeline.name(), ORDERS));
        return new RegressionSampler(probes, RegressionSampler.ANY_DECREASE, Duration.ofMillis(500));
    }

    /** Bytes in each Kafka Streams state store (summed over its tasks), read before the state directory goes. */
    private static void logStateStoreSizes(Path streams) throws IOException {
        if (!Files.isDirectory(streams)) {
            return;
        }
        Map<String, long[]> stores = new TreeMap<>();
        try (var paths = Files.walk(streams)) {
            for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                stores.computeIfAbsent(storeOf(streams.relativize(path)), s -> new long[1])[0] += Files.size(path);
            }
        }
        long total = stores.values().stream().mapToLong(size -> size[0]).sum();
        log("Kafka Streams state under %s: %d KiB in all", streams, total / 1024);
        stores.forEach((store, size) -> log("  %-60s %8d KiB", store, size[0] / 1024));
    }

    /** The store a file of {@code <application>/<task>/rocksdb/<store>/...} belongs to. */
    private static String storeOf(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().equals("rocksdb")) {
                return relative.getName(i + 1).toString();
            }
        }
        return "(checkpoints, locks and other files outside the stores)";
    }

    private static void log(String format, Object... args) {
        System.out.printf("[joined-views-crash-it] " + format + "%n", args);
    }
}
