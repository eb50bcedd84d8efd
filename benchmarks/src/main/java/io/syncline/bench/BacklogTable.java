package io.syncline.bench;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** H's table: the drain and the daemon's own heap per round and the median, next to goal 5. */
final class BacklogTable {
    /** Goal 5: the daemon's heap through a backlog of 2 million changes. */
    static final long HEAP_GOAL_MB = 512;

    private final List<RoundResult> rounds;

    BacklogTable(List<RoundResult> rounds) {
        this.rounds = List.copyOf(rounds);
    }

    /** Empty when no round ran H. */
    String markdown() {
        List<BacklogResult> results = rounds.stream().map(RoundResult::backlog).filter(Objects::nonNull).toList();
        if (results.isEmpty()) {
            return "";
        }
        BacklogResult first = results.get(0);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """
                ## H. The daemon's heap through a backlog

                `syncline run` in a child JVM with `%s` (plus `-Xlog:gc*:file=…`), C's pipeline: stopped once its snapshot
                of %,d rows was in every sink, then %,d changes written (%d UPDATE pass%s over every row, %,d rows per
                transaction), then started again and timed from its start (JVM start included) until each sink shows
                every row's last change. Heap from its GC log: the peak used is the heap just before a collection, the
                peak after a collection an upper bound of the live set. Goal 5: heap ≤ %d MB through 2,000,000 changes.

                """, first.javaOpts(), first.plan().rows(), first.plan().changes(), first.plan().passes(),
                first.plan().passes() == 1 ? "" : "es", DaemonBacklog.ROWS_PER_TRANSACTION, HEAP_GOAL_MB));
        Markdown.header(out, List.of("measurement", "goal"), rounds.stream().map(RoundResult::round).toList());
        text(out, "H. backlog, changes", "", r -> String.format(Locale.ROOT, "%,d", r.plan().changes()));
        drain(out, "H. daemon started (`running` printed)", DaemonBacklog.Stage.STARTED, false);
        drain(out, "H. drain: capture sent every change to Kafka", DaemonBacklog.Stage.CAPTURE, true);
        drain(out, "H. drain → Elasticsearch", DaemonBacklog.Stage.ELASTICSEARCH, true);
        drain(out, "H. drain → MongoDB", DaemonBacklog.Stage.MONGODB, true);
        drain(out, "H. drain → ClickHouse", DaemonBacklog.Stage.CLICKHOUSE, true);
        drain(out, "H. **drain → all three sinks**", DaemonBacklog.Stage.ALL_SINKS, true);
        number(out, "H. daemon heap: **peak used**, MB", "≤ " + HEAP_GOAL_MB + " MB", gc(GcLog::peakUsedMb), HEAP_GOAL_MB);
        number(out, "H. daemon heap: peak after a GC (live set, upper bound), MB", "≤ " + HEAP_GOAL_MB + " MB",
                gc(GcLog::peakAfterGcMb), HEAP_GOAL_MB);
        number(out, "H. daemon heap: largest size (committed), MB", "", gc(GcLog::peakSizeMb), null);
        text(out, "H. GC pauses: total s (count; full GCs)", "", r -> r.gc() == null ? "–" : String.format(Locale.ROOT,
                "%.2f s (%,d; %d full)", r.gc().pauseSeconds(), r.gc().pauses(), r.gc().fullGcs()));
        text(out, "H. of them started by a humongous allocation; most heap in humongous objects", "",
                r -> r.gc() == null ? "–" : String.format(Locale.ROOT, "%,d; %.0f MB", r.gc().humongousPauses(),
                        r.gc().peakHumongousMb()));
        number(out, "H. daemon peak resident memory (VmHWM), MB", "", r -> r.peakRssMb() < 0 ? Double.NaN : r.peakRssMb(), null);
        number(out, "H. snapshot daemon (before the backlog): heap peak used, MB", "",
                r -> r.snapshotGc() == null ? Double.NaN : r.snapshotGc().peakUsedMb(), null);
        text(out, "H. daemon died / OutOfMemoryError", "no", r -> r.failure() == null && !r.outOfMemory() ? "no"
                : "**" + (r.outOfMemory() ? "OutOfMemoryError" : "yes") + "**");
        out.append(failures());
        return out.toString();
    }

    /** The goal's verdict in the medians. */
    String summary() {
        List<BacklogResult> results = rounds.stream().map(RoundResult::backlog).filter(r -> r != null && r.gc() != null).toList();
        if (results.isEmpty()) {
            return "";
        }
        double peak = Markdown.median(results.stream().mapToDouble(r -> r.gc().peakUsedMb()).toArray());
        if (results.stream().noneMatch(BacklogResult::drained)) {
            // Goal 5 is about the whole backlog: a heap that stayed low through part of it shows nothing.
            return String.format(Locale.ROOT, "- The daemon (child JVM, `%s`) drained its backlog of %,d changes in no round"
                            + " (see H's table); its heap peaked at %,.0f MB until then (goal ≤ %d MB through the whole backlog:"
                            + " not shown).%n",
                    results.get(0).javaOpts(), results.get(0).plan().changes(), peak, HEAP_GOAL_MB);
        }
        double rate = Markdown.median(results.stream().filter(BacklogResult::drained)
                .mapToDouble(r -> r.drain().get(DaemonBacklog.Stage.ALL_SINKS).perSecond()).toArray());
        return String.format(Locale.ROOT, "- The daemon (child JVM, `%s`) drains a backlog of %,d changes into all three sinks "
                        + "at %,.0f changes/s with a peak heap of %,.0f MB (goal ≤ %d MB%s: %s)%s.%n",
                results.get(0).javaOpts(), results.get(0).plan().changes(), rate, peak, HEAP_GOAL_MB,
                results.get(0).plan().changes() < 2_000_000 ? ", at 2,000,000 changes" : "", peak <= HEAP_GOAL_MB ? "met" : "**missed**",
                results.stream().allMatch(BacklogResult::drained) ? "" : "; **not every round drained: see H's table**");
    }

    private static ToDoubleFunction<BacklogResult> gc(ToDoubleFunction<GcLog> value) {
        return r -> r.gc() == null || r.gc().pauses() == 0 ? Double.NaN : value.applyAsDouble(r.gc());
    }

    private void drain(StringBuilder out, String label, DaemonBacklog.Stage stage, boolean rate) {
        out.append("| ").append(label).append(" | |");
        for (RoundResult round : rounds) {
            Measurement m = round.backlog() == null ? null : round.backlog().drain().get(stage);
            out.append(' ').append(m == null ? "–" : rate ? Markdown.cell(m) : String.format(Locale.ROOT, "%.1f s", m.seconds()))
                    .append(" |");
        }
        double[] values = rounds.stream().map(RoundResult::backlog).filter(Objects::nonNull).map(r -> r.drain().get(stage))
                .filter(Objects::nonNull).mapToDouble(m -> rate ? m.perSecond() : m.seconds()).toArray();
        out.append(values.length == 0 ? " – |\n" : String.format(Locale.ROOT, rate ? " **%,.0f/s** |%n" : " **%.1f s** |%n",
                Markdown.median(values)));
    }

    private void number(StringBuilder out, String label, String goal, ToDoubleFunction<BacklogResult> value, Long limit) {
        out.append("| ").append(label).append(" |").append(goal.isEmpty() ? "" : " " + goal).append(" |");
        for (RoundResult round : rounds) {
            double v = round.backlog() == null ? Double.NaN : value.applyAsDouble(round.backlog());
            out.append(' ').append(cell(v, limit)).append(" |");
        }
        double median = Markdown.median(rounds.stream().map(RoundResult::backlog).filter(Objects::nonNull).mapToDouble(value)
                .filter(v -> !Double.isNaN(v)).toArray());
        out.append(" **").append(cell(median, limit)).append("** |\n");
    }

    private static String cell(double value, Long limit) {
        if (Double.isNaN(value)) {
            return "–";
        }
        String cell = String.format(Locale.ROOT, "%,.0f", value);
        return limit != null && value > limit ? cell + " ✗" : cell;
    }

    private void text(StringBuilder out, String label, String goal, Function<BacklogResult, String> value) {
        out.append("| ").append(label).append(" |").append(goal.isEmpty() ? "" : " " + goal).append(" |");
        for (RoundResult round : rounds) {
            out.append(' ').append(round.backlog() == null ? "–" : value.apply(round.backlog())).append(" |");
        }
        out.append(" |\n");
    }

    private String failures() {
        String listed = rounds.stream().filter(r -> r.backlog() != null).map(r -> String.format(Locale.ROOT, "- Round %d: %s%s%n",
                r.round(), r.backlog().failure() == null ? "" : "**" + r.backlog().failure() + "**; ", r.backlog().status()))
                .collect(Collectors.joining());
        return "\n" + listed;
    }
}
