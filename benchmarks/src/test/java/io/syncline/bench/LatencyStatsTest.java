package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesAreNearestRankAndUnseenChangesAreCounted() {
        // 1..100 ms, shuffled order; 2 more changes never seen.
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> ((i * 37) % 100 + 1) * 1_000_000).toArray();

        LatencyStats stats = LatencyStats.of(102, nanos);

        assertThat(stats.p50Ms()).isEqualTo(50.0);
        assertThat(stats.p95Ms()).isEqualTo(95.0);
        assertThat(stats.p99Ms()).isEqualTo(99.0);
        assertThat(stats.maxMs()).isEqualTo(100.0);
        assertThat(stats.unseen()).isEqualTo(2);
    }

    @Test
    void aSmallSampleTakesTheValueAtOrAboveTheRank() {
        long[] sorted = {10, 20, 30};

        assertThat(LatencyStats.percentile(sorted, 50)).isEqualTo(20);
        assertThat(LatencyStats.percentile(sorted, 99)).isEqualTo(30);
        assertThat(LatencyStats.percentile(sorted, 1)).isEqualTo(10);
        assertThat(LatencyStats.percentile(new long[0], 50)).isEqualTo(-1);
    }

    @Test
    void latencyIsSeenMinusCommittedPerChangeAndNeverNegative() {
        long[] committed = {0, 1_000_000, 1_000_000, 5_000_000};
        long[] seen = {0, 3_000_000, 0, 4_000_000};

        LatencyStats stats = CommitToVisible.latencies(committed, seen);

        assertThat(stats.changes()).isEqualTo(3);
        assertThat(stats.unseen()).isEqualTo(1);
        assertThat(stats.maxMs()).isEqualTo(2.0);
        assertThat(stats.p50Ms()).isEqualTo(0.0);
    }
}
