package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void pausesGiveThePeaksBeforeAndAfterAndTheTotalPause() {
        GcLog log = GcLog.parse(List.of(
                "[0.011s][info][gc,init] Heap Region Size: 2M",
                "[0.011s][info][gc,init] Heap Max Capacity: 512M",
                "[1.204s][info][gc,start    ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)",
                "[1.210s][info][gc,heap     ] GC(0) Eden regions: 24->0(21)",
                "[1.210s][info][gc,heap     ] GC(0) Humongous regions: 3->1",
                "[1.210s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 6.123ms",
                "[3.500s][info][gc,heap     ] GC(1) Humongous regions: 40->2",
                "[3.500s][info][gc          ] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 301M->120M(512M) 10.000ms",
                "[3.600s][info][gc          ] GC(2) Concurrent Mark Cycle 80.500ms",
                "[3.650s][info][gc          ] GC(2) Pause Remark 130M->128M(512M) 2.000ms",
                "[3.660s][info][gc          ] GC(2) Pause Cleanup 128M->128M(512M) 0.100ms",
                "[9.000s][info][gc          ] GC(3) Pause Full (G1 Compaction Pause) 511M->450M(512M) 1500.000ms",
                "[9.500s][info][gc          ] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 1G->460M(1024M) 3.000ms"));

        assertThat(log.pauses()).isEqualTo(6);
        assertThat(log.fullGcs()).isEqualTo(1);
        assertThat(log.peakUsedMb()).isEqualTo(1024.0);
        assertThat(log.peakAfterGcMb()).isEqualTo(460.0);
        assertThat(log.peakSizeMb()).isEqualTo(1024.0);
        assertThat(log.pauseSeconds()).isCloseTo(1.521223, within(1e-6));
        assertThat(log.humongousPauses()).isEqualTo(1);
        assertThat(log.peakHumongousMb()).isEqualTo(80.0);
    }

    @Test
    void otherCollectorsAndKilobytesParseToo() {
        GcLog log = GcLog.parse(List.of(
                "[0.5s][info][gc] GC(0) Pause Young (Allocation Failure) 33792K->4096K(125952K) 5.500ms"));

        assertThat(log.peakUsedMb()).isEqualTo(33.0);
        assertThat(log.peakAfterGcMb()).isEqualTo(4.0);
        assertThat(log.pauseSeconds()).isCloseTo(0.0055, within(1e-9));
        assertThat(log.humongousPauses()).isZero();
        assertThat(log.peakHumongousMb()).isZero();
    }

    @Test
    void noPausesIsAnEmptyLog() {
        GcLog log = GcLog.parse(List.of("[0.011s][info][gc,init] Version: 17"));

        assertThat(log.pauses()).isZero();
        assertThat(log.peakUsedMb()).isZero();
    }
}
