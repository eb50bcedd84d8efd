package io.syncline.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the result tables share: the header row with one column per round, cells, and medians. */
final class Markdown {
    static final String INCOMPLETE = "†";

    private Markdown() {
    }

    /** The header row: the leading columns, one per round, then the median. */
    static void header(StringBuilder out, List<String> leading, List<Integer> rounds) {
        out.append("|");
        leading.forEach(column -> out.append(' ').append(column).append(" |"));
        rounds.forEach(r -> out.append(" round ").append(r).append(" |"));
        out.append(" median |\n|");
        leading.forEach(column -> out.append(" --- |"));
        rounds.forEach(r -> out.append(" ---: |"));
        out.append(" ---: |\n");
    }

    /** "rate/s (seconds)", and what had arrived when it did not finish; "–" when not measured. */
    static String cell(Measurement m) {
        if (m == null) {
            return "–";
        }
        String cell = String.format(Locale.ROOT, "%,.0f/s (%.2f s)", m.perSecond(), m.seconds());
        return m.complete() ? cell : cell + String.format(Locale.ROOT, " %s only %,d", INCOMPLETE, m.count());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
