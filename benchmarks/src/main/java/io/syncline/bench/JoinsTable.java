package io.syncline.bench;

import io.syncline.bench.BenchmarkOptions.JoinsOptions;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** The joined-views measurement as markdown: rates per phase and stage, state store sizes, each round and the median. */
final class JoinsTable {
    private static final double MIB = 1024 * 1024;
    /**
     * Goal 2 of issue 13 for joined views: their rate in source rows at least half the capture's, so the
     * ratio is the capture's time over the views' (0.5×: they took at most twice as long). In J1 to J3
     * both run together from the phase's start; in J4 and J5 one after the other, each timed on its own.
     */
    static final double JOINED_VIEWS_GOAL = 0.5;

    private final BenchmarkOptions options;
    private final List<JoinsRoundResult> rounds;

    JoinsTable(BenchmarkOptions options, List<JoinsRoundResult> rounds) {
        this.options = options;
        this.rounds = List.copyOf(rounds);
    }

    String markdown(Setup setup) {
        return "# Syncline joined-views benchmark\n\n" + wrongDocuments() + throughput() + "\n" + cpu() + "\n" + writes() + "\n" + stores()
                + "\n" + summary()
                + "\n" + setup(setup) + "\n" + counters();
    }

    /** J4's and J5's views that stood still with documents that are not the source's: first, as they matter most. */
    private String wrongDocuments() {
        StringBuilder out = new StringBuilder();
        for (JoinsRoundResult round : rounds) {
            round.wrongDocuments().forEach(wrong -> out.append("- **Wrong documents**, round ").append(round.round())
                    .append(", ").append(wrong).append('\n'));
        }
        return out.isEmpty() ? "" : out.append('\n').toString();
    }

