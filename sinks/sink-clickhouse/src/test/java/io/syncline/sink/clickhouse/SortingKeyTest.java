package io.syncline.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SortingKeyTest {
    @Test
    void bareAndParenthesizedKeys() {
        assertThat(SortingKey.columns("id")).containsExactly("id");
        assertThat(SortingKey.columns("order_id, line_no")).containsExactly("order_id", "line_no");
        assertThat(SortingKey.columns("(order_id, line_no)")).containsExactly("order_id", "line_no");
    }

    @Test
    void backquotedNamesKeepTheirSpacesCommasAndEscapedBackquotes() {
        assertThat(SortingKey.columns("`Order No`, `line#`")).containsExactly("Order No", "line#");
        assertThat(SortingKey.columns("(`a, b`, `x\\`y`, c)")).containsExactly("a, b", "x`y", "c");
    }
}
