package io.syncline.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingAlignmentTest {
    private static final ViewSchema VIEW = new ViewSchema("items", List.of(
            new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("qty", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("due", FieldType.of(FieldKind.DATE, true, "date"))), List.of("id"));

    @Test
    void fieldsTheIndexLacksAreAddedTypedAndAnotherTypeIsReportedWithWhatToDo() {
        Map<String, Property> current = Map.of(
                "id", Property.of(p -> p.long_(l -> l)),
                "qty", Property.of(p -> p.integer(i -> i)));

        MappingAlignment alignment = MappingAlignment.of("shop_items", current, MappingFromSchema.mapping(VIEW));

        assertThat(alignment.missing()).containsOnlyKeys("due");
        assertThat(alignment.describeMissing()).isEqualTo("due (date)");
        assertThat(alignment.mismatches()).singleElement().asString()
                .startsWith("index shop_items maps field qty as integer, the view's type needs long: values integer cannot"
                        + " take are rejected (dead-lettered)")
                .contains("reindex into a new index");
    }

    @Test
    void integersOfEveryWidthAreLongSoWideningNeedsNothing() {
        ViewSchema narrow = new ViewSchema("items", List.of(new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
                new ViewField("qty", FieldType.of(FieldKind.INT32, false, "int4")),
                new ViewField("due", FieldType.of(FieldKind.DATE, true, "date"))), List.of("id"));
        MappingAlignment alignment = MappingAlignment.of("shop_items", MappingFromSchema.mapping(narrow).properties(),
                MappingFromSchema.mapping(VIEW));

        assertThat(alignment.missing()).isEmpty();
        assertThat(alignment.mismatches()).isEmpty();
    }
}
