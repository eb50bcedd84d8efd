package io.syncline.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The spine's CPU tables: per measured phase, µs of CPU per item that each stage spent (thread CPU
 * time, not wall time), per round and the median, with subtotals, the total, and how many cores
 * the phase kept busy. A stage that spent nothing in any round of a phase is left out of its table.
 */
final class CpuTable {
    /** The phases with a CPU table, and what one item is. */
    private static final Map<Metric, String> PHASES = phases();

    private final List<RoundResult> rounds;

    CpuTable(List<RoundResult> rounds) {
        this.rounds = List.copyOf(rounds);
    }

    private static Map<Metric, String> phases() {
        Map<Metric, String> phases = new LinkedHashMap<>();
        phases.put(Metric.A_SNAPSHOT, "A. Debezium alone: snapshot, µs per row");
        phases.put(Metric.A_STREAM, "A. Debezium alone: stream, µs per change");
        phases.put(Metric.B_ELASTICSEARCH, "B. raw Elasticsearch bulk, µs per document");
        phases.put(Metric.B_MONGODB, "B. raw MongoDB insertMany, µs per document");
        phases.put(Metric.B_CLICKHOUSE, "B. raw ClickHouse JDBC batch insert, µs per row");
        phases.put(Metric.C_SNAPSHOT_ALL, "C. Syncline snapshot into all three sinks, µs per row");
        phases.put(Metric.C_STREAM_ALL, "C. Syncline stream into all three sinks, µs per change");
        phases.put(Metric.S_CAPTURE_SNAPSHOT, "S. capture alone: snapshot, µs per row");
        phases.put(Metric.S_CAPTURE_STREAM, "S. capture alone: stream, µs per change");
        phases.put(Metric.S_VIEWS, "S. views alone over the capture's backlog, µs per record");
        phases.put(Metric.S_ELASTICSEARCH, "S. Elasticsearch sink alone over the view topic, µs per record");
        phases.put(Metric.S_MONGODB, "S. MongoDB sink alone over the view topic, µs per record");
        phases.put(Metric.S_CLICKHOUSE, "S. ClickHouse sink alone over the view topic, µs per record");
        phases.put(Metric.S_SINKS_TOGETHER, "S. all three sinks at once over the view topic, µs per record");
        phases.put(Metric.K_SNAPSHOT_MONGODB, "K. Debezium + Kafka Connect snapshot into MongoDB, µs per row");
        phases.put(Metric.K_STREAM_MONGODB, "K. Debezium + Kafka Connect stream into MongoDB, µs per change");
        return phases;
    }

    String markdown() {
        StringBuilder out = new StringBuilder("""
                ## CPU per item and stage

                µs of CPU time per item (thread CPU from the JVM, /proc for the JVM's native threads and the
                servers' processes), from the phase's start until every store held every item. The in-process
                Kafka broker and MongoDB endpoint are test infrastructure, shown apart from Syncline's stages.

                """);
        PHASES.forEach((metric, title) -> {
            if (rounds.stream().anyMatch(r -> r.cpu().containsKey(metric))) {
                out.append("### ").append(title).append("\n\n").append(table(metric)).append('\n');
            }
        });
        return out.toString();
    }

    private String table(Metric metric) {
        return table(rounds.stream().map(RoundResult::round).toList(), rounds.stream().map(r -> r.cpu().get(metric)).toList());
    }

    /**
     * One phase's table: {@code costs} per round (null where a round did not measure it), in the
     * order of {@code roundNumbers}. Also the joins' tables.
     */
    static String table(List<Integer> roundNumbers, List<CpuCost> costs) {
        StringBuilder out = new StringBuilder();
        Markdown.header(out, List.of("stage"), roundNumbers);
        for (CpuStage stage : CpuStage.values()) {
            boolean spent = costs.stream().filter(Objects::nonNull).anyMatch(cost -> cost.nanos().getOrDefault(stage, 0L) != 0);
            if (spent) {
                row(out, stage.label(), costs, cost -> cost.microsPerItem(stage), "%,.1f", false);
            }
        }
        row(out, "the pipeline's stages (capture, views, sinks, other)", costs, cost -> cost.microsPerItem(CpuStage.Group.SYNCLINE),
                "%,.1f", true);
        row(out, "test services in this JVM (broker, MongoDB endpoint)", costs,
                cost -> cost.microsPerItem(CpuStage.Group.TEST_SERVICES), "%,.1f", false);
        row(out, "servers as processes (PostgreSQL, Elasticsearch, ClickHouse)", costs,
                cost -> cost.microsPerItem(CpuStage.Group.PROCESSES), "%,.1f", false);
        row(out, "total", costs, CpuCost::totalMicrosPerItem, "%,.1f", true);
        row(out, "cores busy (all CPU / wall time)", costs, CpuCost::cores, "%.2f", false);
        return out.append(otherThreads(costs.get(costs.size() - 1))).toString();
    }

    private static void row(StringBuilder out, String label, List<CpuCost> costs, ToDoubleFunction<CpuCost> value, String format,
                            boolean bold) {
        out.append("| ").append(bold ? "**" + label + "**" : label).append(" |");
        for (CpuCost cost : costs) {
            out.append(cost == null ? " – |" : " " + String.format(Locale.ROOT, format, value.applyAsDouble(cost)) + " |");
        }
        double median = Markdown.median(costs.stream().filter(Objects::nonNull).mapToDouble(value).toArray());
        out.append(" **").append(String.format(Locale.ROOT, format, median)).append("** |\n");
    }

    /** The busiest threads no stage claimed in the last round, so that a new thread name gets a stage. */
    private static String otherThreads(CpuCost last) {
        if (last == null) {
            return "";
        }
        String busiest = last.otherThreads().entrySet().stream().filter(e -> e.getValue() >= 1_000_000)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(5)
                .map(e -> String.format(Locale.ROOT, "`%s` %,d ms", e.getKey(), e.getValue() / 1_000_000))
                .collect(Collectors.joining(", "));
        return busiest.isEmpty() ? "" : "\nOther JVM threads, busiest (last round): " + busiest + ".\n";
    }
}
