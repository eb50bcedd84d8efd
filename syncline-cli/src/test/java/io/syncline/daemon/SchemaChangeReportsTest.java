package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.cdc.TableSchema;
import io.syncline.config.TableName;
import io.syncline.sink.SchemaChangePolicy;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the daemon logs for a table's change and what {@code syncline plan} prints. */
class SchemaChangeReportsTest {
    private static final TableName ITEMS = new TableName("public", "items");
    private static final FieldType INT = FieldType.of(FieldKind.INT32, false, "int4");
    private static final FieldType TEXT = FieldType.of(FieldKind.STRING, true, "text");

    @Test
    void aColumnKeepingItsNumberUnderAnotherNameIsARenameSaidToBeADropAndAnAdd() {
        TableSchema before = table(List.of(field("id", INT), field("qty", INT), field("old_name", TEXT), field("legacy", TEXT)),
                List.of(1, 2, 3, 4));
        TableSchema after = table(List.of(field("id", INT), field("qty", FieldType.of(FieldKind.INT64, false, "int8")),
                field("new_name", TEXT), field("due", FieldType.of(FieldKind.DATE, true, "date"))), List.of(1, 2, 3, 5));

        assertThat(TableChange.of(before, after).describe()).isEqualTo("table public.items: qty int4 not null → int8 not null"
                + " (widened), renamed old_name to new_name (for views and sinks: old_name dropped, new_name added),"
                + " added due (date), dropped legacy (text)");
        assertThat(TableChange.of(before, before).isEmpty()).isTrue();
    }

    @Test
    void thePlanListsEachSinksChangesUnderItsNameTypeAndPolicy() {
        String text = SchemaPlan.format(List.of(
                new SchemaPlan.SinkChanges("search", "elasticsearch", SchemaChangePolicy.KEEP,
                        List.of("index shop_items: add fields due (date) to the mapping")),
                new SchemaPlan.SinkChanges("documents", "mongodb", SchemaChangePolicy.KEEP, List.of()),
                new SchemaPlan.SinkChanges("analytics", "clickhouse", SchemaChangePolicy.DROP,
                        List.of("ALTER TABLE `default`.`items` DROP COLUMN IF EXISTS `legacy`"))));

        assertThat(text).isEqualTo("""
                sink search (elasticsearch, schemaChanges: keep):
                  index shop_items: add fields due (date) to the mapping
                sink documents (mongodb, schemaChanges: keep):
                  no changes (MongoDB collections have no schema: documents take the new fields as they are written)
                sink analytics (clickhouse, schemaChanges: drop):
                  ALTER TABLE `default`.`items` DROP COLUMN IF EXISTS `legacy`
                """);
    }

    private static TableSchema table(List<ViewField> fields, List<Integer> numbers) {
        return new TableSchema(ITEMS, fields, List.of("id"), "default", numbers);
    }

    private static ViewField field(String name, FieldType type) {
        return new ViewField(name, type);
    }
}
