package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.SnapshotMode;
import io.syncline.config.TableName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddedTablesTest {
    private static final TableName ORDERS = new TableName("public", "orders");
    private static final TableName ITEMS = new TableName("public", "items");
    private static final SourceGeneration SAME = new SourceGeneration(2, false, false, null);

    private static CaptureOptions options(SnapshotMode mode) {
        return new CaptureOptions("shop", new io.syncline.config.PostgresSpec("db", 5432, "shop", "u", null), "s", "p",
                List.of(ORDERS, ITEMS), mode, "public", java.time.Duration.ZERO,
                new CaptureOptions.KafkaTarget("k:1", "shop", 1, (short) 1, Map.of()), CaptureOptions.OffsetStorage.KAFKA_TOPIC,
                Path.of("state"), CaptureTuning.DEFAULTS, Map.of(), SourceRequirements.NONE, Map.of(), 2);
    }

    private static Optional<CaptureLedger.Entry> last(boolean slotCreated, List<String> tables) {
        return Optional.of(new CaptureLedger.Entry(2, slotCreated, true, tables));
    }

    @Test
    void aTableAddedToAStreamingGenerationIsBackfilled() {
        assertThat(AddedTables.toBackfill(last(true, List.of("public.orders")), SAME, options(SnapshotMode.INITIAL)))
                .containsExactly(ITEMS);
        assertThat(AddedTables.toBackfill(last(true, List.of("public.orders", "public.items")), SAME,
                options(SnapshotMode.INITIAL))).isEmpty();
    }

    @Test
    void nothingWhenASnapshotReadsEveryTableAnywayOrNothingIsKnownOrNothingIsRead() {
        List<String> before = List.of("public.orders");
        assertThat(AddedTables.toBackfill(Optional.empty(), SAME, options(SnapshotMode.INITIAL))).isEmpty();
        assertThat(AddedTables.toBackfill(last(true, null), SAME, options(SnapshotMode.INITIAL))).isEmpty();
        assertThat(AddedTables.toBackfill(last(false, before), SAME, options(SnapshotMode.INITIAL))).isEmpty();
        assertThat(AddedTables.toBackfill(last(true, before), new SourceGeneration(3, true, true, "slot lost"),
                options(SnapshotMode.INITIAL))).isEmpty();
        assertThat(AddedTables.toBackfill(last(true, before), new SourceGeneration(2, false, true, null),
                options(SnapshotMode.INITIAL))).isEmpty();
        assertThat(AddedTables.toBackfill(last(true, before), SAME, options(SnapshotMode.NO_DATA))).isEmpty();
    }
}
