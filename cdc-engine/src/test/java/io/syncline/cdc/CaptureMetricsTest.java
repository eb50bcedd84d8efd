package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.cdc.CapturedTable.SnapshotState;
import io.syncline.config.TableName;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureMetricsTest {
    private final CapturedTable orders = new CapturedTable(new TableName("public", "orders"), 3);
    private final CapturedTable empty = new CapturedTable(new TableName("public", "empty"), -1);
    private final CaptureMetrics metrics = new CaptureMetrics(tables());

    private Map<String, CapturedTable> tables() {
        Map<String, CapturedTable> tables = new LinkedHashMap<>();
        tables.put("shop.public.orders", orders);
        tables.put("shop.public.empty", empty);
        return tables;
    }

    @Test
    void countsChangesPerTableAndOperationAndTheSnapshotsProgress() {
        metrics.processed(Map.of("lsn", 100L, "snapshot", "INITIAL"), true);
        metrics.changed("shop.public.orders", 'r', "first");
        assertThat(orders.snapshotState()).isEqualTo(SnapshotState.RUNNING);
        assertThat(empty.snapshotState()).isEqualTo(SnapshotState.PENDING);
        metrics.changed("shop.public.orders", 'r', "true");
        metrics.changed("shop.public.orders", 'r', "last");
        metrics.processed(Map.of("lsn", 100L, "snapshot", "INITIAL", "last_snapshot_record", true), true);
        assertThat(orders.snapshotState()).isEqualTo(SnapshotState.DONE);
        assertThat(empty.snapshotState()).as("an empty table shows no row but was read").isEqualTo(SnapshotState.DONE);

        metrics.changed("shop.public.orders", 'c', "false");
        metrics.changed("shop.public.orders", 'u', null);
        metrics.changed("shop.public.orders", 'd', null);
        metrics.changed("shop.public.orders", 'r', "incremental");
        metrics.changed("shop.public.syncline_heartbeat", 'c', null);

        assertThat(orders.changes('r')).isEqualTo(4);
        assertThat(orders.changes('c')).isEqualTo(1);
        assertThat(orders.changes('t')).isZero();
        assertThat(orders.changes()).isEqualTo(7);
        assertThat(orders.snapshotRowsRead()).as("a backfill's read is not the snapshot's").isEqualTo(3);
        assertThat(orders.snapshotRowsEstimate()).isEqualTo(3);
        assertThat(empty.changes()).isZero();
        assertThat(metrics.tables()).containsExactly(orders, empty);
    }

    @Test
    void tablesOfARunWithoutSnapshotSayNone() {
        metrics.processed(Map.of("lsn", 10L, "lsn_proc", 10L), false);

        assertThat(orders.snapshotState()).isEqualTo(SnapshotState.NONE);
        assertThat(orders.snapshotRowsRead()).isZero();
    }

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
    void aBackfillRunningAtStartIsStreamingNotASnapshot() {
        // Debezium's offsets of a backfill's rows, and of what it streams right after a restart from one.
        metrics.processed(Map.of("lsn", 10L, "snapshot", "INCREMENTAL", "last_snapshot_record", false,
                "snapshot_completed", false), true);

        assertThat(metrics.status().phase()).isEqualTo(CapturePhase.STREAMING);
        assertThat(orders.snapshotState()).isEqualTo(SnapshotState.NONE);
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
