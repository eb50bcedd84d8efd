package io.syncline.daemon;

import io.syncline.cdc.TableSchema;
import io.syncline.view.SchemaDiff;
import io.syncline.view.TypeChange;
import io.syncline.view.ViewField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a captured table's columns changed, told by column number (attnum): a column whose number
 * stays but whose name changed was renamed; for the views and sinks that is a drop of the old name
 * and an add of the new one, and {@link #describe()} says so.
 */
record TableChange(TableSchema from, TableSchema to, List<String> changes) {

    static TableChange of(TableSchema from, TableSchema to) {
        Map<Integer, ViewField> before = byNumber(from);
        Map<Integer, ViewField> after = byNumber(to);
        List<String> changes = new ArrayList<>();
        after.forEach((number, field) -> {
            ViewField old = before.get(number);
            if (old == null) {
                changes.add("added " + field.name() + " (" + SchemaDiff.describe(field.type()) + ")");
                return;
            }
            if (!old.name().equals(field.name())) {
                changes.add("renamed " + old.name() + " to " + field.name() + " (for views and sinks: " + old.name()
                        + " dropped, " + field.name() + " added)");
            }
            if (!old.type().equals(field.type())) {
                TypeChange change = TypeChange.of(old.type(), field.type());
                changes.add(field.name() + " " + SchemaDiff.describe(old.type()) + " → " + SchemaDiff.describe(field.type())
                        + " (" + change.name().toLowerCase() + ")");
            }
        });
        before.forEach((number, field) -> {
            if (!after.containsKey(number)) {
                changes.add("dropped " + field.name() + " (" + SchemaDiff.describe(field.type()) + ")");
            }
        });
        if (!from.primaryKey().equals(to.primaryKey())) {
            changes.add("primary key " + from.primaryKey() + " → " + to.primaryKey());
        }
        return new TableChange(from, to, List.copyOf(changes));
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** {@code table public.items: added note (text), renamed qty to quantity (...), dropped legacy (int4)}. */
    String describe() {
        return "table " + to.table() + ": " + (changes.isEmpty() ? "no column changes" : String.join(", ", changes));
    }

    /** Fields by column number; by position when the numbers were not read. */
    private static Map<Integer, ViewField> byNumber(TableSchema table) {
        Map<Integer, ViewField> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < table.fields().size(); i++) {
            fields.put(table.columnNumbers().isEmpty() ? -(i + 1) : table.columnNumbers().get(i), table.fields().get(i));
        }
        return fields;
    }
}
