package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The lag in seconds, the idle check's unreachable state, and whether a runner wrote all it may before a schema change. */
class SinkRunnerMetricsTest {
    private static final TopicPartition P0 = new TopicPartition("shop.view.orders", 0);
    private final SinkRunnerMetrics metrics = new SinkRunnerMetrics();

    @Test
    void writtenUpToNewerSchemasNeedsALagMeasuredSinceAndEveryPartitionCaughtUpOrHeldAfterWhatWasWritten() {
        TopicPartition p1 = new TopicPartition("shop.view.orders", 1);
        Set<String> orders = Set.of("shop.view.orders");
        assertThat(metrics.writtenUpToNewerSchemas(orders, 0)).as("not measured yet").isFalse();
        metrics.lag(P0, 0);
        metrics.lag(p1, 3);
        metrics.lag(new TopicPartition("shop.view.customers", 0), 9);
        metrics.lagMeasured(true, 1_000);
        assertThat(metrics.writtenUpToNewerSchemas(orders, 1_000)).as("p1 behind").isFalse();

        metrics.schemaHold(p1, new SchemaHold("orders", 5, 6, 7, false));
        assertThat(metrics.writtenUpToNewerSchemas(orders, 1_000)).as("a record before the hold not written yet").isFalse();
        metrics.schemaHold(p1, new SchemaHold("orders", 5, 6, 7, true));
        assertThat(metrics.writtenUpToNewerSchemas(orders, 1_000)).as("customers' lag does not count").isTrue();
        assertThat(metrics.writtenUpToNewerSchemas(orders, 1_001)).as("measured before").isFalse();
        assertThat(metrics.writtenUpToNewerSchemas(Set.of("shop.view.customers"), 1_000)).isFalse();

        metrics.forget(p1);
        assertThat(metrics.schemaHolds()).isEmpty();
    }

    @Test
    void lagInSecondsIsZeroWhenCaughtUpElseMeasuredFromTheNewestAcknowledgedSourceTime() {
        assertThat(metrics.lagSeconds(1_000)).as("not measured yet").isNaN();
        metrics.lag(P0, 0);
        metrics.lagMeasured(false, 1_000);
        assertThat(metrics.lagSeconds(5_000)).isZero();

        metrics.lag(P0, 3);
        metrics.lagMeasured(true, 10_000);
        assertThat(metrics.lagSeconds(12_000)).as("nothing acknowledged yet: since records wait").isEqualTo(2.0);
        metrics.acknowledged("orders", 9_000, 12_500);
        metrics.acknowledged("orders", 8_000, 12_500);
        metrics.lagMeasured(true, 12_600);
        assertThat(metrics.lagSeconds(13_000)).as("now minus the newest acknowledged source time").isEqualTo(4.0);

        metrics.lag(P0, 0);
        metrics.lagMeasured(false, 14_000);
        assertThat(metrics.lagSeconds(100_000)).isZero();
        metrics.lag(P0, 1);
        metrics.lagMeasured(true, 200_000);
        assertThat(metrics.lagSeconds(201_000)).as("an idle sink that gets a change is not idle-time behind").isEqualTo(1.0);
    }

    @Test
    void theStoreIsUnreachableFromTheFirstFailedCheckUntilACheckOrAWriteSucceeds() {
        assertThat(metrics.unreachable(new IOException("connection refused"))).as("news").isTrue();
        SinkRunnerMetrics.LastError first = metrics.unreachable().orElseThrow();
        assertThat(metrics.unreachable(new IOException("timed out"))).isFalse();
        assertThat(metrics.unreachable()).hasValueSatisfying(e -> {
            assertThat(e.message()).contains("timed out");
            assertThat(e.at()).isEqualTo(first.at());
        });
        assertThat(metrics.lastError()).hasValueSatisfying(e -> assertThat(e.message()).contains("timed out"));

        assertThat(metrics.reachable()).isTrue();
        assertThat(metrics.unreachable()).isEmpty();
        assertThat(metrics.reachable()).isFalse();

        metrics.unreachable(new IOException("connection refused"));
        metrics.written(1);
        assertThat(metrics.unreachable()).as("a write went through").isEmpty();
    }
}
