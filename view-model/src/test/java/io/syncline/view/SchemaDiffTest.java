package io.syncline.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {
    private static final FieldType INT = FieldType.of(FieldKind.INT32, true, "int4");
    private static final FieldType BIGINT = FieldType.of(FieldKind.INT64, true, "int8");
    private static final FieldType TEXT = FieldType.of(FieldKind.STRING, true, "text");

    @Test
    void widerIntegersFloatsAndDecimalsWidenAndTheReverseNarrows() {
        assertThat(TypeChange.of(INT, BIGINT)).isEqualTo(TypeChange.WIDENED);
        assertThat(TypeChange.of(BIGINT, INT)).isEqualTo(TypeChange.NARROWED);
        assertThat(TypeChange.of(FieldType.of(FieldKind.FLOAT32, true, "float4"), FieldType.of(FieldKind.FLOAT64, true, "float8")))
                .isEqualTo(TypeChange.WIDENED);
        assertThat(TypeChange.of(decimal(10, 2), decimal(12, 2))).isEqualTo(TypeChange.WIDENED);
        assertThat(TypeChange.of(decimal(10, 2), decimal(12, 4))).isEqualTo(TypeChange.WIDENED);
        assertThat(TypeChange.of(decimal(10, 2), decimal(0, 0))).as("to unconstrained").isEqualTo(TypeChange.WIDENED);
        assertThat(TypeChange.of(decimal(12, 2), decimal(10, 2))).isEqualTo(TypeChange.NARROWED);
        assertThat(TypeChange.of(decimal(10, 2), decimal(10, 4))).as("fewer integer digits").isEqualTo(TypeChange.INCOMPATIBLE);
    }

    @Test
    void textToIntOrDateToTimestampIsIncompatibleAndVarcharToTextIsTheSame() {
        assertThat(TypeChange.of(TEXT, INT)).isEqualTo(TypeChange.INCOMPATIBLE);
        assertThat(TypeChange.of(INT, TEXT)).isEqualTo(TypeChange.INCOMPATIBLE);
        assertThat(TypeChange.of(FieldType.of(FieldKind.DATE, true, "date"), FieldType.of(FieldKind.TIMESTAMP, true, "timestamp")))
                .isEqualTo(TypeChange.INCOMPATIBLE);
        assertThat(TypeChange.of(FieldType.of(FieldKind.STRING, true, "varchar"), TEXT)).isEqualTo(TypeChange.SAME);
    }

    @Test
    void droppingNotNullWidensAndAddingItChangesNothingAStoreHolds() {
        assertThat(TypeChange.of(INT.withNullable(false), INT)).isEqualTo(TypeChange.WIDENED);
        assertThat(TypeChange.of(INT, INT.withNullable(false))).isEqualTo(TypeChange.SAME);
        assertThat(TypeChange.of(FieldType.array(INT, true, "_int4"), FieldType.array(BIGINT, true, "_int8")))
                .isEqualTo(TypeChange.WIDENED);
    }

    @Test
    void aRenameIsADropAndAnAdd() {
        ViewSchema before = new ViewSchema("items", List.of(field("id", BIGINT), field("qty", INT), field("old_name", TEXT)),
                List.of("id"));
        ViewSchema after = new ViewSchema("items", List.of(field("id", BIGINT), field("qty", BIGINT), field("new_name", TEXT),
                field("due", FieldType.of(FieldKind.DATE, true, "date"))), List.of("id"));

        SchemaDiff diff = SchemaDiff.of(before, after);

        assertThat(diff.added()).extracting(ViewField::name).containsExactly("new_name", "due");
        assertThat(diff.dropped()).extracting(ViewField::name).containsExactly("old_name");
        assertThat(diff.retyped(TypeChange.WIDENED)).extracting(SchemaDiff.Retyped::name).containsExactly("qty");
        assertThat(diff.describe()).isEqualTo("view items: added new_name (text), added due (date), dropped old_name (text),"
                + " qty int4 → int8 (widened)");
        assertThat(SchemaDiff.of(before, before).isEmpty()).isTrue();
    }

    private static FieldType decimal(int precision, int scale) {
        return FieldType.decimal(precision, scale, true, "numeric");
    }

    private static ViewField field(String name, FieldType type) {
        return new ViewField(name, type);
    }
}
