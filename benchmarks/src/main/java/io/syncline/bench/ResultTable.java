package io.syncline.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The results as markdown: one column per round and the median over rounds. */
final class ResultTable {
    private static final List<Metric> SNAPSHOT_SINKS =
            List.of(Metric.C_SNAPSHOT_ELASTICSEARCH, Metric.C_SNAPSHOT_MONGODB, Metric.C_SNAPSHOT_CLICKHOUSE);
    private static final List<Metric> STREAM_SINKS =
            List.of(Metric.C_STREAM_ELASTICSEARCH, Metric.C_STREAM_MONGODB, Metric.C_STREAM_CLICKHOUSE);
    private static final List<Metric> BACKFILL_SINKS =
            List.of(Metric.D_BACKFILL_ELASTICSEARCH, Metric.D_BACKFILL_MONGODB, Metric.D_BACKFILL_CLICKHOUSE);
    private static final List<Metric> VERIFY_SINKS =
            List.of(Metric.E_VERIFY_ELASTICSEARCH, Metric.E_VERIFY_MONGODB, Metric.E_VERIFY_CLICKHOUSE);
    private static final List<Metric> STAGE_METRICS = List.of(Metric.S_CAPTURE_SNAPSHOT, Metric.S_CAPTURE_STREAM,
            Metric.S_VIEWS, Metric.S_ELASTICSEARCH, Metric.S_MONGODB, Metric.S_CLICKHOUSE, Metric.S_SINKS_TOGETHER);
    /** Why K measures MongoDB only: the other stores' Kafka Connect sinks are not in a registry this harness resolves from. */
    static final String NOT_ON_KAFKA_CONNECT = "Not measured on Kafka Connect: ClickHouse (ClickHouse's sink connector, "
            + "com.clickhouse.kafka:clickhouse-kafka-connect, ships through GitHub releases and Confluent Hub, not Maven "
            + "Central) and Elasticsearch (Confluent's sink connector is only in Confluent's own Maven repository).";
    private final BenchmarkOptions options;
    private final List<RoundResult> rounds;

    ResultTable(BenchmarkOptions options, List<RoundResult> rounds) {
        this.options = options;
        this.rounds = List.copyOf(rounds);
    }

    String markdown(Setup setup) {
        return "# Syncline spine benchmark\n\n" + throughput() + "\n" + section(new LatencyTable(options.latency(), rounds).markdown())
                + section(new BacklogTable(rounds).markdown()) + section(new ScaleOutTable(rounds).markdown()) + heap() + "\n" + summary() + "\n"
                + new CpuTable(rounds).markdown() + "\n" + metricsCost() + setup.markdown(options) + "\n" + statuses();
    }

    private static String section(String table) {
        return table.isEmpty() ? "" : table + "\n";
    }

    private String metricsCost() {
        String table = new MetricsCostTable(rounds).markdown();
        return table.isEmpty() ? "" : table + "\n";
    }

    private String throughput() {
        StringBuilder out = new StringBuilder("Each cell: items per second (seconds taken). Median: of the rates.\n\n");
        Markdown.header(out, List.of("measurement", "items"), roundNumbers());
        boolean anyIncomplete = false;
        for (Metric metric : Metric.values()) {
            List<Measurement> measured = rounds.stream().map(r -> r.measurements().get(metric)).filter(Objects::nonNull).toList();
            long target = measured.stream().filter(Measurement::complete).mapToLong(Measurement::count).findFirst()
                    .orElse(metric.unit().equals("changes") ? options.changes() : options.rows());
            out.append("| ").append(metric.label()).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d %s", target, metric.unit())).append(" |");
            for (RoundResult round : rounds) {
                out.append(' ').append(Markdown.cell(round.measurements().get(metric))).append(" |");
            }
            boolean incomplete = measured.stream().anyMatch(m -> !m.complete());
            anyIncomplete |= incomplete;
            if (measured.isEmpty()) {
                out.append(" – |\n");
                continue;
            }
            out.append(String.format(Locale.ROOT, " **%,.0f/s**%s |%n", median(metric), incomplete ? " " + Markdown.INCOMPLETE : ""));
        }
        if (anyIncomplete) {
            out.append(String.format(Locale.ROOT, "%n%s did not finish within the timeout (%d s): the rate of what had "
                    + "arrived by then, a lower bound.%n", Markdown.INCOMPLETE, options.timeout().toSeconds()));
        }
        List<String> failures = rounds.stream().flatMap(r -> r.verifyFailures().stream().map(f -> "round " + r.round() + ": " + f))
                .toList();
        if (!failures.isEmpty()) {
            out.append("\n**E: verify --deep did not answer equal** (such a check is not timed; its cell is –):\n\n");
            failures.forEach(f -> out.append("- ").append(f).append('\n'));
        }
        return out.toString();
    }

