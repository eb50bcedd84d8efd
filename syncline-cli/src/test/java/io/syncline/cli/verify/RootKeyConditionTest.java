package io.syncline.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootKeyConditionTest {
    private static ViewField field(String name, FieldKind kind) {
        return new ViewField(name, FieldType.of(kind, false, "test"));
    }

    @Test
    void aSingleKeyBecomesAnInListOfQuotedLiterals() {
        ViewSchema root = new ViewSchema("t", List.of(field("id", FieldKind.INT64), field("name", FieldKind.STRING)), List.of("id"));
        assertThat(RootKeyCondition.of(root, List.of("1", "42"))).isEqualTo("\"id\" IN ('1', '42')");
    }

    @Test
    void aCompositeKeyBecomesRowValuesAndOddTextIsEscaped() {
        ViewSchema root = new ViewSchema("t", List.of(field("Order Id", FieldKind.INT64), field("co\"de", FieldKind.STRING)),
                List.of("Order Id", "co\"de"));
        assertThat(RootKeyCondition.of(root, List.of("[\"10\",\"it's\"]", "[\"11\",\"b\"]")))
                .isEqualTo("(\"Order Id\", \"co\"\"de\") IN (('10', 'it''s'), ('11', 'b'))");
    }

    @Test
    void datesTimesAndTimestampsCarriedAsCountsBecomeExpressions() {
        assertThat(RootKeyCondition.literal("19000", FieldType.of(FieldKind.DATE, false, "date")))
                .isEqualTo("(DATE '1970-01-01' + 19000)");
        assertThat(RootKeyCondition.literal("3600000000", FieldType.of(FieldKind.TIME, false, "time")))
                .isEqualTo("(TIME '00:00' + 3600000000 * INTERVAL '1 microsecond')");
        assertThat(RootKeyCondition.literal("-5", FieldType.of(FieldKind.TIMESTAMP, false, "timestamp")))
                .isEqualTo("(TIMESTAMP '1970-01-01' + -5 * INTERVAL '1 microsecond')");
        assertThat(RootKeyCondition.literal("2026-01-01T00:00:00Z", FieldType.of(FieldKind.TIMESTAMP_TZ, false, "timestamptz")))
                .isEqualTo("'2026-01-01T00:00:00Z'");
        assertThat(RootKeyCondition.literal("AAE=", FieldType.of(FieldKind.BYTES, false, "bytea")))
                .isEqualTo("decode('AAE=', 'base64')");
    }

    @Test
    void anIdThatDoesNotHoldTheKeyIsRefused() {
        ViewSchema root = new ViewSchema("t", List.of(field("a", FieldKind.INT32), field("b", FieldKind.INT32)), List.of("a", "b"));
        assertThatThrownBy(() -> RootKeyCondition.of(root, List.of("7"))).hasMessageContaining("2-column key");
    }
}
