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
    void aNameWithASpaceIsSentDoubleQuotedSoItMatchesNoNameAndIsParsedAsIs() {
        String entry = BackfillSignal.dataCollection(new TableName("Stock", "Item Lots"));

        assertThat(entry).isEqualTo("\"Stock\".\"Item Lots\"");
        assertThat(Pattern.compile(entry).matcher("Stock.Item Lots").matches()).isFalse();
        assertThat(BackfillSignal.dataCollection(new TableName("public", "\"quoted\" name")))
                .isEqualTo("\"public\".\"\"\"quoted\"\" name\"");
    }

    @Test
    void theFilterOfAQuotedNameMatchesTheQuotedEntry() {
        BackfillSignal signal = new BackfillSignal("b1", List.of(new TableName("Stock", "Item Lots")),
                Optional.of("\"Lot No\" > 3"));

        assertThat(signal.data()).isEqualTo("{\"type\":\"incremental\",\"data-collections\":[\"\\\"Stock\\\".\\\"Item Lots\\\"\"],"
                + "\"additional-conditions\":[{\"data-collection\":\"\\\\Q\\\"Stock\\\".\\\"Item Lots\\\"\\\\E\","
                + "\"filter\":\"\\\"Lot No\\\" > 3\"}]}");
    }

    @Test
    void aNameDebeziumCannotBeToldIsRefused() {
        assertThatThrownBy(() -> new BackfillSignal("b1", List.of(new TableName("public", "it's a ''x''")), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table public.it's a ''x'' cannot be named in Debezium's backfill signal");
        assertThatThrownBy(() -> BackfillSignal.dataCollection(new TableName("public", "open (bracket")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rename the table");
    }
}
