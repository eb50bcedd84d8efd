package io.syncline.cli.reset;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What {@code syncline reset} will do to one sink, per route, as the text shown before it asks. */
record ResetPlan(String sink, String type, List<Route> routes) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final String REFUSED = "refused:";

    /**
     * One route: its view and topic, the live target, the fresh one to build, how the sink swaps
     * them (and what becomes of the old data), and at most how many records the build replays.
     */
    record Route(String view, String topic, String target, String freshTarget, String swap, long records) {
    }

    ResetPlan {
        routes = List.copyOf(routes);
    }

    /** The name a rebuilt target is built under next to {@code target}: lower case, so every store takes it. */
    static String freshTarget(String target, LocalDateTime now) {
        return target + "__rebuild_" + STAMP.format(now);
    }

    /** Whether a sink cannot swap some target without a gap (its swap line says why). */
    boolean refused() {
        return routes.stream().anyMatch(r -> r.swap().startsWith(REFUSED));
    }

    String format() {
        StringBuilder text = new StringBuilder();
        text.append("Reset of sink ").append(sink).append(" (").append(type).append("): ").append(routes.size())
                .append(routes.size() == 1 ? " target" : " targets")
                .append(" rebuilt from the view topics while the daemon runs; readers keep the current data until the swap.\n");
        for (Route route : routes) {
            text.append("\nview ").append(route.view()).append('\n')
                    .append("  current target  ").append(route.target()).append('\n')
                    .append("  fresh target    ").append(route.freshTarget()).append(", from ").append(route.topic())
                    .append(" (at most ").append(route.records()).append(" records, beginning to end as of now)\n")
                    .append("  swap            ").append(route.swap()).append('\n')
                    .append("  then            records the daemon wrote to the old target meanwhile are written again"
                            + " (version-guarded)\n");
        }
        return text.toString();
    }
}
