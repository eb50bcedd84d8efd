package io.syncline.bench;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** W's table: each configuration's drain, two workers' rate over one's, and the failovers, per round and the median. */
final class ScaleOutTable {
    private static final List<BenchPipeline.Store> STORES = List.of(BenchPipeline.Store.values());

    private final List<RoundResult> rounds;

    ScaleOutTable(List<RoundResult> rounds) {
        this.rounds = List.copyOf(rounds);
    }

    /** Empty when no round ran W. */
    String markdown() {
        List<ScaleOutResult> results = results();
        if (results.isEmpty()) {
            return "";
        }
        DaemonBacklog.Plan plan = results.get(0).plan();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """
                ## W. Scale-out: a capture plus one or two workers

                The pipeline as processes, each `syncline run` in a child JVM with `%s` (plus `-Xlog:gc*:file=…`) and a state
                directory and HTTP port of its own: a capture (`--role capture`) and one, then two workers (`--role views
                --role sink`), on C's pipeline (%d partitions: two workers share each sink's partitions 2 + 1), each
                configuration on a table of its own (odd rounds one worker first). Each: started until its snapshot of %,d
                rows is in every sink, stopped (SIGTERM), %,d changes written (%d UPDATE pass%s over every row), then the
                same processes started again and timed from their start (JVM starts included) until each sink shows every
                row's last change. Failover, on the two workers' pipeline once drained: one worker SIGKILLed, timed until
                the survivor holds every partition of every sink's consumer group (Kafka's `describeConsumerGroups`: the
                dead member stays until its session times out) and until an UPDATE of %,d rows committed right after the
                kill is in every sink; then a second `--role capture` process started and, if it stands by, the active
                capture SIGKILLed and timed the same way (until the standby streams, and a change written after the kill).

                """, results.get(0).javaOpts(), BenchPipeline.PARTITIONS, plan.rows(), plan.changes(), plan.passes(),
                plan.passes() == 1 ? "" : "es", Math.min(ScaleOut.FRESH_ROWS, plan.rows())));
        Markdown.header(out, List.of("measurement"), rounds.stream().map(RoundResult::round).toList());
        text(out, "W. backlog, changes", r -> String.format(Locale.ROOT, "%,d", r.plan().changes()));
        for (int workers : List.of(1, 2)) {
            String name = "W. " + workers + " worker" + (workers == 1 ? "" : "s") + ": ";
            seconds(out, name + "processes started (each printed `running`)", stage(workers, DaemonBacklog.Stage.STARTED));
            rate(out, name + "capture sent every change to Kafka", stage(workers, DaemonBacklog.Stage.CAPTURE));
            for (BenchPipeline.Store store : STORES) {
                rate(out, name + "drain → " + LatencyTable.storeName(store), stage(workers, DaemonBacklog.Stage.valueOf(store.name())));
            }
            rate(out, name + "**drain → all three sinks**", stage(workers, DaemonBacklog.Stage.ALL_SINKS));
        }
        ratio(out);
        text(out, "W. 2 workers: sink partitions per worker (before the kill)", r -> r.split() == null ? "–" : r.split());
        seconds(out, "W. worker SIGKILLed → the survivor holds every sink partition", r -> r.worker().takeover());
        seconds(out, "W. worker SIGKILLed → a change written after the kill in every sink", r -> r.worker().visible());
        seconds(out, "W. capture SIGKILLed → the standby streams", r -> r.capture().takeover());
        seconds(out, "W. capture SIGKILLed → a change written after the kill in every sink", r -> r.capture().visible());
        out.append('\n').append(notes());
        return out.toString();
    }

    /** The medians in a line of the spine's summary. */
    String summary() {
        List<ScaleOutResult> results = results();
        if (results.isEmpty()) {
            return "";
        }
        ScaleOutResult first = results.get(0);
        double ratio = median(ScaleOutResult::ratio);
        return String.format(Locale.ROOT, "- As processes (W), a capture and one worker drain a backlog of %,d changes into all "
                        + "three sinks at %s, a capture and two workers at %s: 2 workers ÷ 1 = %s. "
                        + "A worker SIGKILLed: the survivor holds every sink partition after %s, a change written after the "
                        + "kill is in every sink after %s. Capture failover: %s.%n",
                first.plan().changes(), changesPerSecond(median(r -> rateOf(r, 1))), changesPerSecond(median(r -> rateOf(r, 2))),
                Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio),
                medianSeconds(r -> r.worker().takeover()), medianSeconds(r -> r.worker().visible()), captureSummary(results));
    }

    private static String changesPerSecond(double rate) {
        return Double.isNaN(rate) ? "– (**did not drain: see W's table**)" : String.format(Locale.ROOT, "%,.0f changes/s", rate);
    }

    private String captureSummary(List<ScaleOutResult> results) {
        if (results.stream().noneMatch(r -> r.capture().measured())) {
            return results.get(0).capture().note();
        }
        return String.format(Locale.ROOT, "the standby streams after %s, a change written after the kill is in every sink after %s",
                medianSeconds(r -> r.capture().takeover()), medianSeconds(r -> r.capture().visible()));
    }

    private List<ScaleOutResult> results() {
        return rounds.stream().map(RoundResult::scaleOut).filter(Objects::nonNull).toList();
    }

    private static Function<ScaleOutResult, Measurement> stage(int workers, DaemonBacklog.Stage stage) {
        return r -> r.drains().containsKey(workers) ? r.drains().get(workers).stages().get(stage) : null;
    }

    private static double rateOf(ScaleOutResult result, int workers) {
        ScaleOutResult.Drain drain = result.drains().get(workers);
        return drain == null ? Double.NaN : drain.rate();
    }

    private void rate(StringBuilder out, String label, Function<ScaleOutResult, Measurement> value) {
        out.append("| ").append(label).append(" |");
        for (RoundResult round : rounds) {
            out.append(' ').append(Markdown.cell(round.scaleOut() == null ? null : value.apply(round.scaleOut()))).append(" |");
        }
        double median = median(r -> {
            Measurement m = value.apply(r);
            return m == null ? Double.NaN : m.perSecond();
        });
        out.append(Double.isNaN(median) ? " – |\n" : String.format(Locale.ROOT, " **%,.0f/s** |%n", median));
    }

    private void seconds(StringBuilder out, String label, Function<ScaleOutResult, Measurement> value) {
        out.append("| ").append(label).append(" |");
        for (RoundResult round : rounds) {
            out.append(' ').append(round.scaleOut() == null ? "–" : seconds(value.apply(round.scaleOut()))).append(" |");
        }
        out.append(" **").append(medianSeconds(value)).append("** |\n");
    }

    /** "12.3 s"; a wait that timed out: "† > 600.0 s"; not measured: "–". */
    static String seconds(Measurement m) {
        if (m == null) {
            return "–";
        }
        return m.complete() ? String.format(Locale.ROOT, "%.1f s", m.seconds())
                : String.format(Locale.ROOT, "%s > %.1f s", Markdown.INCOMPLETE, m.seconds());
    }

    /** The median of the waits that finished. */
    private String medianSeconds(Function<ScaleOutResult, Measurement> value) {
        double median = median(r -> {
            Measurement m = value.apply(r);
            return m == null || !m.complete() ? Double.NaN : m.seconds();
        });
        return Double.isNaN(median) ? "–" : String.format(Locale.ROOT, "%.1f s", median);
    }

    private void ratio(StringBuilder out) {
        out.append("| W. **2 workers ÷ 1 worker**, changes/s into all three sinks |");
        for (RoundResult round : rounds) {
            double ratio = round.scaleOut() == null ? Double.NaN : round.scaleOut().ratio();
            out.append(Double.isNaN(ratio) ? " – |" : String.format(Locale.ROOT, " %.2f× |", ratio));
        }
        double median = median(ScaleOutResult::ratio);
        out.append(Double.isNaN(median) ? " – |\n" : String.format(Locale.ROOT, " **%.2f×** |%n", median));
    }

    private void text(StringBuilder out, String label, Function<ScaleOutResult, String> value) {
        out.append("| ").append(label).append(" |");
        for (RoundResult round : rounds) {
            out.append(' ').append(round.scaleOut() == null ? "–" : value.apply(round.scaleOut())).append(" |");
        }
        out.append(" |\n");
    }

    private double median(ToDoubleFunction<ScaleOutResult> value) {
        return Markdown.median(results().stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray());
    }

    /** What did not drain or was not measured, in bold; then each configuration's processes. */
    private String notes() {
        return rounds.stream().filter(r -> r.scaleOut() != null).map(r -> {
            ScaleOutResult result = r.scaleOut();
            StringBuilder lines = new StringBuilder();
            result.drains().values().stream().filter(d -> d.failure() != null).forEach(d -> lines.append(String.format(Locale.ROOT,
                    "- Round %d, %d worker%s: **did not drain: %s**%n", r.round(), d.workers(), d.workers() == 1 ? "" : "s",
                    d.failure())));
            lines.append(String.format(Locale.ROOT, "- Round %d, worker failover: %s%n", r.round(), failover(result.worker())));
            lines.append(String.format(Locale.ROOT, "- Round %d, capture failover: %s%n", r.round(), failover(result.capture())));
            result.notes().forEach(note -> lines.append(String.format(Locale.ROOT, "- Round %d, %s%n", r.round(), note)));
            return lines.toString();
        }).collect(Collectors.joining());
    }

    private static String failover(ScaleOutResult.Failover failover) {
        return failover.measured() ? failover.note() : "**not measured**: " + failover.note();
    }
}
