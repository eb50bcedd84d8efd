package io.syncline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.SchemaDiff;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaChangePolicyTest {
    private static final FieldType INT = FieldType.of(FieldKind.INT32, true, "int4");
    private static final FieldType TEXT = FieldType.of(FieldKind.STRING, true, "text");
    private static final ViewSchema BEFORE = schema(new ViewField("qty", INT), new ViewField("legacy", TEXT));

    @Test
    void keepIsTheDefaultAndABadValueIsAProblemNamingTheChoices() {
        assertThat(SchemaChangePolicy.of(Map.of())).isEqualTo(SchemaChangePolicy.KEEP);
        assertThat(SchemaChangePolicy.of(Map.of("schemaChanges", "drop"))).isEqualTo(SchemaChangePolicy.DROP);
        assertThat(SchemaChangePolicy.problem(Map.of("schemaChanges", "rename"))).get()
                .isEqualTo(new SinkProblem("connection.schemaChanges", "must be keep, drop or fail, not 'rename'"));
        assertThat(SchemaChangePolicy.problem(Map.of())).isEmpty();
    }

    @Test
    void addedWidenedAndDroppedFieldsGoOnUnderKeepAndDropButStopUnderFail() {
        SchemaDiff diff = SchemaDiff.of(BEFORE, schema(new ViewField("qty", FieldType.of(FieldKind.INT64, true, "int8")),
                new ViewField("due", FieldType.of(FieldKind.DATE, true, "date"))));

        assertThat(SchemaChangePolicy.KEEP.refusal("analytics", "shop.items", diff)).isEmpty();
        assertThat(SchemaChangePolicy.DROP.refusal("analytics", "shop.items", diff)).isEmpty();
        assertThat(SchemaChangePolicy.FAIL.refusal("analytics", "shop.items", diff)).get().asString()
                .isEqualTo("sink analytics, view items (shop.items): field legacy is gone (its column was dropped or"
                        + " renamed). schemaChanges is fail: change shop.items yourself and restart, or set schemaChanges:"
                        + " keep or drop");
    }

    @Test
    void anIncompatibleTypeStopsTheSinkUnderEveryPolicySayingToRebuild() {
        SchemaDiff diff = SchemaDiff.of(BEFORE, schema(new ViewField("qty", TEXT), new ViewField("legacy", TEXT)));

        for (SchemaChangePolicy policy : SchemaChangePolicy.values()) {
            assertThat(policy.refusal("search", "items_index", diff)).get().asString()
                    .contains("field qty changed from int4 to text, which items_index cannot hold in place")
                    .contains("Rebuild the target: drop items_index and restart once with source.snapshot: always");
        }
    }

    private static ViewSchema schema(ViewField... fields) {
        List<ViewField> all = new java.util.ArrayList<>(List.of(new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8"))));
        all.addAll(List.of(fields));
        return new ViewSchema("items", all, List.of("id"));
    }
}
