package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.relational.TableId;
import io.syncline.config.TableName;
import org.junit.jupiter.api.Test;

class DebeziumTableIdsTest {
    @Test
    void aNameTheParserReadsBackStaysPlain() {
        assertThat(DebeziumTableIds.of(new TableName("sales", "syncline_signal"))).isEqualTo("sales.syncline_signal");
        assertThat(TableId.parse("sales.syncline_signal")).isEqualTo(new TableId("sales", null, "syncline_signal"));
    }

    @Test
    void anyOtherNameIsQuotedAndDebeziumReadsItBackAsTheTable() {
        for (TableName table : new TableName[] {new TableName("Lager Ost", "syncline_signal"),
                new TableName("\"odd\"", "Item Lots"), new TableName("s", "a.b")}) {
            String text = DebeziumTableIds.of(table);
            assertThat(text).startsWith("\"");
            // The same parts the parser makes of a plain schema.table (as it does for sales.syncline_signal).
            assertThat(TableId.parse(text)).isEqualTo(new TableId(table.schema(), null, table.table()));
        }
    }
}
