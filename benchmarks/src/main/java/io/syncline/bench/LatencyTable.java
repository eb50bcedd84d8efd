package io.syncline.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** L's table: the writer's rate and each store's latency percentiles per round and the median, next to goal 4. */
final class LatencyTable {
    /** Goal 4: p99 commit-to-visible latency; Elasticsearch's includes its 1 s refresh interval. */
    static final Map<BenchPipeline.Store, Long> P99_GOAL_MS = Map.of(BenchPipeline.Store.ELASTICSEARCH, 2_000L,
            BenchPipeline.Store.MONGODB, 1_000L, BenchPipeline.Store.CLICKHOUSE, 1_000L);

    private final BenchmarkOptions.LatencyOptions options;
    private final List<RoundResult> rounds;

    LatencyTable(BenchmarkOptions.LatencyOptions options, List<RoundResult> rounds) {
        this.options = options;
        this.rounds = List.copyOf(rounds);
    }

    static String storeName(BenchPipeline.Store store) {
        return switch (store) {
            case ELASTICSEARCH -> "Elasticsearch";
            case MONGODB -> "MongoDB";
            case CLICKHOUSE -> "ClickHouse";
        };
    }

    /** Empty when no round ran L. */
    String markdown() {
        if (rounds.stream().noneMatch(r -> r.latency() != null)) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """
                ## L. Commit-to-visible latency at a steady rate

                A writer commits %,d changes/s (%d transactions a second of %d changes, paced by a schedule) for %d s
                on C's pipeline, once its snapshot is in every sink. Each store is read every %d ms, nothing forced
                (Elasticsearch: no `_refresh`, so its refresh interval counts). Latency per change: from the clock read
                right after COMMIT returned to the return of the first read that showed it, in ms: up to one poll
                interval plus one query late, and short by the commit's round trip. Goal 4: p99 ≤ 1 s for MongoDB and
                ClickHouse, ≤ 2 s for Elasticsearch. "Acknowledged by the store": from the source's commit time (its
                clock, in ms) to the sink's acknowledgement of the write, per change, as the daemon's end-to-end
                latency meter counts it: the pipeline's share, without the store's refresh and the reader's polling.

                """, options.rate(), options.rate() / options.changesPerTransaction(), options.changesPerTransaction(),
                options.seconds(), VisibilityReader.POLL_MS));
        Markdown.header(out, List.of("measurement", "goal"), rounds.stream().map(RoundResult::round).toList());
        row(out, String.format(Locale.ROOT, "L. writer: changes/s committed (asked %,d/s)", options.rate()),
                String.format(Locale.ROOT, "%,d/s", options.rate()), r -> r.writer() == null ? Double.NaN : r.writer().perSecond(),
                "%,.0f/s", null);
        for (BenchPipeline.Store store : BenchPipeline.Store.values()) {
            String name = "L. → " + storeName(store) + ": ";
            long goal = P99_GOAL_MS.get(store);
            row(out, name + "p50", "", r -> stat(r, store, LatencyStats::p50Ms), "%,.0f ms", null);
            row(out, name + "p95", "", r -> stat(r, store, LatencyStats::p95Ms), "%,.0f ms", null);
            row(out, name + "**p99**", String.format(Locale.ROOT, "≤ %,d ms", goal), r -> stat(r, store, LatencyStats::p99Ms),
                    "%,.0f ms", (double) goal);
            row(out, name + "max", "", r -> stat(r, store, LatencyStats::maxMs), "%,.0f ms", null);
            row(out, name + "never seen within " + CommitToVisible.GRACE.toSeconds() + " s", "0",
                    r -> stat(r, store, LatencyStats::unseen), "%,.0f", 0.0);
            row(out, name + "acknowledged by the store: p50", "", r -> acknowledged(r, store, LatencyStats::p50Ms),
                    "%,.0f ms", null);
            row(out, name + "acknowledged by the store: p99", "", r -> acknowledged(r, store, LatencyStats::p99Ms),
                    "%,.0f ms", null);
        }
        out.append(unseen()).append(notRun()).append('\n');
        rounds.stream().filter(r -> r.latency() != null && r.latency().writer() != null).forEach(r -> out.append(
                String.format(Locale.ROOT, "- Round %d: %s%n", r.round(), r.latency().status())));
        return out.toString();
    }

    /** The goal's verdict in the p99 line of the medians. */
    String summary() {
        if (rounds.stream().noneMatch(r -> r.latency() != null && r.latency().writer() != null)) {
            return "";
        }
        String stores = java.util.Arrays.stream(BenchPipeline.Store.values()).map(store -> {
            double p99 = median(r -> stat(r, store, LatencyStats::p99Ms));
            long goal = P99_GOAL_MS.get(store);
            return String.format(Locale.ROOT, "%s %,.0f ms (goal ≤ %,d ms: %s)", storeName(store), p99, goal,
                    p99 <= goal ? "met" : "**missed**");
        }).collect(Collectors.joining(", "));
        long unseen = rounds.stream().filter(r -> r.latency() != null).mapToLong(r -> r.latency().unseen()).sum();
        return String.format(Locale.ROOT, "- Commit-to-visible latency at %,.0f changes/s committed (L), p99: %s%s.%n",
                median(r -> r.writer() == null ? Double.NaN : r.writer().perSecond()), stores,
                unseen == 0 ? "" : String.format(Locale.ROOT, "; **%,d changes never seen**", unseen));
    }

    private static double stat(LatencyResult result, BenchPipeline.Store store, ToDoubleFunction<LatencyStats> value) {
        LatencyStats stats = result.stores().get(store);
        return stats == null ? Double.NaN : value.applyAsDouble(stats);
    }

    private static double acknowledged(LatencyResult result, BenchPipeline.Store store, ToDoubleFunction<LatencyStats> value) {
        LatencyStats stats = result.acknowledged().get(store);
        return stats == null ? Double.NaN : value.applyAsDouble(stats);
    }

    /** @param limit when not null, a value above it is marked as missing the goal */
    private void row(StringBuilder out, String label, String goal, ToDoubleFunction<LatencyResult> value, String format,
                     Double limit) {
        out.append("| ").append(label).append(" |").append(goal.isEmpty() ? "" : " " + goal).append(" |");
        for (RoundResult round : rounds) {
            double v = round.latency() == null ? Double.NaN : value.applyAsDouble(round.latency());
            out.append(' ').append(cell(v, format, limit)).append(" |");
        }
        out.append(" **").append(cell(median(value), format, limit)).append("** |\n");
    }

    private static String cell(double value, String format, Double limit) {
        if (Double.isNaN(value)) {
            return "–";
        }
        String cell = String.format(Locale.ROOT, format, value);
        return limit != null && value > limit ? cell + " ✗" : cell;
    }

    private double median(ToDoubleFunction<LatencyResult> value) {
        return Markdown.median(rounds.stream().map(RoundResult::latency).filter(Objects::nonNull).mapToDouble(value)
                .filter(v -> !Double.isNaN(v)).toArray());
    }

    /** Said loudly: a change never seen means the latencies leave out the worst cases, or a sink lost a change. */
    private String unseen() {
        StringBuilder out = new StringBuilder();
        for (RoundResult round : rounds) {
            if (round.latency() == null) {
                continue;
            }
            round.latency().stores().forEach((store, stats) -> {
                if (stats.unseen() > 0) {
                    out.append(String.format(Locale.ROOT, "%n**Round %d: %,d of %,d changes were never seen in %s within %d s "
                                    + "after the writer stopped; its percentiles leave them out.**%n", round.round(),
                            stats.unseen(), stats.changes(), storeName(store), CommitToVisible.GRACE.toSeconds()));
                }
            });
        }
        return out.toString();
    }

    private String notRun() {
        return rounds.stream().filter(r -> r.latency() != null && r.latency().writer() == null)
                .map(r -> String.format(Locale.ROOT, "%n**Round %d: %s.**%n", r.round(), r.latency().status()))
                .collect(Collectors.joining());
    }
}
