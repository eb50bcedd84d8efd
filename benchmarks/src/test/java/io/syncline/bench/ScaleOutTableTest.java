package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleOutTableTest {
    private static final BenchmarkOptions OPTIONS = BenchmarkOptions.parse("--suite", "spine", "--rows", "1000",
            "--changes", "500", "--latency-seconds", "0", "--workers-backlog", "20000");
    private static final Setup SETUP = new Setup("2026-01-01T00:00:00Z", 0.5, "all local");
    private static final DaemonBacklog.Plan PLAN = DaemonBacklog.Plan.of(20_000);

    @Test
    void eachConfigurationsDrainTheRatioAndTheFailoversArePerRoundWithMedians() {
        ScaleOutResult first = result(20.0, 12.5, new ScaleOutResult.Failover(new Measurement(3, 11.2, true),
                new Measurement(300, 12.0, true), "SIGKILL to worker-2"), notMeasurable());
        ScaleOutResult second = result(25.0, 12.5, new ScaleOutResult.Failover(new Measurement(3, 10.8, true),
                new Measurement(300, 13.0, true), "SIGKILL to worker-2"), notMeasurable());

        String markdown = new ResultTable(OPTIONS, List.of(round(1, first), round(2, second))).markdown(SETUP);

        assertThat(markdown)
                .contains("## W. Scale-out: a capture plus one or two workers")
                .contains("(3 partitions: two workers share each sink's partitions 2 + 1)")
                .contains("snapshot of 20,000\nrows is in every sink, stopped (SIGTERM), 20,000 changes written (1 UPDATE pass over")
                .contains("| measurement | round 1 | round 2 | median |")
                .contains("| W. backlog, changes | 20,000 | 20,000 | |")
                .contains("| W. 1 worker: processes started (each printed `running`) | 5.0 s | 5.0 s | **5.0 s** |")
                .contains("| W. 1 worker: **drain → all three sinks** | 1,000/s (20.00 s) | 800/s (25.00 s) | **900/s** |")
                .contains("| W. 2 workers: **drain → all three sinks** | 1,600/s (12.50 s) | 1,600/s (12.50 s) | **1,600/s** |")
                .contains("| W. **2 workers ÷ 1 worker**, changes/s into all three sinks | 1.60× | 2.00× | **1.80×** |")
                .contains("| W. 2 workers: sink partitions per worker (before the kill) | search 2 + 1, documents 2 + 1, "
                        + "analytics 2 + 1 | search 2 + 1, documents 2 + 1, analytics 2 + 1 | |")
                .contains("| W. worker SIGKILLed → the survivor holds every sink partition | 11.2 s | 10.8 s | **11.0 s** |")
                .contains("| W. worker SIGKILLed → a change written after the kill in every sink | 12.0 s | 13.0 s | **12.5 s** |")
                .contains("| W. capture SIGKILLed → the standby streams | – | – | **–** |")
                .contains("- Round 1, capture failover: **not measured**: not measurable on this build: a second `--role capture`")
                .contains("- Round 2, worker failover: SIGKILL to worker-2")
                .contains("- Round 1, 2 workers: capture `--role capture`, worker-1 `--role views --role sink`")
                .contains("- As processes (W), a capture and one worker drain a backlog of 20,000 changes into all three sinks at "
                        + "900 changes/s, a capture and two workers at 1,600 changes/s: 2 workers ÷ 1 = 1.80×. A worker SIGKILLed: "
                        + "the survivor holds every sink partition after 11.0 s, a change written after the kill is in every sink "
                        + "after 12.5 s. Capture failover: not measurable on this build")
                .contains("| W. capture plus one or two workers draining a backlog, failover (child JVMs) | – | – | – |");
    }

    @Test
    void aConfigurationThatDidNotDrainHasNoRatioAndSaysWhy() {
        ScaleOutResult result = new ScaleOutResult(PLAN, "-Xmx512m", Map.of(1, drain(1, 20.0),
                2, ScaleOutResult.Drain.notRun(2, "worker-1: the daemon exited with code 1")), null,
                ScaleOutResult.Failover.notMeasured("the drain did not finish"),
                ScaleOutResult.Failover.notMeasured("the drain did not finish"), List.of());

        String markdown = new ScaleOutTable(List.of(round(1, result))).markdown();

        assertThat(result.ratio()).isNaN();
        assertThat(markdown)
                .contains("| W. 2 workers: **drain → all three sinks** | – | – |")
                .contains("| W. **2 workers ÷ 1 worker**, changes/s into all three sinks | – | – |")
                .contains("- Round 1, 2 workers: **did not drain: worker-1: the daemon exited with code 1**");
        assertThat(new ScaleOutTable(List.of(round(1, result))).summary()).contains("a capture and one worker drain a backlog of "
                + "20,000 changes into all three sinks at 1,000 changes/s, a capture and two workers at – (**did not drain: see "
                + "W's table**): 2 workers ÷ 1 = –.");
    }

    @Test
    void aWaitThatTimedOutIsALowerBound() {
        assertThat(ScaleOutTable.seconds(new Measurement(2, 600.0, false))).isEqualTo("† > 600.0 s");
        assertThat(ScaleOutTable.seconds(new Measurement(3, 9.87, true))).isEqualTo("9.9 s");
        assertThat(ScaleOutTable.seconds(null)).isEqualTo("–");
    }

    @Test
    void noRoundRanWSoThereIsNoTable() {
        assertThat(new ScaleOutTable(List.of(round(1, null))).markdown()).isEmpty();
        assertThat(new ScaleOutTable(List.of(round(1, null))).summary()).isEmpty();
    }

    private static ScaleOutResult.Failover notMeasurable() {
        return ScaleOutResult.Failover.notMeasured("not measurable on this build: a second `--role capture` process exits "
                + "(code 1) instead of standing by: refused: slot bench_w2 is in use by PID 4242");
    }

    private static ScaleOutResult result(double oneWorkerSeconds, double twoWorkersSeconds, ScaleOutResult.Failover worker,
                                         ScaleOutResult.Failover capture) {
        return new ScaleOutResult(PLAN, "-Xmx512m -XX:+UseG1GC", Map.of(1, drain(1, oneWorkerSeconds), 2,
                drain(2, twoWorkersSeconds)), "search 2 + 1, documents 2 + 1, analytics 2 + 1", worker, capture,
                List.of("1 worker: capture `--role capture`, worker-1 `--role views --role sink`",
                        "2 workers: capture `--role capture`, worker-1 `--role views --role sink`"));
    }

    private static ScaleOutResult.Drain drain(int workers, double seconds) {
        Map<DaemonBacklog.Stage, Measurement> stages = new EnumMap<>(DaemonBacklog.Stage.class);
        stages.put(DaemonBacklog.Stage.STARTED, new Measurement(1, 5.0, true));
        stages.put(DaemonBacklog.Stage.CAPTURE, new Measurement(20_000, seconds / 2, true));
        for (DaemonBacklog.Stage sink : List.of(DaemonBacklog.Stage.ELASTICSEARCH, DaemonBacklog.Stage.MONGODB,
                DaemonBacklog.Stage.CLICKHOUSE, DaemonBacklog.Stage.ALL_SINKS)) {
            stages.put(sink, new Measurement(20_000, seconds, true));
        }
        return new ScaleOutResult.Drain(workers, stages, null);
    }

    private static RoundResult round(int round, ScaleOutResult scaleOut) {
        Map<Metric, Measurement> measured = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            measured.put(metric, new Measurement(1_000, 1.0, true));
        }
        return new RoundResult(round, measured, Map.of(), null, Map.of(), "capture STREAMING", "connect", "backfill", "verify",
                List.of(), null, null, scaleOut);
    }
}
