package io.syncline.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.sink.SchemaChangePolicy;
import io.syncline.sink.clickhouse.ClickHouseSinkOptions.SchemaEvolution;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.TypeChange;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableChangesTest {
    private static final ViewSchema VIEW = new ViewSchema("items", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("qty", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("due", FieldType.of(FieldKind.DATE, true, "date"))), List.of("id"));

    @Test
    void columnTypesWidenOnlyWhereModifyColumnConvertsExactly() {
        assertThat(ColumnTypeChange.of("Int32", "Int64")).isEqualTo(TypeChange.WIDENED);
        assertThat(ColumnTypeChange.of("Nullable(Int32)", "Nullable(Int64)")).isEqualTo(TypeChange.WIDENED);
        assertThat(ColumnTypeChange.of("Int64", "Nullable(Int64)")).isEqualTo(TypeChange.WIDENED);
        assertThat(ColumnTypeChange.of("Nullable(Int64)", "Int64")).isEqualTo(TypeChange.SAME);
        assertThat(ColumnTypeChange.of("Float32", "Float64")).isEqualTo(TypeChange.WIDENED);
        assertThat(ColumnTypeChange.of("Nullable(Decimal(10, 2))", "Nullable(Decimal(12, 4))")).isEqualTo(TypeChange.WIDENED);
        assertThat(ColumnTypeChange.of("Array(Nullable(Int16))", "Array(Nullable(Int32))")).isEqualTo(TypeChange.WIDENED);
        assertThat(ColumnTypeChange.of("Int64", "Int32")).isEqualTo(TypeChange.NARROWED);
        assertThat(ColumnTypeChange.of("Nullable(String)", "Nullable(Int64)")).isEqualTo(TypeChange.INCOMPATIBLE);
        assertThat(ColumnTypeChange.of("Nullable(Int64)", "Nullable(Date32)")).isEqualTo(TypeChange.INCOMPATIBLE);
    }

    @Test
    void missingColumnsAreAddedNarrowerOnesWidenedAndGoneOnesMadeNullableUnderKeep() {
        TableChanges changes = TableChanges.plan("shop", "items", table("qty", "Int32", "legacy", "String", "old", "Nullable(String)"),
                VIEW, SchemaEvolution.ADD_COLUMNS, SchemaChangePolicy.KEEP);

        assertThat(changes.refusals()).isEmpty();
        assertThat(changes.statements()).containsExactly(
                "ALTER TABLE `shop`.`items` ADD COLUMN IF NOT EXISTS `due` Nullable(Date32), ADD COLUMN IF NOT EXISTS `due__special` Nullable(String)",
                "ALTER TABLE `shop`.`items` MODIFY COLUMN `qty` Int64",
                "ALTER TABLE `shop`.`items` MODIFY COLUMN `legacy` Nullable(String)");
    }

    @Test
    void goneColumnsAreDroppedUnderDropAndRefusedUnderFail() {
        Map<String, String> columns = table("qty", "Int64", "due", "Nullable(Date32)", "due__special", "Nullable(String)",
                "legacy", "String");

        assertThat(TableChanges.plan("shop", "items", columns, VIEW, SchemaEvolution.ADD_COLUMNS, SchemaChangePolicy.DROP)
                .statements()).containsExactly("ALTER TABLE `shop`.`items` DROP COLUMN IF EXISTS `legacy`");
        TableChanges fail = TableChanges.plan("shop", "items", columns, VIEW, SchemaEvolution.ADD_COLUMNS, SchemaChangePolicy.FAIL);
        assertThat(fail.statements()).isEmpty();
        assertThat(fail.refusals()).singleElement().asString().contains("has column legacy that no field of the view fills")
                .contains("schemaChanges is fail");
    }

    @Test
    void anIncompatibleTypeOrAKeyColumnChangeIsRefusedWithHowToRebuild() {
        TableChanges changes = TableChanges.plan("shop", "items", table("qty", "String", "due", "Nullable(Date32)",
                "due__special", "Nullable(String)"), VIEW, SchemaEvolution.ADD_COLUMNS, SchemaChangePolicy.KEEP);
        assertThat(changes.refusals()).singleElement().asString()
                .startsWith("column qty of shop.items is String but view items now needs Int64, which MODIFY COLUMN cannot"
                        + " convert exactly. Rebuild the table: drop shop.items");

        Map<String, String> intKey = table("qty", "Int64", "due", "Nullable(Date32)", "due__special", "Nullable(String)");
        intKey.put("id", "Int32");
        assertThat(TableChanges.plan("shop", "items", intKey, VIEW, SchemaEvolution.ADD_COLUMNS, SchemaChangePolicy.KEEP)
                .refusals()).singleElement().asString().contains("(a sorting key column cannot change type)");
    }

    /** The view's id and the metadata columns, then {@code name, type} pairs. */
    private static Map<String, String> table(String... columns) {
        Map<String, String> table = new LinkedHashMap<>();
        table.put("id", "Int64");
        for (int i = 0; i < columns.length; i += 2) {
            table.put(columns[i], columns[i + 1]);
        }
        table.putAll(TableDdl.METADATA_COLUMNS);
        return table;
    }
}
