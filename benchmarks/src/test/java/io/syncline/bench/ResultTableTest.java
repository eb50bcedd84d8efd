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
        RoundResult result = new RoundResult(1, measured, heap, "capture STREAMING", "backfill", "verify --deep: ...",
                List.of("verify --deep of view orders in sink documents (MongoDB) answered 1, not 0 (equal)"));

        String markdown = new ResultTable(OPTIONS, List.of(result)).markdown(SETUP);

        assertThat(markdown)
                .contains("| E. verify --deep of every document in MongoDB | 1,000 docs | – | – |")
                .contains("| E. verify --deep (D's pipeline, idle) | – | – |")
                .contains("**E: verify --deep did not answer equal** (such a check is not timed; its cell is –):")
                .contains("- round 1: verify --deep of view orders in sink documents (MongoDB) answered 1, not 0 (equal)")
                .contains("at: Elasticsearch 1,000 docs/s, ClickHouse 1,000 docs/s.");
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
        return new RoundResult(round, measured, heap, "capture STREAMING",
                "backfill bench-1: 1 chunks, 1,000 rows scanned, completed", "verify --deep: search equal", List.of());
    }
}
