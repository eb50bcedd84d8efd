package io.syncline.cli.status;

import io.syncline.daemon.ProcessRegistry;
import io.syncline.daemon.ProcessReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The table of {@code syncline status --processes}: one row per process of the pipeline that reported
 * on the processes topic in the last day, with its roles, capture phase, view tasks and the sink
 * partitions it holds. A process silent for three report intervals is shown as gone: killed, or cut
 * off from Kafka (a process that stopped cleanly removed itself).
 */
final class ProcessesReport {
    /** Reports older than this are left out: a process killed long ago is history, not status. */
    static final Duration HORIZON = Duration.ofDays(1);
    private static final String[] HEADER = {"PROCESS", "ROLES", "CAPTURE", "VIEW TASKS", "SINK PARTITIONS", "LAST REPORT"};

    private ProcessesReport() {
    }

    /** Whether the process that wrote {@code report} still reports. */
    static boolean live(ProcessReport report, Instant now) {
        return report.age(now).compareTo(ProcessRegistry.INTERVAL.multipliedBy(3)) <= 0;
    }

    /** The reports to show, oldest process first. */
    static List<ProcessReport> recent(Collection<ProcessReport> reports, Instant now) {
        return reports.stream().filter(r -> r.age(now).compareTo(HORIZON) <= 0)
                .sorted(Comparator.comparing(ProcessReport::started).thenComparing(ProcessReport::id)).toList();
    }

    static String render(String pipeline, String topic, List<ProcessReport> reports, Instant now) {
        long live = reports.stream().filter(r -> live(r, now)).count();
        StringBuilder out = new StringBuilder();
        out.append("pipeline ").append(pipeline).append(": ").append(live).append(live == 1 ? " process" : " processes")
                .append(" reporting");
        if (live < reports.size()) {
            out.append(", ").append(reports.size() - live).append(" gone");
        }
        out.append("\n  from Kafka topic ").append(topic).append(" at ").append(now).append("\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ProcessReport report : reports) {
            long age = Math.max(0, report.age(now).toSeconds());
            rows.add(new String[] {report.host() + " pid " + report.pid(), report.roles(),
                    report.capture() == null ? "-" : report.capture(),
                    report.viewTasks().isEmpty() ? "-" : String.join(" ", report.viewTasks()),
                    sinkPartitions(report.sinkPartitions()),
                    live(report, now) ? age + " s ago" : "GONE: silent for " + age + " s (killed, or cut off from Kafka)"});
        }
        StatusReport.table(out, rows);
        return out.toString();
    }

    /** "search 2, analytics 1": how many view-topic partitions each sink holds here. */
    private static String sinkPartitions(Map<String, List<String>> held) {
        if (held.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        held.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(sink -> parts.add(sink.getKey() + " " + sink.getValue().size()));
        return String.join(", ", parts);
    }
}
