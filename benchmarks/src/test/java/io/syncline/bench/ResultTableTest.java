package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static final BenchmarkOptions OPTIONS = BenchmarkOptions.parse("--suite", "spine", "--rows", "1000",
            "--changes", "500");
    private static final Setup SETUP = new Setup("2026-01-01T00:00:00Z", 0.5, "all local");

    @Test
    void theBackfillIsReportedNextToDebeziumsSnapshotOfTheSameRound() {
        Map<Metric, Measurement> measured = everyMetricAt(1_000, 1.0);
        measured.put(Metric.A_SNAPSHOT, new Measurement(1_000, 0.5, true));
        measured.put(Metric.C_SNAPSHOT_ALL, new Measurement(1_000, 2.0, true));
        measured.put(Metric.D_BACKFILL_CAPTURE, new Measurement(1_000, 2.5, true));
        measured.put(Metric.D_BACKFILL_ALL, new Measurement(1_000, 4.0, true));

        String markdown = new ResultTable(OPTIONS, List.of(round(1, measured))).markdown(SETUP);

        assertThat(markdown)
                .contains("| D. Syncline backfill: capture, signal to COMPLETED notification | 1,000 rows | 400/s (2.50 s) | **400/s** |")
                .contains("| D. Syncline backfill → all three sinks | 1,000 rows | 250/s (4.00 s) | **250/s** |")
                .contains("| D. Syncline backfill | 64 | **64** |")
                .contains("- The capture reads the backfill at 400 rows/s (signal to COMPLETED), 20% of Debezium alone's "
                        + "snapshot (2,000 rows/s). The backfill reaches all three sinks at 250 rows/s, 13% of Debezium alone "
                        + "(2,000 rows/s); that is 50% of Syncline's snapshot into all three sinks (500 rows/s).")
                .contains("- Round 1, backfill: backfill bench-1: 1 chunks, 1,000 rows scanned, completed");
    }

    @Test
    void eachStageAloneIsReportedAgainstItsBaselineAsTheGoalsPutIt() {
        Map<Metric, Measurement> measured = everyMetricAt(1_000, 1.0);
        measured.put(Metric.A_SNAPSHOT, new Measurement(1_000, 0.5, true));
        measured.put(Metric.S_CAPTURE_SNAPSHOT, new Measurement(1_000, 1.0, true));
        measured.put(Metric.S_VIEWS, new Measurement(1_500, 2.0, true));
        measured.put(Metric.B_CLICKHOUSE, new Measurement(1_000, 0.1, true));
        measured.put(Metric.S_CLICKHOUSE, new Measurement(1_500, 1.0, true));
        measured.put(Metric.S_SINKS_TOGETHER, new Measurement(1_500, 2.0, true));

        String markdown = new ResultTable(OPTIONS, List.of(round(1, measured))).markdown(SETUP);

        assertThat(markdown)
                .contains("| S. stage alone: views over the capture's backlog (role views), first record to last | 1,500 records | 750/s (2.00 s) | **750/s** |")
                .contains("| S. Syncline's stages one at a time | 64 | **64** |")
                .contains("- Each stage alone (S): the capture snapshots at 1,000 rows/s, 0.50× Debezium alone, and streams at "
                        + "1,000 changes/s, 1.00× (goal 1: ≥ 0.8×); the views turn the backlog into documents at 750 records/s, "
                        + "0.75× the capture's snapshot (goal 2: ≥ 0.9×); the sinks write the view topic at: Elasticsearch "
                        + "1,000 records/s, 1.00× its raw bulk; MongoDB 1,000, 1.00× insertMany; ClickHouse 1,500, 0.15× its "
                        + "JDBC batch (goal 3: ≥ 0.7×); all three at once at 750 records/s, 0.75× the slowest raw write, "
                        + "0.75× the slowest sink alone (goal 3: limited only by the slowest store) and 2.00× the three alone "
                        + "one after another (375 records/s: on a machine they share, the sum of their costs is the bound).\n"
                        + "- Into MongoDB");
    }

    @Test
    void withoutTheStagesAloneTheSummaryHasNoLineForThem() {
        Map<Metric, Measurement> measured = everyMetricAt(1_000, 1.0);
        List.of(Metric.S_CAPTURE_SNAPSHOT, Metric.S_CAPTURE_STREAM, Metric.S_VIEWS, Metric.S_ELASTICSEARCH,
                Metric.S_MONGODB, Metric.S_CLICKHOUSE, Metric.S_SINKS_TOGETHER).forEach(measured::remove);

        String markdown = new ResultTable(OPTIONS, List.of(round(1, measured))).markdown(SETUP);

        assertThat(markdown).doesNotContain("Each stage alone").contains("(1,000 changes/s).\n- Into MongoDB");
    }

    @Test
    void kafkaConnectIsReportedNextToSynclinesMongoDbWithWhatItCouldNotMeasure() {
        Map<Metric, Measurement> measured = everyMetricAt(1_000, 1.0);
        measured.put(Metric.C_SNAPSHOT_MONGODB, new Measurement(1_000, 0.5, true));
        measured.put(Metric.K_SNAPSHOT_MONGODB, new Measurement(1_000, 2.0, true));
        measured.put(Metric.K_STREAM_MONGODB, new Measurement(500, 0.25, true));
        measured.put(Metric.C_STREAM_MONGODB, new Measurement(500, 1.0, true));

        String markdown = new ResultTable(OPTIONS, List.of(round(1, measured))).markdown(SETUP);

        assertThat(markdown)
                .contains("| K. Debezium + Kafka Connect snapshot → MongoDB (mongo-kafka sink connector) | 1,000 docs | 500/s (2.00 s) | **500/s** |")
                .contains("| K. Debezium + Kafka Connect → MongoDB | 64 | **64** |")
                .contains("- Into MongoDB, Syncline's snapshot goes at 2,000 docs/s and Debezium + Kafka Connect's (mongo-kafka "
                        + "sink) at 500 docs/s: Syncline 4.00×; the stream at 500 and 2,000 changes/s: Syncline 0.25×. "
                        + "Not measured on Kafka Connect: ClickHouse")
                .contains("- Round 1, K. Kafka Connect: worker started in 3.0 s (not timed)");
    }

    @Test
    void aSinkThatDidNotFinishTheBackfillMakesItALowerBound() {
        Map<Metric, Measurement> measured = everyMetricAt(1_000, 1.0);
        measured.put(Metric.D_BACKFILL_MONGODB, new Measurement(600, 10.0, false));
        measured.put(Metric.D_BACKFILL_ALL, Measurement.allOf(List.of(measured.get(Metric.D_BACKFILL_ELASTICSEARCH),
                measured.get(Metric.D_BACKFILL_MONGODB), measured.get(Metric.D_BACKFILL_CLICKHOUSE))));

        String markdown = new ResultTable(OPTIONS, List.of(round(1, measured))).markdown(SETUP);

        assertThat(markdown).contains("| D. Syncline backfill → MongoDB | 1,000 docs | 60/s (10.00 s) † only 600 | **60/s** † |")
                .contains("The backfill reaches all three sinks at 60 rows/s, 6% of Debezium alone (1,000 rows/s) (a lower "
                        + "bound: MongoDB did not finish within the timeout; the slowest sink that did, Elasticsearch, at "
                        + "1,000 rows/s, 100% of Debezium alone)");
    }

    @Test
    void verifyIsReportedPerSinkWithTheViewTopicsReadAndItsOwnHeapPeak() {
        Map<Metric, Measurement> measured = everyMetricAt(1_000, 1.0);
        measured.put(Metric.E_VERIFY_ELASTICSEARCH, new Measurement(1_000, 0.5, true));
        measured.put(Metric.E_VERIFY_MONGODB, new Measurement(1_000, 2.0, true));
        measured.put(Metric.E_VERIFY_CLICKHOUSE, new Measurement(1_000, 0.25, true));
        measured.put(Metric.E_VERIFY_VIEW_TOPIC, new Measurement(1_000, 0.1, true));

        String markdown = new ResultTable(OPTIONS, List.of(round(1, measured))).markdown(SETUP);

        assertThat(markdown)
                .contains("| E. verify --deep of every document in Elasticsearch | 1,000 docs | 2,000/s (0.50 s) | **2,000/s** |")
                .contains("| E. verify --deep of every document in MongoDB | 1,000 docs | 500/s (2.00 s) | **500/s** |")
                .contains("| E. verify --deep of every document in ClickHouse | 1,000 docs | 4,000/s (0.25 s) | **4,000/s** |")
                .contains("| E. verify --deep: of which reading the view topic (median of the three) | 1,000 docs | 10,000/s (0.10 s) | **10,000/s** |")
                .contains("| E. verify --deep (D's pipeline, idle) | 64 | **64** |")
                .contains("- verify --deep checks every backfilled document (view topic, catch-up, sink read and comparison) "
                        + "at: Elasticsearch 2,000 docs/s, MongoDB 500 docs/s, ClickHouse 4,000 docs/s; reading the view "
                        + "topic alone (the expected side) goes at 10,000 docs/s.")
                .contains("- Round 1, E. verify --deep: search equal")
                .doesNotContain("did not answer equal");
    }

    @Test
    void aVerifyThatDidNotAnswerEqualIsNotTimedButListed() {
        Map<Metric, Measurement> measured = everyMetricAt(1_000, 1.0);
        measured.remove(Metric.E_VERIFY_MONGODB);
        measured.remove(Metric.E_VERIFY_VIEW_TOPIC);
        Map<Phase, Long> heap = new EnumMap<>(Phase.class);
        heap.put(Phase.BACKFILL, 64L);
        RoundResult result = new RoundResult(1, measured, Map.of(), null, heap, "capture STREAMING", "connect", "backfill", "verify --deep: ...",
                List.of("verify --deep of view orders in sink documents (MongoDB) answered 1, not 0 (equal)"), null, null, null);

        String markdown = new ResultTable(OPTIONS, List.of(result)).markdown(SETUP);

        assertThat(markdown)
                .contains("| E. verify --deep of every document in MongoDB | 1,000 docs | – | – |")
                .contains("| E. verify --deep (D's pipeline, idle) | – | – |")
                .contains("**E: verify --deep did not answer equal** (such a check is not timed; its cell is –):")
                .contains("- round 1: verify --deep of view orders in sink documents (MongoDB) answered 1, not 0 (equal)")
                .contains("at: Elasticsearch 1,000 docs/s, ClickHouse 1,000 docs/s.");
    }

    @Test
    void cpuIsReportedPerItemAndStageWithSubtotalsAndWithoutStagesThatSpentNothing() {
        Map<Metric, Measurement> measured = everyMetricAt(1_000, 1.0);
        Map<CpuStage, Long> nanos = new EnumMap<>(CpuStage.class);
        nanos.put(CpuStage.CAPTURE, 20_000_000L);
        nanos.put(CpuStage.VIEWS, 30_000_000L);
        nanos.put(CpuStage.KAFKA_BROKER, 10_000_000L);
        nanos.put(CpuStage.POSTGRESQL, 40_000_000L);
        nanos.put(CpuStage.SINK_MONGODB, 0L);
        RoundResult result = new RoundResult(1, measured, Map.of(Metric.C_STREAM_ALL,
                new CpuCost(nanos, 1_000, 0.5, Map.of("pool-N-thread-N", 2_000_000L))), null, Map.of(), "capture STREAMING",
                "connect", "backfill", "verify", List.of(), null, null, null);

        String markdown = new ResultTable(OPTIONS, List.of(result)).markdown(SETUP);

        assertThat(markdown)
                .contains("### C. Syncline stream into all three sinks, µs per change")
                .contains("| capture: Debezium, the capture loop, its Kafka clients, the slot monitor | 20.0 | **20.0** |")
                .contains("| **the pipeline's stages (capture, views, sinks, other)** | 50.0 | **50.0** |")
                .contains("| test services in this JVM (broker, MongoDB endpoint) | 10.0 | **10.0** |")
                .contains("| **total** | 100.0 | **100.0** |")
                .contains("| cores busy (all CPU / wall time) | 0.20 | **0.20** |")
                .contains("Other JVM threads, busiest (last round): `pool-N-thread-N` 2 ms.")
                .doesNotContain("sink → MongoDB: runner")
                .doesNotContain("### A. Debezium alone: snapshot");
    }

    @Test
    void metricsCostShowsBothRunsAndTheirRatio() {
        Map<CpuStage, Long> with = Map.of(CpuStage.CAPTURE, 110_000_000L);
        Map<CpuStage, Long> without = Map.of(CpuStage.CAPTURE, 100_000_000L);
        SynclineEndToEnd.Result on = new SynclineEndToEnd.Result(Map.of(Metric.C_SNAPSHOT_ALL, new Measurement(1_000, 2.0, true),
                Metric.C_STREAM_ALL, new Measurement(500, 1.0, true)), Map.of(Metric.C_SNAPSHOT_ALL, new CpuCost(with, 1_000, 2.0,
                Map.of()), Metric.C_STREAM_ALL, new CpuCost(with, 500, 1.0, Map.of())), "with; 3 scrapes of /metrics");
        SynclineEndToEnd.Result off = new SynclineEndToEnd.Result(Map.of(Metric.C_SNAPSHOT_ALL, new Measurement(1_000, 1.6, true),
                Metric.C_STREAM_ALL, new Measurement(500, 1.0, true)), Map.of(Metric.C_SNAPSHOT_ALL, new CpuCost(without, 1_000,
                1.6, Map.of()), Metric.C_STREAM_ALL, new CpuCost(without, 500, 1.0, Map.of())), "without");
        RoundResult result = new RoundResult(2, everyMetricAt(1_000, 1.0), on.cpu(), new MetricsCost(false, on, off), Map.of(),
                on.status(), "connect", "backfill", "verify", List.of(), null, null, null);

        String markdown = new ResultTable(OPTIONS, List.of(result)).markdown(SETUP);

        assertThat(markdown)
                .contains("## What metrics cost")
                .contains("| first in the round | without | |")
                .contains("| snapshot → all three sinks, with metrics | 500/s (2.00 s) | **500/s** |")
                .contains("| snapshot → all three sinks, without metrics | 625/s (1.60 s) | **625/s** |")
                .contains("| **snapshot: rate, with ÷ without** | 0.800 | **0.800** |")
                .contains("| snapshot: CPU of Syncline's stages, µs per row, with metrics | 110.0 | **110.0** |")
                .contains("| **stream: CPU of Syncline's stages, with ÷ without** | 1.100 | **1.100** |")
                .contains("- Round 2, with metrics: with; 3 scrapes of /metrics")
                .contains("- Round 2, without metrics: without");
    }

    private static Map<Metric, Measurement> everyMetricAt(long count, double seconds) {
        Map<Metric, Measurement> measured = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            measured.put(metric, new Measurement(count, seconds, true));
        }
        return measured;
    }

    private static RoundResult round(int round, Map<Metric, Measurement> measured) {
        Map<Phase, Long> heap = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            heap.put(phase, 64L);
        }
        return new RoundResult(round, measured, Map.of(), null, heap, "capture STREAMING", "worker started in 3.0 s (not timed)",
                "backfill bench-1: 1 chunks, 1,000 rows scanned, completed", "verify --deep: search equal", List.of(), null, null, null);
    }
}
