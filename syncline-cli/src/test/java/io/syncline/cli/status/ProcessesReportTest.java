package io.syncline.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.daemon.ProcessReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessesReportTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static ProcessReport report(String host, long pid, String roles, String capture, Instant seen) {
        return new ProcessReport(host + "/" + pid, host, pid, roles, "2026-12-06T11:00:00Z", seen.toString(), null, capture,
                roles.contains("views") ? List.of("0_0", "0_2") : List.of(),
                roles.contains("sink") ? Map.of("search", List.of("p.view.a-0", "p.view.a-2"), "analytics", List.of("p.view.a-1"))
                        : Map.of());
    }

    @Test
    void aReportSurvivesJson() {
        ProcessReport report = report("worker-1", 7, "views, sink", null, NOW);
        assertThat(ProcessReport.fromJson(report.toJson())).isEqualTo(report);
    }

    @Test
    void listsLiveProcessesWithWhatTheyHoldAndMarksTheSilentOnesGone() {
        List<ProcessReport> reports = ProcessesReport.recent(List.of(
                report("capture-1", 11, "capture", "STREAMING", NOW.minusSeconds(4)),
                report("capture-2", 12, "capture", "STANDBY", NOW.minusSeconds(29)),
                report("worker-1", 21, "views, sink", null, NOW.minusSeconds(2)),
                report("worker-2", 22, "views, sink", null, NOW.minusSeconds(31)),
                report("worker-3", 23, "views, sink", null, NOW.minusSeconds(2 * 24 * 3600))), NOW);

        String table = ProcessesReport.render("shop", "shop.syncline.processes", reports, NOW);

        assertThat(reports).extracting(ProcessReport::pid).containsExactlyInAnyOrder(11L, 12L, 21L, 22L);
        assertThat(table).startsWith("pipeline shop: 3 processes reporting, 1 gone\n");
        assertThat(table.lines().filter(l -> l.startsWith("capture-1 pid 11"))).singleElement().asString()
                .contains("STREAMING").endsWith("4 s ago");
        assertThat(table.lines().filter(l -> l.startsWith("capture-2 pid 12"))).singleElement().asString().contains("STANDBY");
        assertThat(table.lines().filter(l -> l.startsWith("worker-1 pid 21"))).singleElement().asString()
                .contains("0_0 0_2").contains("analytics 1, search 2");
        assertThat(table.lines().filter(l -> l.startsWith("worker-2 pid 22"))).singleElement().asString()
                .contains("GONE: silent for 31 s");
    }
}
