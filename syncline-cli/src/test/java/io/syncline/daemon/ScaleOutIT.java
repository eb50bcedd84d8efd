package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.cli.ExitCodes;
import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

/**
 * One pipeline as three processes: a capture, and two workers that each run the views and every
 * sink. 100,000 changes stream; the workers share every sink's partitions; one worker is killed
 * with SIGKILL mid-stream, the other takes its partitions over, and every sink ends equal to the
 * source with no row ever going back to an older version.
 */
@RealServices
class ScaleOutIT {
    private static final int ROWS = 2_000;
    private static final int CHANGES = 100_000;
    private static final List<String> WORKER = List.of("--role", "views", "--role", "sink");

    @Test
    void twoWorkersShareThePipelineAndOneSurvivesTheOther(PostgresEndpoint postgres, KafkaEndpoint kafka,
            ElasticsearchEndpoint es, MongoEndpoint mongo, ClickHouseEndpoint clickhouse) throws Exception {
        PostgresEndpoint db = postgres.createDatabase("scale_it");
        AccountChanges accounts = new AccountChanges(db, ROWS).create();
        TestPipeline pipeline = TestPipeline.create("scale_it", db, kafka, es, mongo, clickhouse, List.of(AccountChanges.TABLE));
        Path file = pipeline.writeFile();
        ViewSchema schema = ViewSchemas.read(pipeline.spec()).get(AccountChanges.TABLE);
        List<DaemonProcess> processes = new ArrayList<>();
        RegressionSampler sampler = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            DaemonProcess capture = start(pipeline, file, "capture", List.of("--role", "capture"));
            DaemonProcess survivor = start(pipeline, file, "worker-1", WORKER);
            DaemonProcess victim = start(pipeline, file, "worker-2", WORKER);
            processes.addAll(List.of(capture, survivor, victim));
            accounts.awaitEverySinkEqualsTheSource(pipeline, schema, processes, Duration.ofMinutes(5));
            for (String sink : TestPipeline.SINKS) {
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(partitionsByMember(admin,
                        pipeline.sinkGroup(sink))).as("partitions of sink %s per worker", sink).hasSize(2)
                        .allSatisfy(partitions -> assertThat(partitions).isPositive()));
            }

            Path cliFile = pipeline.writeCliFile();
            // Each process reports every 10 s: the first reports may predate the snapshot's end.
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                CliRun listed = CliRun.of(List.of("status"), cliFile, "--processes");
                assertThat(listed.exit()).isEqualTo(ExitCodes.OK);
                assertThat(listed.out()).contains("3 processes reporting").containsOnlyOnce("STREAMING")
                        .contains("pid " + victim.pid()).doesNotContain("GONE");
                assertThat(listed.out().lines().filter(line -> line.contains("views, sink")
                        && line.matches(".*analytics [123], documents [123], search [123].*"))).hasSize(2);
            });

            sampler = AccountChanges.regressionSampler(pipeline, schema).start();
            AtomicInteger applied = new AtomicInteger();
            Thread writer = new Thread(() -> accounts.apply(CHANGES, applied), "scale-it-writer");
            long started = System.nanoTime();
            writer.start();
            await().atMost(Duration.ofMinutes(5)).until(() -> applied.get() >= CHANGES / 3);
            victim.crash();
            processes.remove(victim);
            long killed = System.nanoTime();
            // The survivor holds every partition once the group gave up on the killed member (its session timeout).
            for (String sink : TestPipeline.SINKS) {
                await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(partitionsByMember(admin,
                        pipeline.sinkGroup(sink))).as("partitions of sink %s per worker", sink)
                        .containsExactly(pipeline.spec().kafka().partitions()));
            }
            System.out.printf("ScaleOutIT: the survivor held every sink's partitions %.1f s after the SIGKILL%n",
                    (System.nanoTime() - killed) / 1e9);
            writer.join(Duration.ofMinutes(10).toMillis());
            assertThat(applied.get()).isEqualTo(CHANGES);

            accounts.awaitEverySinkEqualsTheSource(pipeline, schema, processes, Duration.ofMinutes(10));
            // The killed worker counts as gone once it has been silent for three report intervals (30 s),
            // which on a fast machine can be after the sinks caught up.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                CliRun after = CliRun.of(List.of("status"), cliFile, "--processes");
                assertThat(after.out()).contains("2 processes reporting, 1 gone");
                assertThat(after.out().lines().filter(line -> line.contains("pid " + victim.pid()))).singleElement()
                        .asString().contains("GONE");
            });
            System.out.printf("ScaleOutIT: %,d changes in every sink %.1f s after the first was written%n", CHANGES,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            if (sampler != null) {
                sampler.close();
            }
            for (DaemonProcess process : processes) {
                process.close();
            }
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active "
                        + "AND slot_name = '" + pipeline.spec().source().slot() + "'");
            }
        }
        pipeline.deleteStateDir(); // kept when the test fails: the processes' logs are in it
        assertThat(sampler.samples()).as("samples taken while the changes streamed").isGreaterThan(3);
        assertThat(sampler.regressions()).as("rows that went back to an older revision in a sink").isEmpty();
    }

    /** A process of the pipeline with its own state directory and log under the pipeline's. */
    private static DaemonProcess start(TestPipeline pipeline, Path file, String name, List<String> roles) throws Exception {
        Path dir = Files.createDirectories(pipeline.stateDir().resolve(name));
        return DaemonProcess.start(file, pipeline.environment(dir), pipeline.stateDir().resolve(name + ".log"), roles)
                .awaitRunning(Duration.ofMinutes(3));
    }

    /** How many partitions each live member of a consumer group holds. */
    private static List<Integer> partitionsByMember(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return description.members().stream().map(MemberDescription::assignment)
                .map(assignment -> assignment.topicPartitions().size()).toList();
    }
}
