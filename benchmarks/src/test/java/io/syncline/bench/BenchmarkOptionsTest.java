package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.bench.BenchmarkOptions.Suite;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void defaultsRunBothSuitesWithTheDemoSizedShop() {
        BenchmarkOptions options = BenchmarkOptions.parse();

        assertThat(options.suite()).isEqualTo(Suite.ALL);
        assertThat(options.suite().spine()).isTrue();
        assertThat(options.suite().joins()).isTrue();
        assertThat(options.joins()).isEqualTo(new BenchmarkOptions.JoinsOptions(2_000, 500, 5_000, 500, 50, 1_000, 0,
                Path.of("benchmarks", "target", "joins-benchmark.md")));
    }

    @Test
    void warmUpRoundsRunFirstAndAreNamedApart() {
        BenchmarkOptions none = BenchmarkOptions.parse();
        BenchmarkOptions one = BenchmarkOptions.parse("--rounds", "2", "--warmup-rounds", "1");

        assertThat(none.warmupRounds()).isZero();
        assertThat(none.roundsDescription()).isEqualTo("3");
        assertThat(one.warmupRounds()).isEqualTo(1);
        assertThat(one.roundsDescription()).isEqualTo("2 (after 1 warm-up round, not counted)");
        assertThat(BenchmarkOptions.parse("--warmup-rounds", "2").roundsDescription())
                .isEqualTo("3 (after 2 warm-up rounds, not counted)");
        assertThat(one.roundLabel(0)).isEqualTo("warm-up round");
        assertThat(one.roundLabel(2)).isEqualTo("round 2 of 2");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--warmup-rounds", "-1"))
                .hasMessageContaining("warmup-rounds >= 0");
    }

    @Test
    void suiteAndSizesAreOptions() {
        BenchmarkOptions options = BenchmarkOptions.parse("--suite", "joins", "--customers", "20", "--products", "5",
                "--orders", "50", "--renamed-customers", "2", "--renamed-products", "1", "--item-changes", "10",
                "--joins-soak", "7");

        assertThat(options.suite().spine()).isFalse();
        assertThat(options.joins().orders()).isEqualTo(50);
        assertThat(options.joins().itemChanges()).isEqualTo(10);
        assertThat(options.joins().soak()).isEqualTo(7);
    }

    @Test
    void optionsTheChosenSuiteDoesNotUseAreRejected() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--suite", "joins", "--output", "j.md", "--rows", "10"))
                .hasMessageStartingWith("--output, --rows are not used by --suite joins")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--suite", "spine", "--joins-output", "j.md"))
                .hasMessageStartingWith("--joins-output is not used by --suite spine");
        assertThat(BenchmarkOptions.parse("--output", "s.md", "--joins-output", "j.md").joins().output())
                .hasToString("j.md");
    }

    @Test
    void metricsCostIsAFlagWithoutValue() {
        assertThat(BenchmarkOptions.parse().metricsCost()).isFalse();
        BenchmarkOptions options = BenchmarkOptions.parse("--metrics-cost", "--rows", "20", "--changes", "10");

        assertThat(options.metricsCost()).isTrue();
        assertThat(options.rows()).isEqualTo(20);
    }

    @Test
    void badValuesAreRejectedWithTheUsage() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--suite", "some")).hasMessageContaining("spine, joins or all")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--customers", "10", "--renamed-customers", "11"))
                .hasMessageContaining("renamed-customers <= customers");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--orders", "10")).hasMessageContaining("item-changes <= orders");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--joins-soak", "-1")).hasMessageContaining("joins-soak >= 0");
    }

    @Test
    void latencyRunsByDefaultAndTheBacklogOnlyWhenAsked() {
        BenchmarkOptions defaults = BenchmarkOptions.parse();
        assertThat(defaults.latency()).isEqualTo(new BenchmarkOptions.LatencyOptions(1_000, 60));
        assertThat(defaults.latency().changesPerTransaction()).isEqualTo(10);
        assertThat(defaults.backlog().enabled()).isFalse();
        assertThat(defaults.elasticsearchRefreshInterval()).isNull();
        assertThat(BenchmarkOptions.parse("--es-refresh-interval", "500ms").elasticsearchRefreshInterval()).isEqualTo("500ms");

        BenchmarkOptions options = BenchmarkOptions.parse("--latency-rate", "50", "--latency-seconds", "0", "--backlog",
                "2000000", "--backlog-java-opts", " -Xmx256m  -XX:+UseParallelGC ");
        assertThat(options.latency().enabled()).isFalse();
        assertThat(options.latency().changesPerTransaction()).isEqualTo(1);
        assertThat(options.backlog().changes()).isEqualTo(2_000_000);
        assertThat(options.backlog().javaOptsList()).containsExactly("-Xmx256m", "-XX:+UseParallelGC");
    }

    @Test
    void theScaleOutPhaseIsOffUnlessABacklogIsGiven() {
        assertThat(BenchmarkOptions.parse().workers().enabled()).isFalse();
        BenchmarkOptions options = BenchmarkOptions.parse("--workers-backlog", "20000", "--workers-java-opts", "-Xmx256m -XX:+UseSerialGC");

        assertThat(options.workers().enabled()).isTrue();
        assertThat(options.workers().changes()).isEqualTo(20_000);
        assertThat(options.workers().javaOptsList()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(BenchmarkOptions.parse().workers().javaOptsList()).containsExactly("-Xmx512m", "-XX:+UseG1GC");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--workers-backlog", "-1")).hasMessageContaining("workers-backlog >= 0");
    }
}
