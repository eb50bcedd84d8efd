package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyAndBacklogTablesTest {
    private static final BenchmarkOptions OPTIONS = BenchmarkOptions.parse("--suite", "spine", "--rows", "1000",
            "--changes", "500", "--latency-seconds", "30", "--backlog", "2000000");
    private static final Setup SETUP = new Setup("2026-01-01T00:00:00Z", 0.5, "all local");

    @Test
    void latencyIsReportedPerStoreNextToGoalFourWithWhatWasNeverSeen() {
        Map<BenchPipeline.Store, LatencyStats> stores = new EnumMap<>(BenchPipeline.Store.class);
        stores.put(BenchPipeline.Store.ELASTICSEARCH, new LatencyStats(30_000, 0, 700, 1_100, 1_300, 1_900));
        stores.put(BenchPipeline.Store.MONGODB, new LatencyStats(30_000, 0, 300, 600, 1_250, 2_000));
        stores.put(BenchPipeline.Store.CLICKHOUSE, new LatencyStats(30_000, 12, 400, 700, 900, 1_000));
        Map<BenchPipeline.Store, LatencyStats> acknowledged = new EnumMap<>(BenchPipeline.Store.class);
        acknowledged.put(BenchPipeline.Store.MONGODB, new LatencyStats(30_000, 0, 150, 400, 820, 1_500));
        LatencyResult latency = new LatencyResult(1_000, new SteadyWriter.Result(30_000, 30.0, 12.0), stores, acknowledged,
                "writer: ...");

        String markdown = new ResultTable(OPTIONS, List.of(round(latency, null))).markdown(SETUP);

        assertThat(markdown)
                .contains("## L. Commit-to-visible latency at a steady rate")
                .contains("A writer commits 1,000 changes/s (100 transactions a second of 10 changes, paced by a schedule) for 30 s")
                .contains("| measurement | goal | round 1 | median |")
                .contains("| L. writer: changes/s committed (asked 1,000/s) | 1,000/s | 1,000/s | **1,000/s** |")
                .contains("| L. → Elasticsearch: **p99** | ≤ 2,000 ms | 1,300 ms | **1,300 ms** |")
                .contains("| L. → MongoDB: **p99** | ≤ 1,000 ms | 1,250 ms ✗ | **1,250 ms ✗** |")
                .contains("| L. → ClickHouse: never seen within 30 s | 0 | 12 ✗ | **12 ✗** |")
                .contains("| L. → MongoDB: acknowledged by the store: p99 | | 820 ms | **820 ms** |")
                .contains("| L. → Elasticsearch: acknowledged by the store: p50 | | – | **–** |")
                .contains("**Round 1: 12 of 30,000 changes were never seen in ClickHouse within 30 s after the writer stopped")
                .contains("- Commit-to-visible latency at 1,000 changes/s committed (L), p99: Elasticsearch 1,300 ms "
                        + "(goal ≤ 2,000 ms: met), MongoDB 1,250 ms (goal ≤ 1,000 ms: **missed**), ClickHouse 900 ms "
                        + "(goal ≤ 1,000 ms: met); **12 changes never seen**.")
                .contains("| L. Syncline commit-to-visible latency at a steady rate | 64 | **64** |")
                .doesNotContain("## H.");
    }

    @Test
    void theBacklogShowsTheDrainAndTheDaemonsHeapNextToGoalFive() {
        DaemonBacklog.Plan plan = DaemonBacklog.Plan.of(2_000_000);
        Map<DaemonBacklog.Stage, Measurement> drain = new EnumMap<>(DaemonBacklog.Stage.class);
        drain.put(DaemonBacklog.Stage.STARTED, new Measurement(1, 4.2, true));
        drain.put(DaemonBacklog.Stage.CAPTURE, new Measurement(2_000_000, 100.0, true));
        drain.put(DaemonBacklog.Stage.ELASTICSEARCH, new Measurement(2_000_000, 200.0, true));
        drain.put(DaemonBacklog.Stage.MONGODB, new Measurement(2_000_000, 250.0, true));
        drain.put(DaemonBacklog.Stage.CLICKHOUSE, new Measurement(2_000_000, 160.0, true));
        drain.put(DaemonBacklog.Stage.ALL_SINKS, new Measurement(2_000_000, 250.0, true));
        BacklogResult backlog = new BacklogResult(plan, "-Xmx512m -XX:+UseG1GC", 60.0, drain,
                new GcLog(120, 1.75, 530.0, 310.0, 0, 512.0, 7, 48.0), new GcLog(20, 0.2, 200.0, 90.0, 0, 256.0, 0, 0.0), 900, 143, false,
                null, "daemon: `java -Xmx512m ...`, exit code 143 after SIGTERM");

        String markdown = new ResultTable(OPTIONS, List.of(round(null, backlog))).markdown(SETUP);

        assertThat(markdown)
                .contains("## H. The daemon's heap through a backlog")
                .contains("`syncline run` in a child JVM with `-Xmx512m -XX:+UseG1GC`")
                .contains("of 200,000 rows was in every sink, then 2,000,000 changes written (10 UPDATE passes over every row")
                .contains("| H. backlog, changes | | 2,000,000 | |")
                .contains("| H. daemon started (`running` printed) | | 4.2 s | **4.2 s** |")
                .contains("| H. **drain → all three sinks** | | 8,000/s (250.00 s) | **8,000/s** |")
                .contains("| H. daemon heap: **peak used**, MB | ≤ 512 MB | 530 ✗ | **530 ✗** |")
                .contains("| H. daemon heap: peak after a GC (live set, upper bound), MB | ≤ 512 MB | 310 | **310** |")
                .contains("| H. GC pauses: total s (count; full GCs) | | 1.75 s (120; 0 full) | |")
                .contains("| H. of them started by a humongous allocation; most heap in humongous objects | | 7; 48 MB | |")
                .contains("| H. daemon died / OutOfMemoryError | no | no | |")
                .contains("- The daemon (child JVM, `-Xmx512m -XX:+UseG1GC`) drains a backlog of 2,000,000 changes into all "
                        + "three sinks at 8,000 changes/s with a peak heap of 530 MB (goal ≤ 512 MB: **missed**).")
                .doesNotContain("## L.");
    }

    @Test
    void aRoundThatDidNotDrainIsSaidNextToOneThatDid() {
        DaemonBacklog.Plan plan = DaemonBacklog.Plan.of(100_000);
        Map<DaemonBacklog.Stage, Measurement> drain = new EnumMap<>(DaemonBacklog.Stage.class);
        drain.put(DaemonBacklog.Stage.ALL_SINKS, new Measurement(100_000, 50.0, true));
        BacklogResult drained = new BacklogResult(plan, "-Xmx64m", 5.0, drain, new GcLog(30, 1.0, 60.0, 40.0, 0, 64.0, 0, 0.0), null,
                70, 143, false, null, "daemon: ...");

        String markdown = new ResultTable(OPTIONS, List.of(round(null, drained), round(null, died()))).markdown(SETUP);

        assertThat(markdown).contains("drains a backlog of 100,000 changes into all three sinks at 2,000 changes/s")
                .contains("**not every round drained: see H's table**").doesNotContain("in no round");
    }

    private static BacklogResult died() {
        return new BacklogResult(DaemonBacklog.Plan.of(100_000), "-Xmx64m", 5.0, Map.of(),
                new GcLog(300, 9.0, 64.0, 63.0, 12, 64.0, 0, 0.0), null, 70, 1, true,
                "ELASTICSEARCH: the daemon exited with code 1 after an OutOfMemoryError; see h.err", "daemon: ...");
    }

    @Test
    void aDaemonThatDiedIsSaidSo() {
        BacklogResult backlog = died();

        String markdown = new ResultTable(OPTIONS, List.of(round(null, backlog))).markdown(SETUP);

        assertThat(markdown)
                .contains("| H. daemon died / OutOfMemoryError | no | **OutOfMemoryError** | |")
                .contains("- Round 1: **ELASTICSEARCH: the daemon exited with code 1 after an OutOfMemoryError; see h.err**; daemon: ...")
                .contains("- The daemon (child JVM, `-Xmx64m`) drained its backlog of 100,000 changes in no round (see H's "
                        + "table); its heap peaked at 64 MB until then (goal ≤ 512 MB through the whole backlog: not shown).")
                .doesNotContain("NaN");
    }

    private static RoundResult round(LatencyResult latency, BacklogResult backlog) {
        Map<Metric, Measurement> measured = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            measured.put(metric, new Measurement(1_000, 1.0, true));
        }
        Map<Phase, Long> heap = new EnumMap<>(Phase.class);
        heap.put(Phase.LATENCY, 64L);
        return new RoundResult(1, measured, Map.of(), null, heap, "capture STREAMING", "connect", "backfill", "verify",
                List.of(), latency, backlog, null);
    }
}
