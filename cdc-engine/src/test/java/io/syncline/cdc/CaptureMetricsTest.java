package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureMetricsTest {
    private final CaptureMetrics metrics = new CaptureMetrics();

    @Test
    void phaseFollowsDebeziumsPostgresOffsets() {
        assertThat(metrics.status().phase()).isEqualTo(CapturePhase.STARTING);

        metrics.processed(Map.of("lsn", 100L, "ts_usec", 5_000_000L, "snapshot", "INITIAL",
                "last_snapshot_record", false, "snapshot_completed", false), true);
        assertThat(metrics.status().snapshotRunning()).isTrue();

        metrics.processed(Map.of("lsn", 100L, "snapshot", "INITIAL", "last_snapshot_record", true,
                "snapshot_completed", false), true);
        assertThat(metrics.status().phase()).isEqualTo(CapturePhase.STREAMING);

        metrics.processed(Map.of("lsn", 0x1_0000_00A0L, "lsn_proc", 0x1_0000_00A0L, "ts_usec", 7_000_000L), true);
        CaptureStatus status = metrics.status();
        assertThat(status.phase()).isEqualTo(CapturePhase.STREAMING);
        assertThat(status.recordsSent()).isEqualTo(3);
        assertThat(status.lastLsnText()).isEqualTo("1/A0");
        assertThat(status.lastSourceTimeMs()).isEqualTo(7_000);
    }

    @Test
    void streamingWithoutSnapshotGoesStraightToStreaming() {
        metrics.processed(Map.of("lsn", 10L, "lsn_proc", 10L), false);

        assertThat(metrics.status().phase()).isEqualTo(CapturePhase.STREAMING);
        assertThat(metrics.status().recordsSent()).isZero();
    }

    @Test
    void aFailureWinsOverALaterStop() {
        metrics.failed(new IllegalStateException("connection lost"));
        metrics.failed(new IllegalStateException("wrapped again"));
        metrics.stopped();

        assertThat(metrics.status().phase()).isEqualTo(CapturePhase.FAILED);
        assertThat(metrics.status().errors()).isEqualTo(1);
        assertThat(metrics.failure()).hasMessage("connection lost");
    }
}
