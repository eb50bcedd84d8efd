package io.syncline.cli.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Shows a backfill's progress from Debezium's incremental-snapshot notifications (STARTED,
 * IN_PROGRESS after each chunk with the last and the highest key, TABLE_SCAN_COMPLETED with the
 * rows read, COMPLETED or ABORTED). On a terminal one line is redrawn; otherwise a line per chunk.
 * Rows and ETA are estimates: a chunk is {@code chunkRows} rows at most, the share done is the
 * last key over the highest when the key is a number, else the rows over the table's estimated size.
 */
final class BackfillProgress {
    /** Where a backfill stands after a notification. */
    enum State { WAITING, RUNNING, COMPLETED, ABORTED }

    private final PrintWriter out;
    private final boolean terminal;
    private final int chunkRows;
    private final Map<String, Long> estimatedRows;
    private final LongSupplier clock;
    private State state = State.WAITING;
    private String table;
    /** When the current table's scan began: at STARTED, or at the previous table's TABLE_SCAN_COMPLETED. */
    private long tableStartMs;
    private long chunks;
    private boolean lineOpen;

    /** {@code estimatedRows}: per table ({@code schema.table}), PostgreSQL's estimate of its rows (-1: unknown). */
    BackfillProgress(PrintWriter out, boolean terminal, int chunkRows, Map<String, Long> estimatedRows, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.chunkRows = chunkRows;
        this.estimatedRows = Map.copyOf(estimatedRows);
        this.clock = clock;
    }

    State state() {
        return state;
    }

    /** Takes one notification of this backfill. */
    void accept(JsonNode notification) {
        JsonNode data = notification.path("additional_data");
        switch (notification.path("type").asText()) {
            case "STARTED" -> {
                state = State.RUNNING;
                tableStartMs = clock.getAsLong();
                line("backfill started: " + data.path("data_collections").asText(), true);
            }
            case "IN_PROGRESS" -> chunk(data);
            case "TABLE_SCAN_COMPLETED" -> {
                String scanned = data.path("scanned_collection").asText();
                long rows = data.path("total_rows_scanned").asLong();
                String status = data.path("status").asText("done").toLowerCase(Locale.ROOT);
                if (scanned.equals(table)) {
                    long ms = Math.max(1, clock.getAsLong() - tableStartMs);
                    line(String.format(Locale.ROOT, "%s: %s, %,d rows in %s (%,d rows/s)", scanned, status, rows,
                            duration(ms), rows * 1000 / ms), true);
                } else {
                    line(String.format(Locale.ROOT, "%s: %s, %,d rows", scanned, status, rows), true);
                }
                table = null;
                tableStartMs = clock.getAsLong();
            }
            case "COMPLETED" -> {
                state = State.COMPLETED;
                line("backfill complete", true);
            }
            case "ABORTED" -> {
                state = State.ABORTED;
                line("backfill aborted", true);
            }
            case "PAUSED", "RESUMED" -> line("backfill " + notification.path("type").asText().toLowerCase(Locale.ROOT), true);
            default -> {
                // SKIPPED and notifications of later Debezium versions: nothing to show.
            }
        }
        out.flush();
    }

    private void chunk(JsonNode data) {
        state = State.RUNNING;
        String current = data.path("current_collection_in_progress").asText();
        if (!current.equals(table)) {
            // The table's clock started with the backfill or the previous table's end.
            table = current;
            chunks = 0;
        }
        chunks++;
        long rows = chunks * chunkRows;
        double share = share(data.path("last_processed_key").asText(), data.path("maximum_key").asText(), rows,
                estimatedRows.getOrDefault(current, -1L));
        long elapsedMs = Math.max(1, clock.getAsLong() - tableStartMs);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: chunk %d, ~%,d rows", current, chunks, rows));
        if (share > 0) {
            long etaMs = (long) (elapsedMs * (1 - share) / share);
            text.append(String.format(Locale.ROOT, ", %.0f%%, ETA %s", share * 100, duration(etaMs)));
        }
        text.append(String.format(Locale.ROOT, ", %,d rows/s", rows * 1000 / elapsedMs));
        line(text.toString(), false);
    }

    /** The share of the table done, 0 when it cannot be told. */
    static double share(String lastKey, String maxKey, long rows, long estimatedRows) {
        try {
            double last = Double.parseDouble(strip(lastKey));
            double max = Double.parseDouble(strip(maxKey));
            if (max > 0 && last >= 0) {
                return Math.min(1, last / max);
            }
        } catch (NumberFormatException notANumber) {
            // a text or composite key: fall back on the row estimate
        }
        return estimatedRows > 0 ? Math.min(1, (double) rows / estimatedRows) : 0;
    }

    /** Debezium shows a one-column key as its value, a composite one as an array. */
    private static String strip(String key) {
        return key.startsWith("[") && key.endsWith("]") && !key.contains(",") ? key.substring(1, key.length() - 1) : key;
    }

    private void line(String text, boolean last) {
        if (terminal) {
            out.print("\r\u001b[2K" + text);
            if (last) {
                out.println();
            }
            lineOpen = !last;
        } else {
            out.println(text);
        }
    }

    /** Ends a redrawn line before something else is printed. */
    void close() {
        if (lineOpen) {
            out.println();
            out.flush();
        }
    }

    static String duration(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return d.toSeconds() + " s";
    }
}
