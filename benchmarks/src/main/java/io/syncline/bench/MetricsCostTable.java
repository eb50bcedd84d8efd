package io.syncline.bench;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What metrics cost ({@code --metrics-cost}): C with metrics (the HTTP endpoint on, {@code /metrics}
 * scraped every second) and without (no endpoint, no meters), both in every round, their rates into
 * all three sinks and the CPU of Syncline's stages, and the ratio of the two.
 */
final class MetricsCostTable {
    private final List<RoundResult> rounds;

    MetricsCostTable(List<RoundResult> rounds) {
        this.rounds = rounds.stream().filter(r -> r.metricsCost() != null).toList();
    }

    String markdown() {
        if (rounds.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("""
                ## What metrics cost

                C twice per round, on fresh tables with the same rows: **with** metrics (`http: {enabled: true,
                address: 127.0.0.1:0}`, `/metrics` GET every second by the harness, as Prometheus would) and
                **without** (`http: {enabled: false}`: no endpoint, no meters). Odd rounds run with metrics first,
                even rounds without. Ratios: with ÷ without (a rate below 1, or a CPU above 1, is what metrics cost).

                """);
        Markdown.header(out, List.of("measurement"), rounds.stream().map(RoundResult::round).toList());
        out.append("| first in the round |");
        rounds.forEach(r -> out.append(r.metricsCost().withFirst() ? " with |" : " without |"));
        out.append(" |\n");
        phase(out, "snapshot", "rows", Metric.C_SNAPSHOT_ALL);
        phase(out, "stream", "changes", Metric.C_STREAM_ALL);
        return out.toString();
    }

    private void phase(StringBuilder out, String phase, String unit, Metric metric) {
        for (boolean with : List.of(true, false)) {
            measurementRow(out, String.format(Locale.ROOT, "%s → all three sinks, %s metrics", phase, with ? "with" : "without"),
                    run(with).andThen(r -> r.measurements().get(metric)));
        }
        ratioRow(out, phase + ": rate, with ÷ without", r -> rate(r, true, metric) / rate(r, false, metric));
        for (boolean with : List.of(true, false)) {
            valueRow(out, String.format(Locale.ROOT, "%s: CPU of Syncline's stages, µs per %s, %s metrics", phase,
                    unit.substring(0, unit.length() - 1), with ? "with" : "without"), "%,.1f",
                    r -> cpu(r, with, metric).microsPerItem(CpuStage.Group.SYNCLINE));
        }
        ratioRow(out, phase + ": CPU of Syncline's stages, with ÷ without", r -> cpu(r, true, metric).microsPerItem(CpuStage.Group.SYNCLINE)
                / cpu(r, false, metric).microsPerItem(CpuStage.Group.SYNCLINE));
        ratioRow(out, phase + ": all CPU (servers included), with ÷ without", r -> cpu(r, true, metric).totalMicrosPerItem()
                / cpu(r, false, metric).totalMicrosPerItem());
    }

    private static Function<RoundResult, SynclineEndToEnd.Result> run(boolean with) {
        return r -> with ? r.metricsCost().with() : r.metricsCost().without();
    }

    private static double rate(RoundResult round, boolean with, Metric metric) {
        return run(with).apply(round).measurements().get(metric).perSecond();
    }

    private static CpuCost cpu(RoundResult round, boolean with, Metric metric) {
        return run(with).apply(round).cpu().get(metric);
    }

    private void measurementRow(StringBuilder out, String label, Function<RoundResult, Measurement> measurement) {
        out.append("| ").append(label).append(" |");
        rounds.forEach(r -> out.append(' ').append(Markdown.cell(measurement.apply(r))).append(" |"));
        double median = Markdown.median(rounds.stream().map(measurement).filter(Objects::nonNull)
                .mapToDouble(Measurement::perSecond).toArray());
        boolean incomplete = rounds.stream().map(measurement).anyMatch(m -> m != null && !m.complete());
        out.append(String.format(Locale.ROOT, " **%,.0f/s**%s |%n", median, incomplete ? " " + Markdown.INCOMPLETE : ""));
    }

    private void ratioRow(StringBuilder out, String label, ToDoubleFunction<RoundResult> ratio) {
        valueRow(out, "**" + label + "**", "%.3f", ratio);
    }

    private void valueRow(StringBuilder out, String label, String format, ToDoubleFunction<RoundResult> value) {
        out.append("| ").append(label).append(" |");
        double[] values = rounds.stream().mapToDouble(value).toArray();
        for (double v : values) {
            out.append(' ').append(String.format(Locale.ROOT, format, v)).append(" |");
        }
        out.append(" **").append(String.format(Locale.ROOT, format, Markdown.median(values))).append("** |\n");
    }
}
