package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * What Debezium's notifications tell of one backfill (an incremental snapshot, by its signal's id):
 * the chunks read, the rows scanned (each table's TABLE_SCAN_COMPLETED), and whether it completed
 * or was aborted. Notifications of other backfills and snapshots are ignored.
 */
final class BackfillScan {
    private final String id;
    private long chunks;
    private long rowsScanned;
    private boolean completed;
    private boolean aborted;

    BackfillScan(String id) {
        this.id = id;
    }

    void accept(JsonNode notification) {
        if (!id.equals(notification.path("id").asText())) {
            return;
        }
        switch (notification.path("type").asText()) {
            case "IN_PROGRESS" -> chunks++;
            case "TABLE_SCAN_COMPLETED" ->
                    rowsScanned += notification.path("additional_data").path("total_rows_scanned").asLong();
            case "COMPLETED" -> completed = true;
            case "ABORTED" -> aborted = true;
            default -> {
                // STARTED, PAUSED, RESUMED, SKIPPED: nothing to count.
            }
        }
    }

    /** The rows scanned once the backfill has completed; 0 until then, so a wait for them ends at COMPLETED. */
    long rowsWhenCompleted() {
        return completed ? rowsScanned : 0;
    }

    /** Why waiting for {@code rows} is pointless: the backfill was aborted, or completed with fewer rows. */
    Optional<String> failure(long rows) {
        if (aborted) {
            return Optional.of("the backfill " + id + " was aborted");
        }
        if (completed && rowsScanned < rows) {
            return Optional.of(String.format(Locale.ROOT, "the backfill %s completed having scanned %,d of %,d rows",
                    id, rowsScanned, rows));
        }
        return Optional.empty();
    }

    String describe() {
        return String.format(Locale.ROOT, "backfill %s: %,d chunks, %,d rows scanned, %s", id, chunks, rowsScanned,
                completed ? "completed" : aborted ? "aborted" : "not completed");
    }
}