    /** Per phase, the CPU each stage spent per source row (J1) or source change, as the spine's CPU tables. */
    private String cpu() {
        StringBuilder out = new StringBuilder("""
                ## CPU per source change and stage

                µs of CPU time per source row (J1) or source change (the others), from the phase's start until
                every sink was done, whatever the fan-out into documents (the table above gives it): thread CPU
                from the JVM, /proc for native threads and the servers. The views' row against the capture's
                row is the joined views' cost per source change.

                """);
        for (JoinPhase phase : JoinPhase.values()) {
            List<CpuCost> costs = rounds.stream().map(r -> r.phase(phase)).map(p -> p == null ? null : p.cpu()).toList();
            if (costs.stream().anyMatch(Objects::nonNull)) {
                out.append("### ").append(phase.label()).append(phase.readsRows() ? ", µs per source row"
                        : ", µs per source change").append("\n\n").append(CpuTable.table(roundNumbers(), costs)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The records the view stage wrote to Kafka per source row (J1) or change: per phase and round, then
     * per topic (medians), so that the Kafka hops of each join show.
     */
    private String writes() {
        List<JoinPhase> phases = List.of(JoinPhase.values()).stream()
                .filter(phase -> rounds.stream().allMatch(r -> r.phase(phase) != null))
                .toList();
        if (phases.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("""
                ## Kafka records the view stage wrote, per source row or change

                Counted by the view stage's producers themselves (`producer-topic-metrics`: `record-send-total`
                less `record-retry-total`, summed over its stream threads), from the phase's start until its
                documents counter settled: every record written to a changelog, a repartition or join topic, a
                view topic or the dead letters. Transaction markers are not counted. Each record is a write on the broker; those to repartition
                and join topics are read back by the stage.

                """);
        Markdown.header(out, List.of("phase"), roundNumbers());
        for (JoinPhase phase : phases) {
            out.append("| ").append(phase.label()).append(", per source ").append(sourceUnit(phase, true)).append(" |");
            rounds.forEach(r -> out.append(String.format(Locale.ROOT, " %.1f |", writesPerChange(r, phase, null))));
            out.append(String.format(Locale.ROOT, " **%.1f** |%n", medianOf(r -> writesPerChange(r, phase, null))));
        }
        out.append("\nPer topic (medians; `<prefix>` is the pipeline's topic prefix, internal topics without the "
                + "application id):\n\n| topic |");
        phases.forEach(phase -> out.append(' ').append(phase.label(), 0, phase.label().indexOf('.')).append(" |"));
        out.append("\n| --- |").append(" ---: |".repeat(phases.size())).append('\n');
        SortedSet<String> topics = new TreeSet<>();
        rounds.forEach(r -> phases.forEach(phase -> topics.addAll(r.phase(phase).viewWrites().keySet())));
        for (String topic : topics) {
            out.append("| `").append(topic).append("` |");
            phases.forEach(phase -> out.append(String.format(Locale.ROOT, " %.2f |",
                    medianOf(r -> writesPerChange(r, phase, topic)))));
            out.append('\n');
        }
        return out.toString();
    }

    /** Records the view stage wrote in {@code phase} to {@code topic} (null: all topics), per source row or change. */
    private static double writesPerChange(JoinsRoundResult round, JoinPhase phase, String topic) {
        JoinsRoundResult.Phase measured = round.phase(phase);
        long records = topic == null ? measured.viewWrites().values().stream().mapToLong(Long::longValue).sum()
                : measured.viewWrites().getOrDefault(topic, 0L);
        return (double) records / measured.plan().capture().reported();
    }

    private String throughput() {
        StringBuilder out = new StringBuilder("""
                Each cell: items per second (seconds taken); view rows also give the documents produced. \
                Median: of the rates.

                """);
        Markdown.header(out, List.of("measurement", "items"), roundNumbers());
        boolean anyIncomplete = false;
        for (JoinPhase phase : JoinPhase.values()) {
            for (JoinStage stage : JoinStage.values()) {
                List<Measurement> measured = rounds.stream().map(r -> measurement(r, phase, stage)).filter(Objects::nonNull)
                        .toList();
                if (measured.isEmpty()) {
                    continue;
                }
                out.append("| ").append(phase.label()).append(": ").append(stage.label()).append(" | ")
                        .append(items(phase, stage)).append(" |");
                for (JoinsRoundResult round : rounds) {
                    out.append(' ').append(cell(stage, measurement(round, phase, stage))).append(" |");
                }
                boolean incomplete = measured.stream().anyMatch(m -> !m.complete());
                anyIncomplete |= incomplete;
                out.append(String.format(Locale.ROOT, " **%,.0f/s**%s |%n", median(phase, stage),
                        incomplete ? " " + Markdown.INCOMPLETE : ""));
            }
        }
        if (anyIncomplete) {
            out.append(String.format(Locale.ROOT, "%n%s did not finish within the timeout (%d s): the rate of what had "
                    + "arrived by then, a lower bound; for the views, their counter still moved.%n", Markdown.INCOMPLETE,
                    options.timeout().toSeconds()));
        }
        return out.toString();
    }

    /** What a row counts, from the first round (the data and the bursts are the same in every round). */
    private String items(JoinPhase phase, JoinStage stage) {
        PhasePlan plan = rounds.get(0).phase(phase).plan();
        return switch (stage) {
            case CAPTURE -> plan.capture().units() == plan.capture().reported()
                    ? String.format(Locale.ROOT, "%,d %s", plan.capture().reported(), sourceUnit(phase))
                    : String.format(Locale.ROOT, "%,d changes (%,d records)", plan.capture().reported(), plan.capture().units());
            case VIEWS -> "documents produced (in each cell)";
            case ELASTICSEARCH, MONGODB -> String.format(Locale.ROOT, "%,d docs", plan.orders().reported());
            case CLICKHOUSE -> String.format(Locale.ROOT, "%,d rows", plan.facts().reported());
            case ALL_SINKS -> String.format(Locale.ROOT, "%,d docs", plan.documents());
        };
    }

    private static String cell(JoinStage stage, Measurement m) {
        if (stage != JoinStage.VIEWS || m == null) {
            return Markdown.cell(m);
        }
        if (m.count() == 0) {
            return "none";
        }
        String cell = String.format(Locale.ROOT, "%,.0f/s (%.2f s; %,d)", m.perSecond(), m.seconds(), m.count());
        return m.complete() ? cell : cell + " " + Markdown.INCOMPLETE;
    }

    private String stores() {
        StringBuilder out = new StringBuilder("""
                Kafka Streams state stores on disk, MiB (the files of `<task>/rocksdb/<store>`, summed over the \
                tasks), after the last phase with the pipeline closed:

                """);
        Markdown.header(out, List.of("state store"), roundNumbers());
        SortedSet<String> names = new TreeSet<>();
        rounds.forEach(r -> names.addAll(r.stores().keySet()));
        for (String name : names) {
            storeRow(out, "`" + name + "`", r -> r.stores().getOrDefault(name, 0L));
        }
        storeRow(out, "**total**", r -> StateStoreSizes.total(r.stores()));
        storeRow(out, "total of the data files (`*.sst`)", r -> StateStoreSizes.total(r.storeData()));
        return out.toString();
    }

    private void storeRow(StringBuilder out, String label, ToDoubleFunction<JoinsRoundResult> bytes) {
        out.append("| ").append(label).append(" |");
        rounds.forEach(r -> out.append(String.format(Locale.ROOT, " %,.2f |", bytes.applyAsDouble(r) / MIB)));
        out.append(String.format(Locale.ROOT, " **%,.2f** |%n",
                Markdown.median(rounds.stream().mapToDouble(bytes).toArray()) / MIB));
    }

    /** Per change phase: what the sources changed, and how fast the views and the sinks rewrote the documents. */
    private String summary() {
        StringBuilder out = new StringBuilder("Medians:\n\n");
        for (JoinPhase phase : JoinPhase.values()) {
            if (phase == JoinPhase.SNAPSHOT_ALONE) {
                out.append(aloneSummary());
                continue;
            }
            if (phase == JoinPhase.JOIN_PROCESSOR_FLOOR) {
                out.append(floorSummary());
                continue;
            }
            PhasePlan plan = rounds.get(0).phase(phase).plan();
            double sinksSeconds = medianOf(r -> measurement(r, phase, JoinStage.ALL_SINKS).seconds());
            out.append(String.format(Locale.ROOT, "- %s: %,d source %s → %,d documents to change. The views produced "
                            + "%,.0f documents/s (%,.0f documents, the first after %.2f s, the last after %.2f s; %,.0f/s "
                            + "from the first to the last); all sinks held the final state after %.2f s: %,.0f documents/s, "
                            + "%,.0f source %s/s end to end",
                    phase.label(), plan.capture().reported(), sourceUnit(phase),
                    plan.documents(), median(phase, JoinStage.VIEWS),
                    medianOf(r -> measurement(r, phase, JoinStage.VIEWS).count()),
                    medianOf(r -> r.phase(phase).firstDocumentSeconds()),
                    medianOf(r -> measurement(r, phase, JoinStage.VIEWS).seconds()),
                    medianOf(r -> measurement(r, phase, JoinStage.VIEWS).count()
                            / (measurement(r, phase, JoinStage.VIEWS).seconds() - r.phase(phase).firstDocumentSeconds())),
                    sinksSeconds, median(phase, JoinStage.ALL_SINKS), plan.capture().reported() / sinksSeconds,
                    sourceUnit(phase)));
            boolean complete = rounds.stream().allMatch(r -> measurement(r, phase, JoinStage.ALL_SINKS).complete());
            out.append(complete ? "." : " (a lower bound: not every sink finished within the timeout).");
            double paces = medianOf(r -> pace(r, phase));
            out.append(String.format(Locale.ROOT, " The views went at %.2f× the capture's pace in source %s (the capture "
                            + "done after %.2f s, the views after %.2f s; goal 2 for joined views: ≥ %.1f×: %s).%n",
                    paces, sourceUnit(phase), medianOf(r -> measurement(r, phase, JoinStage.CAPTURE).seconds()),
                    medianOf(r -> measurement(r, phase, JoinStage.VIEWS).seconds()), JOINED_VIEWS_GOAL,
                    paces >= JOINED_VIEWS_GOAL ? "met" : "**missed**"));
        }
        return out.toString();
    }

    /**
     * J4: goal 2 for joined views as S measures it for per-table views, each stage with the machine to
     * itself; the views from the first change they read (their start's second rebalance is in it) and,
     * as an upper bound, from their first document (the joins' first round trips are not).
     */
    private String aloneSummary() {
        JoinPhase phase = JoinPhase.SNAPSHOT_ALONE;
        long rows = rounds.get(0).phase(phase).plan().capture().reported();
        double paces = medianOf(r -> pace(r, phase));
        double fromFirstDocument = medianOf(r -> measurement(r, phase, JoinStage.CAPTURE).seconds()
                / (measurement(r, phase, JoinStage.VIEWS).seconds() - r.phase(phase).firstDocumentSeconds()));
        boolean complete = rounds.stream().allMatch(r -> measurement(r, phase, JoinStage.VIEWS).complete());
        return String.format(Locale.ROOT, "- %s: the capture alone had Kafka acknowledge %,d source rows %.2f s after "
                        + "its start (%,.0f rows/s). The views alone, over that backlog, produced %,.0f documents, the "
                        + "first %.2f s and the last %.2f s after the first change they read: %,.0f source rows/s, "
                        + "%.2f× the capture's pace (goal 2 for joined views, measured as S measures it for per-table "
                        + "views: ≥ %.1f×: %s)%s. From their first document to their last: %.2f×.%n",
                phase.label(), rows, medianOf(r -> measurement(r, phase, JoinStage.CAPTURE).seconds()),
                median(phase, JoinStage.CAPTURE), medianOf(r -> measurement(r, phase, JoinStage.VIEWS).count()),
                medianOf(r -> r.phase(phase).firstDocumentSeconds()),
                medianOf(r -> measurement(r, phase, JoinStage.VIEWS).seconds()),
                medianOf(r -> rows / measurement(r, phase, JoinStage.VIEWS).seconds()),
                paces, JOINED_VIEWS_GOAL, paces >= JOINED_VIEWS_GOAL ? "met" : "**missed**",
                complete ? "" : " (a lower bound: the views were not done within the timeout)", fromFirstDocument);
    }

    /** J5: the raw baseline's pace against the same capture, and its records per source row. */
    private String floorSummary() {
        JoinPhase phase = JoinPhase.JOIN_PROCESSOR_FLOOR;
        if (rounds.stream().anyMatch(r -> r.phase(phase) == null)) {
            return "";
        }
        long rows = rounds.get(0).phase(phase).plan().capture().reported();
        double paces = medianOf(r -> pace(r, phase));
        return String.format(Locale.ROOT, "- %s: over J4's backlog, %,.0f documents, the first %.2f s and the last "
                        + "%.2f s after the first change it read: %,.0f source rows/s, %.2f× J4's capture alone, writing "
                        + "%.1f Kafka records per source row: the pace a join processor of our own could start from "
                        + "(J4's views: %.2f×)%s.%n",
                phase.label(), medianOf(r -> measurement(r, phase, JoinStage.VIEWS).count()),
                medianOf(r -> r.phase(phase).firstDocumentSeconds()),
                medianOf(r -> measurement(r, phase, JoinStage.VIEWS).seconds()),
                medianOf(r -> rows / measurement(r, phase, JoinStage.VIEWS).seconds()), paces,
                medianOf(r -> writesPerChange(r, phase, null)), medianOf(r -> pace(r, JoinPhase.SNAPSHOT_ALONE)),
                rounds.stream().allMatch(r -> measurement(r, phase, JoinStage.VIEWS).complete()) ? ""
                        : " (a lower bound: not done within the timeout)");
    }

    private String setup(Setup setup) {
        JoinsOptions joins = options.joins();
        return String.format(Locale.ROOT, """
                ## Setup

                - Started %s. Rounds: %s. Data: the shop example (connectors-config/examples/shop-schema.sql,
                  shop-data.sql) with %,d customers, %,d products, %,d orders (1 to 5 items each).
                """, setup.startedAt(), options.roundsDescription(), joins.customers(), joins.products(), joins.orders())
                + setup.machine() + String.format(Locale.ROOT, """
                - Pipeline: the views `orders` and `order_items` of connectors-config/examples/shop.yaml, unchanged;
                  `orders` to Elasticsearch and MongoDB, `order_items` to ClickHouse; Kafka from the test kit, 3
                  partitions; sink batching Elasticsearch %s, MongoDB %s, ClickHouse %s; the Elasticsearch sink's
                  refresh interval: %s.
                - J1 is timed from `PipelineRuntime.start`, every other phase from the commit of its one statement:
                  J2a renames the first %,d customers (by id), J2b the first %,d products (their TOASTed descriptions
                  unchanged), J3a inserts one item (quantity %d) into each of the first %,d orders, J3b deletes those.
                - A sink is done when its store shows the phase's final state: J1, every order with its customer and
                  every item with its product (Elasticsearch `_count` and a `nested` aggregation after `_refresh`;
                  MongoDB counted from each document; ClickHouse `count() ... FINAL` of facts with order and product
                  fields); later phases, every changed document with its marker (renamed names, quantity %d, or
                  that quantity gone). Stores are counted every %d ms, the capture's counter every 20 ms.
                - The views are done at the last step of their documents counter (documents plus deletes written to
                  both view topics), followed every 20 ms and read once every sink was done and the counter then
                  stood still for %d s. A joined document is produced again whenever one of its rows arrives after
                  it was first built, so the views produce more documents than the sinks must hold. Timeout per
                  phase: %d s.
                - J4, after J3b, in a fresh pipeline over the same data (`JoinedStagesAlone`): the capture alone
                  (`--role capture`) from its start until Kafka acknowledged every row, then the view stage alone
                  (`--role views`) over that backlog, from the first change it read to its last document, as S
                  times the per-table views from their first record. With no sink, the views are done when their counter stood still for %d s and
                  their view topics, read to the end as a sink reads them, hold J1's final state; J4's CPU is the
                  two stages' together, from the capture's start until then.
                """, BenchPipeline.ELASTICSEARCH_BATCH.yaml(), BenchPipeline.MONGODB_BATCH.yaml(),
                BenchPipeline.CLICKHOUSE_BATCH.yaml(), Setup.elasticsearchRefreshInterval(options), joins.renamedCustomers(), joins.renamedProducts(),
                ShopDatabase.MARKED_QUANTITY, joins.itemChanges(), ShopDatabase.MARKED_QUANTITY,
                options.storePoll().toMillis(), JoinedViewsRound.QUIET.toSeconds(), options.timeout().toSeconds(),
                JoinedViewsRound.QUIET.toSeconds());
    }

    private String counters() {
        StringBuilder out = new StringBuilder("## Syncline's own counters at the end of each round\n\n");
        for (JoinsRoundResult round : rounds) {
            out.append(String.format(Locale.ROOT, "- Round %d (peak heap %,d MB, whole JVM; 1-minute load average %.2f at "
                    + "its end): %s%n", round.round(), round.heapPeakMb(), round.loadAtEnd(), round.synclineStatus()));
        }
        return out.toString();
    }

    /** The snapshot reads rows; the other phases change them. */
    private static String sourceUnit(JoinPhase phase) {
        return sourceUnit(phase, false);
    }

    private static String sourceUnit(JoinPhase phase, boolean singular) {
        String unit = phase.readsRows() ? "row" : "change";
        return singular ? unit : unit + "s";
    }

    /** The capture's time over the views': their pace in source rows or changes against the capture's (0: no views). */
    private static double pace(JoinsRoundResult round, JoinPhase phase) {
        double views = measurement(round, phase, JoinStage.VIEWS).seconds();
        return views > 0 ? measurement(round, phase, JoinStage.CAPTURE).seconds() / views : 0;
    }

    private static Measurement measurement(JoinsRoundResult round, JoinPhase phase, JoinStage stage) {
        JoinsRoundResult.Phase measured = round.phase(phase);
        return measured == null ? null : measured.measurements().get(stage);
    }

    private double median(JoinPhase phase, JoinStage stage) {
        return medianOf(r -> measurement(r, phase, stage).perSecond());
    }

    private double medianOf(ToDoubleFunction<JoinsRoundResult> value) {
        return Markdown.median(rounds.stream().mapToDouble(value).toArray());
    }

    private List<Integer> roundNumbers() {
        return rounds.stream().map(JoinsRoundResult::round).toList();
    }
}
