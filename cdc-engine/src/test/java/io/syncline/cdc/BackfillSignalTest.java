package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.TableName;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The signal's table entries as Debezium reads them: each a regular expression over {@code schema.table},
 * a match then parsed by TableId.parse, which stops at whitespace; an entry matching nothing is parsed as is.
 */
class BackfillSignalTest {

    @Test
    void aPlainNameIsSentAsItIs() {
        assertThat(BackfillSignal.dataCollection(new TableName("public", "orders"))).isEqualTo("public.orders");
        assertThat(BackfillSignal.dataCollection(new TableName("public", "Bestände"))).isEqualTo("public.Bestände");
    }

    @Test
    void aNameWithRegularExpressionCharactersMatchesOnlyItself() {
        String entry = BackfillSignal.dataCollection(new TableName("public", "price$list(old)"));

        assertThat(Pattern.compile(entry).matcher("public.price$list(old)").matches()).isTrue();
    }

    @Test
    void aNameTheParserWouldReadAsQuotedIsSentDoubleQuotedSoItMatchesNoNameAndIsParsedAsIs() {
        String entry = BackfillSignal.dataCollection(new TableName("Stock", "\"quoted\"name"));

        assertThat(entry).isEqualTo("\"Stock\".\"\"\"quoted\"\"name\"");
        assertThat(Pattern.compile(entry).matcher("Stock.\"quoted\"name").matches()).isFalse();
    }

    @Test
    void theFilterOfAQuotedNameMatchesTheQuotedEntry() {
        BackfillSignal signal = new BackfillSignal("b1", List.of(new TableName("Stock", "`lots`")),
                Optional.of("\"Lot No\" > 3"));

        assertThat(signal.data()).isEqualTo("{\"type\":\"incremental\",\"data-collections\":[\"\\\"Stock\\\".\\\"`lots`\\\"\"],"
                + "\"additional-conditions\":[{\"data-collection\":\"\\\\Q\\\"Stock\\\".\\\"`lots`\\\"\\\\E\","
                + "\"filter\":\"\\\"Lot No\\\" > 3\"}]}");
    }

    @Test
    void aNameDebeziumCannotBackfillIsRefusedWithTheReason() {
        // Debezium keeps a running backfill's tables unquoted in its offsets and cannot parse whitespace back.
        assertThat(BackfillSignal.whyNotBackfillable(new TableName("Stock", "Item Lots"))).contains("whitespace");
        assertThat(BackfillSignal.whyNotBackfillable(new TableName("Lager Ost", "x"))).contains("whitespace");
        assertThat(BackfillSignal.whyNotBackfillable(new TableName("public", "Bestände"))).isNull();
        assertThatThrownBy(() -> new BackfillSignal("b1", List.of(new TableName("Stock", "Item Lots")), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table Stock.Item Lots cannot be backfilled: its name holds whitespace");
        assertThatThrownBy(() -> new BackfillSignal("b1", List.of(new TableName("public", "'it''s'")), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rename the table");
    }
}