    private String heap() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Peak heap used, MB (whole JVM: in-process Kafka and MongoDB included; max heap %,d MB):%n%n",
                HeapSampler.maxMb()));
        Markdown.header(out, List.of("phase"), roundNumbers());
        for (Phase phase : Phase.values()) {
            out.append("| ").append(phase.label()).append(" |");
            for (RoundResult round : rounds) {
                Long peak = round.heapPeakMb().get(phase);
                out.append(peak == null ? " – |" : String.format(Locale.ROOT, " %,d |", peak));
            }
            double[] peaks = rounds.stream().map(r -> r.heapPeakMb().get(phase)).filter(Objects::nonNull)
                    .mapToDouble(Long::doubleValue).toArray();
            out.append(peaks.length == 0 ? " – |\n" : String.format(Locale.ROOT, " **%,.0f** |%n", Markdown.median(peaks)));
        }
        return out.toString();
    }

    private String summary() {
        return "Medians:\n\n- " + phaseSummary("snapshot", "rows", Metric.C_SNAPSHOT_ALL, Metric.A_SNAPSHOT, SNAPSHOT_SINKS)
                + String.format(Locale.ROOT, ", and %.0f%% of the slowest raw sink write (%,.0f rows/s)",
                percent(Metric.C_SNAPSHOT_ALL, slowestRawSink()), slowestRawSink())
                + ".\n- " + phaseSummary("stream", "changes", Metric.C_STREAM_ALL, Metric.A_STREAM, STREAM_SINKS)
                + ".\n" + stagesSummary()
                + "- " + kafkaConnectSummary()
                + "\n- " + backfillSummary() + ".\n" + verifySummary() + new LatencyTable(options.latency(), rounds).summary()
                + new BacklogTable(rounds).summary() + new ScaleOutTable(rounds).summary();
    }

    /**
     * S against its baselines, as issue 13's goals put them: the capture against Debezium alone (goal 1:
     * ≥ 0.8×), the views against the capture's snapshot rate (goal 2: ≥ 0.9×), each sink against its raw
     * driver write (goal 3: ≥ 0.7×).
     */
    private String stagesSummary() {
        if (rounds.stream().noneMatch(r -> r.measurements().containsKey(Metric.S_VIEWS))) {
            return "";
        }
        return String.format(Locale.ROOT, "- Each stage alone (S): the capture snapshots at %,.0f rows/s, %.2f× Debezium alone, "
                        + "and streams at %,.0f changes/s, %.2f× (goal 1: ≥ 0.8×); the views turn the backlog into documents "
                        + "at %,.0f records/s, %.2f× the capture's snapshot (goal 2: ≥ 0.9×); the sinks write the view topic at: "
                        + "Elasticsearch %,.0f records/s, %.2f× its raw bulk; MongoDB %,.0f, %.2f× insertMany; ClickHouse %,.0f, "
                        + "%.2f× its JDBC batch (goal 3: ≥ 0.7×); all three at once at %,.0f records/s, %.2f× the slowest "
                        + "raw write, %.2f× the slowest sink alone (goal 3: limited only by the slowest store) and %.2f× the "
                        + "three alone one after another (%,.0f records/s: on a machine they share, the sum of their costs "
                        + "is the bound).%s",
                median(Metric.S_CAPTURE_SNAPSHOT), ratio(Metric.S_CAPTURE_SNAPSHOT, Metric.A_SNAPSHOT),
                median(Metric.S_CAPTURE_STREAM), ratio(Metric.S_CAPTURE_STREAM, Metric.A_STREAM),
                median(Metric.S_VIEWS), ratio(Metric.S_VIEWS, Metric.S_CAPTURE_SNAPSHOT),
                median(Metric.S_ELASTICSEARCH), ratio(Metric.S_ELASTICSEARCH, Metric.B_ELASTICSEARCH),
                median(Metric.S_MONGODB), ratio(Metric.S_MONGODB, Metric.B_MONGODB),
                median(Metric.S_CLICKHOUSE), ratio(Metric.S_CLICKHOUSE, Metric.B_CLICKHOUSE),
                median(Metric.S_SINKS_TOGETHER), median(Metric.S_SINKS_TOGETHER) / slowestRawSink(),
                median(Metric.S_SINKS_TOGETHER) / Math.min(median(Metric.S_ELASTICSEARCH),
                        Math.min(median(Metric.S_MONGODB), median(Metric.S_CLICKHOUSE))),
                median(Metric.S_SINKS_TOGETHER) / sinksOneAfterAnother(), sinksOneAfterAnother(),
                STAGE_METRICS.stream().allMatch(this::isComplete) ? ""
                        : " (a stage did not finish within the timeout: its ratio is a bound)") + "\n";
    }

    /** The rate of the three sinks alone run one after another over the same records: 1 / Σ (1 / rate). */
    private double sinksOneAfterAnother() {
        return 1 / (1 / median(Metric.S_ELASTICSEARCH) + 1 / median(Metric.S_MONGODB) + 1 / median(Metric.S_CLICKHOUSE));
    }

    private double ratio(Metric metric, Metric baseline) {
        return median(metric) / median(baseline);
    }

    /** Syncline into MongoDB against Debezium + Kafka Connect with MongoDB's sink connector, and what K leaves out. */
    private String kafkaConnectSummary() {
        return String.format(Locale.ROOT, "Into MongoDB, Syncline's snapshot goes at %,.0f docs/s and Debezium + Kafka Connect's "
                        + "(mongo-kafka sink) at %,.0f docs/s: Syncline %.2f×%s; the stream at %,.0f and %,.0f changes/s: "
                        + "Syncline %.2f×%s. %s",
                median(Metric.C_SNAPSHOT_MONGODB), median(Metric.K_SNAPSHOT_MONGODB),
                median(Metric.C_SNAPSHOT_MONGODB) / median(Metric.K_SNAPSHOT_MONGODB),
                bothComplete(Metric.C_SNAPSHOT_MONGODB, Metric.K_SNAPSHOT_MONGODB),
                median(Metric.C_STREAM_MONGODB), median(Metric.K_STREAM_MONGODB),
                median(Metric.C_STREAM_MONGODB) / median(Metric.K_STREAM_MONGODB),
                bothComplete(Metric.C_STREAM_MONGODB, Metric.K_STREAM_MONGODB), NOT_ON_KAFKA_CONNECT);
    }

    private String bothComplete(Metric syncline, Metric connect) {
        return isComplete(syncline) && isComplete(connect) ? "" : " (one did not finish within the timeout: a bound, not a ratio)";
    }

    /** How fast verify --deep checks the backfilled view in each sink, and how much of that is the view topic's read. */
    private String verifySummary() {
        List<Metric> measured = VERIFY_SINKS.stream().filter(m -> rounds.stream().anyMatch(r -> r.measurements().containsKey(m)))
                .toList();
        if (measured.isEmpty()) {
            return "";
        }
        String sinks = measured.stream().map(m -> String.format(Locale.ROOT, "%s %,.0f docs/s", sinkName(m), median(m)))
                .collect(Collectors.joining(", "));
        String topic = rounds.stream().anyMatch(r -> r.measurements().containsKey(Metric.E_VERIFY_VIEW_TOPIC))
                ? String.format(Locale.ROOT, "; reading the view topic alone (the expected side) goes at %,.0f docs/s",
                median(Metric.E_VERIFY_VIEW_TOPIC))
                : "";
        return "- verify --deep checks every backfilled document (view topic, catch-up, sink read and comparison) at: "
                + sinks + topic + ".\n";
    }

    /**
     * The backfill next to the initial snapshot of as many rows in the same rounds: the capture's
     * rate (signal to COMPLETED) and all three sinks' against Debezium alone, then all three sinks'
     * against Syncline's own snapshot.
     */
    private String backfillSummary() {
        double debezium = median(Metric.A_SNAPSHOT);
        double snapshot = median(Metric.C_SNAPSHOT_ALL);
        return String.format(Locale.ROOT, "The capture reads the backfill at %,.0f rows/s (signal to COMPLETED), %.0f%% of "
                        + "Debezium alone's snapshot (%,.0f rows/s)%s. ", median(Metric.D_BACKFILL_CAPTURE),
                percent(Metric.D_BACKFILL_CAPTURE, debezium), debezium,
                isComplete(Metric.D_BACKFILL_CAPTURE) ? "" : " (not completed within the timeout in every round)")
                + phaseSummary("backfill", "rows", Metric.D_BACKFILL_ALL, Metric.A_SNAPSHOT, BACKFILL_SINKS)
                + String.format(Locale.ROOT, "; that is %.0f%% of Syncline's snapshot into all three sinks (%,.0f rows/s)",
                percent(Metric.D_BACKFILL_ALL, snapshot), snapshot);
    }

    /**
     * "The snapshot reaches all three sinks at ..., x% of Debezium alone"; when a sink did not
     * finish, also the slowest sink that did, since the figure for all three is only a lower bound.
     */
    private String phaseSummary(String phase, String unit, Metric all, Metric debezium, List<Metric> sinks) {
        double baseline = median(debezium);
        String text = String.format(Locale.ROOT, "The %s reaches all three sinks at %,.0f %s/s, %.0f%% of Debezium alone "
                + "(%,.0f %s/s)", phase, median(all), unit, percent(all, baseline), baseline, unit);
        if (isComplete(all)) {
            return text;
        }
        List<Metric> finished = sinks.stream().filter(this::isComplete).toList();
        String unfinished = sinks.stream().filter(m -> !isComplete(m)).map(ResultTable::sinkName)
                .collect(Collectors.joining(", "));
        if (finished.isEmpty()) {
            return text + " (a lower bound: no sink finished within the timeout)";
        }
        Metric slowest = finished.stream().min(Comparator.comparingDouble(this::median)).orElseThrow();
        return text + String.format(Locale.ROOT, " (a lower bound: %s did not finish within the timeout; the slowest sink "
                        + "that did, %s, at %,.0f %s/s, %.0f%% of Debezium alone)", unfinished, sinkName(slowest),
                median(slowest), unit, percent(slowest, baseline));
    }

    private boolean isComplete(Metric metric) {
        return rounds.stream().map(r -> r.measurements().get(metric)).allMatch(m -> m != null && m.complete());
    }

    /** The store's name: the label's last word ("C. Syncline stream → MongoDB" → "MongoDB"). */
    private static String sinkName(Metric metric) {
        return metric.label().substring(metric.label().lastIndexOf(' ') + 1);
    }

    private String statuses() {
        StringBuilder out = new StringBuilder("## Syncline's own counters at the end of each round\n\n");
        for (RoundResult round : rounds) {
            out.append("- Round ").append(round.round()).append(round.metricsCost() == null ? ": " : ", with metrics: ")
                    .append(round.synclineStatus()).append('\n');
            out.append("- Round ").append(round.round()).append(", K. Kafka Connect: ").append(round.connectStatus()).append('\n');
            if (round.metricsCost() != null) {
                out.append("- Round ").append(round.round()).append(", without metrics: ")
                        .append(round.metricsCost().without().status()).append('\n');
            }
            out.append("- Round ").append(round.round()).append(", backfill: ").append(round.backfillStatus()).append('\n');
            out.append("- Round ").append(round.round()).append(", E. ").append(round.verifyStatus()).append('\n');
        }
        return out.toString();
    }

    private double slowestRawSink() {
        return Math.min(median(Metric.B_ELASTICSEARCH), Math.min(median(Metric.B_MONGODB), median(Metric.B_CLICKHOUSE)));
    }

    private double percent(Metric metric, double baseline) {
        return 100 * median(metric) / baseline;
    }

    private double median(Metric metric) {
        ToDoubleFunction<RoundResult> rate = r -> r.measurements().get(metric).perSecond();
        return Markdown.median(rounds.stream().filter(r -> r.measurements().containsKey(metric)).mapToDouble(rate).toArray());
    }

    private List<Integer> roundNumbers() {
        return rounds.stream().map(RoundResult::round).toList();
    }
}
