package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TombstoneWindowTest {
    private static final TopicPartition P0 = new TopicPartition("shop.view.orders", 0);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private final SinkRunnerMetrics metrics = new SinkRunnerMetrics();
    private final TombstoneWindow window = new TombstoneWindow("es", Map.of(P0.topic(), Duration.ofDays(1)), metrics);

    @Test
    void aPartitionCommittedLongerAgoThanTheRetentionWithRecordsWaitingIsAtRisk() {
        window.assigned(P0, new OffsetAndMetadata(10, TombstoneWindow.metadata(T0)), 20, T0.plus(Duration.ofHours(25)));

        assertThat(metrics.tombstoneRisk()).containsEntry(P0, TombstoneWindow.Level.EXCEEDED);
    }

    @Test
    void overHalfTheRetentionIsAWarningAndItRisesToExceededWhileTheSinkStaysBehind() {
        window.assigned(P0, new OffsetAndMetadata(10, TombstoneWindow.metadata(T0)), 20, T0.plus(Duration.ofHours(13)));
        assertThat(metrics.tombstoneRisk()).containsEntry(P0, TombstoneWindow.Level.APPROACHING);

        window.check(P0, true, T0.plus(Duration.ofHours(24)));
        assertThat(metrics.tombstoneRisk()).containsEntry(P0, TombstoneWindow.Level.EXCEEDED);

        window.committed(P0, T0.plus(Duration.ofHours(24)));
        assertThat(metrics.tombstoneRisk()).isEmpty();
    }

    @Test
    void nothingWaitingAfterTheCommitIsNoRiskHoweverOld() {
        window.assigned(P0, new OffsetAndMetadata(20, TombstoneWindow.metadata(T0)), 20, T0.plus(Duration.ofDays(30)));

        assertThat(metrics.tombstoneRisk()).isEmpty();
    }

    @Test
    void aNewSinkOrACommitWithoutATimeIsNotJudged() {
        window.assigned(P0, null, 20, T0.plus(Duration.ofDays(30)));
        window.assigned(P0, new OffsetAndMetadata(10), 20, T0.plus(Duration.ofDays(30)));
        window.check(P0, true, T0.plus(Duration.ofDays(30)));

        assertThat(metrics.tombstoneRisk()).isEmpty();
    }

    @Test
    void anIdlePartitionIsCommittedAgainEveryTenthOfTheRetentionAtMostHourly() {
        window.committed(P0, T0);

        assertThat(window.keepAliveDue(P0, T0.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(window.keepAliveDue(P0, T0.plus(Duration.ofMinutes(60)))).isTrue();
        assertThat(window.keepAliveDue(new TopicPartition("unwatched", 0), T0.plus(Duration.ofDays(9)))).isFalse();
        assertThat(TombstoneWindow.keepAliveInterval(Duration.ofDays(7))).isEqualTo(Duration.ofHours(1));
        assertThat(TombstoneWindow.keepAliveInterval(Duration.ofMinutes(20))).isEqualTo(Duration.ofMinutes(2));
        assertThat(TombstoneWindow.keepAliveInterval(Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(100));
    }
}
