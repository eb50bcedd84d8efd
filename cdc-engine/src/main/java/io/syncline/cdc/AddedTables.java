package io.syncline.cdc;

import io.syncline.config.SnapshotMode;
import io.syncline.config.TableName;
import java.util.List;
import java.util.Optional;

/**
 * The captured tables a start must backfill: those added to the pipeline file since the last
 * start, when Debezium's snapshot will not read them (the generation already streams). A new
 * generation, or one whose snapshot may not be complete, snapshots every table anyway; with
 * {@code snapshot: no_data} nothing is read; without a list of the last start's tables (the first
 * start) nothing is known to be new.
 */
final class AddedTables {
    private AddedTables() {
    }

    static List<TableName> toBackfill(Optional<CaptureLedger.Entry> last, SourceGeneration choice, CaptureOptions options) {
        if (last.isEmpty() || last.get().tables() == null || last.get().generation() != choice.generation()
                || choice.sweepPending() || choice.reason() != null || !last.get().slotCreated()
                || options.snapshotMode() == SnapshotMode.NO_DATA) {
            return List.of();
        }
        List<String> before = last.get().tables();
        return options.tables().stream().filter(table -> !before.contains(table.toString())).toList();
    }
}
