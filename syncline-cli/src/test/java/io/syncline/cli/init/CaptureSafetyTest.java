package io.syncline.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureSafetyTest {
    private final CaptureSafety safety = new CaptureSafety("syncline");

    @Test
    void tablesWhoseNamesKafkaTopicsCannotHoldAreCaptured() {
        // Debezium writes their change topics with '_' for those characters; Topics.changeTopic does the same.
        assertThat(safety.unsafe(table(new TableName("Stock", "Item Lots")))).isNull();
        assertThat(safety.unsafe(table(new TableName("public", "Bestände")))).isNull();
        assertThat(safety.unsafe(table(new TableName("public", "cost$#\"quoted\"")))).isNull();
        assertThat(safety.unsafe(table(new TableName("public", "t".repeat(300))))).isNull();
    }

    @Test
    void aDotInANameIsStillRefused() {
        assertThat(safety.unsafe(table(new TableName("public", "v1.2")))).contains("its name holds '.'");
    }

    private static SourceTables.Relation table(TableName name) {
        return new SourceTables.Relation(name, 'r', 'p', false, null, 'd', true, List.of("id"), List.of());
    }
}
