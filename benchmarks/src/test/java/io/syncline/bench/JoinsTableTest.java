package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JoinsTableTest {
    private static final BenchmarkOptions OPTIONS = BenchmarkOptions.parse("--suite", "joins", "--rounds", "1");
    private static final Setup SETUP = new Setup("2026-01-01T00:00:00Z", 0.5, "all local");

    @Test
    void eachPhaseGivesTheViewsPaceAgainstTheCaptureNextToGoalTwo() {
        List<JoinsRoundResult.Phase> phases = new ArrayList<>();
        for (JoinPhase phase : JoinPhase.values()) {
            if (phase == JoinPhase.SNAPSHOT_ALONE || phase == JoinPhase.JOIN_PROCESSOR_FLOOR) {
                phases.add(alone(phase));
                continue;
            }
            // The snapshot: capture done after 4 s, views after 10 s (0.40×); every change phase 1 s and 1.6 s (0.63×).
            boolean snapshot = phase == JoinPhase.SNAPSHOT;
            PhasePlan plan = new PhasePlan(phase, snapshot ? null : "UPDATE ...", PhasePlan.Target.of(snapshot ? 40_000 : 1_000),
                    PhasePlan.Target.of(10_000), PhasePlan.Target.of(25_000));
            Map<JoinStage, Measurement> measured = new EnumMap<>(JoinStage.class);
            measured.put(JoinStage.CAPTURE, new Measurement(plan.capture().reported(), snapshot ? 4.0 : 1.0, true));
            measured.put(JoinStage.VIEWS, new Measurement(60_000, snapshot ? 10.0 : 1.6, true));
            for (JoinStage sink : List.of(JoinStage.ELASTICSEARCH, JoinStage.MONGODB, JoinStage.CLICKHOUSE, JoinStage.ALL_SINKS)) {
                measured.put(sink, new Measurement(10_000, snapshot ? 12.0 : 2.0, true));
            }
            // The view stage's writes: J1 1.5 records per source row over two topics, the others 3 per change.
            SortedMap<String, Long> writes = new TreeMap<>(snapshot
                    ? Map.of("rows-orders-changelog", 40_000L, "<prefix>.view.orders", 20_000L)
                    : Map.of("rows-orders-changelog", 3_000L));
            phases.add(new JoinsRoundResult.Phase(plan, measured, 0.5, null, writes, null));
        }
        JoinsRoundResult round = new JoinsRoundResult(1, phases, new TreeMap<>(), new TreeMap<>(), 500, 1.0, "counters");

        String markdown = new JoinsTable(OPTIONS, List.of(round)).markdown(SETUP);

        assertThat(markdown)
                .startsWith("# Syncline joined-views benchmark\n\n- **Wrong documents**, round 1, J4. snapshot, each stage "
                        + "alone (the views from their first change read): orders 19,998 of 20,000 units\n\n")
                .contains("The views went at 0.40× the capture's pace in source rows (the capture done after 4.00 s, "
                        + "the views after 10.00 s; goal 2 for joined views: ≥ 0.5×: **missed**).")
                .contains("The views went at 0.63× the capture's pace in source changes (the capture done after 1.00 s, "
                        + "the views after 1.60 s; goal 2 for joined views: ≥ 0.5×: met).")
                .contains("the Elasticsearch sink's\n  refresh interval: Elasticsearch's default (1s).")
                .contains("| J1. snapshot, per source row | 1.5 | **1.5** |")
                .contains("| J3b. child changes: items deleted, per source change | 3.0 | **3.0** |")
                .contains("| topic | J1 | J2a | J2b | J3a | J3b | J4 | J5 |")
                .contains("| `<prefix>.view.orders` | 0.50 | 0.00 | 0.00 | 0.00 | 0.00 |")
                .contains("| `rows-orders-changelog` | 1.00 | 3.00 | 3.00 | 3.00 | 3.00 | 2.00 | 2.00 |")
                .contains("- J4. snapshot, each stage alone (the views from their first change read): the capture alone "
                        + "had Kafka acknowledge 40,000 source rows 2.00 s after its start (20,000 rows/s). The views "
                        + "alone, over that backlog, produced 50,000 documents, the first 1.00 s and the last 5.00 s after "
                        + "the first change they read: 8,000 source rows/s, 0.40× the capture's pace (goal 2 for joined "
                        + "views, measured as S measures it for per-table views: ≥ 0.5×: **missed**). From their first "
                        + "document to their last: 0.50×.")
                .contains("- J5. snapshot, raw baseline: a hand-written co-partitioned topology of the same documents: "
                        + "over J4's backlog, 50,000 documents, the first 1.00 s and the last 2.50 s after the first "
                        + "change it read: 16,000 source rows/s, 0.80× J4's capture alone, writing 2.0 Kafka records per "
                        + "source row: the pace a join processor of our own could start from (J4's views: 0.40×).");
        assertThat(new JoinsTable(BenchmarkOptions.parse("--suite", "joins", "--es-refresh-interval", "500ms"), List.of(round))
                .markdown(SETUP)).contains("refresh interval: 500ms (`--es-refresh-interval`).");
    }

    /**
     * J4: the capture alone done after 2 s; the views alone 5 s from their first change read to their last
     * document (0.40×), 4 s from their first (0.50×). J5: the baseline 2.5 s over the same backlog (0.80×).
     */
    private static JoinsRoundResult.Phase alone(JoinPhase phase) {
        PhasePlan plan = new PhasePlan(phase, null, PhasePlan.Target.of(40_000),
                PhasePlan.Target.of(10_000), PhasePlan.Target.of(25_000));
        Map<JoinStage, Measurement> measured = new EnumMap<>(JoinStage.class);
        measured.put(JoinStage.CAPTURE, new Measurement(40_000, 2.0, true));
        measured.put(JoinStage.VIEWS, new Measurement(50_000, phase == JoinPhase.SNAPSHOT_ALONE ? 5.0 : 2.5, true));
        return new JoinsRoundResult.Phase(plan, measured, 1.0, null, new TreeMap<>(Map.of("rows-orders-changelog", 80_000L)),
                phase == JoinPhase.SNAPSHOT_ALONE ? "orders 19,998 of 20,000 units" : null);
    }
}
