package io.syncline.sink.clickhouse;

import io.syncline.sink.SchemaChangePolicy;
import io.syncline.sink.clickhouse.ClickHouseSinkOptions.SchemaEvolution;
import io.syncline.view.TypeChange;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a view's existing table needs to fit the view's fields, as statements to run, notes to log
 * and refusals (reasons the sink must stop): columns the view has and the table lacks are added
 * ({@code schemaEvolution}); a column of a narrower type is widened in place ({@code MODIFY COLUMN});
 * a column no field of the view fills any more (its source column dropped or renamed) is kept and
 * made Nullable so later rows hold NULL ({@code schemaChanges: keep}), dropped ({@code drop}), or
 * refused ({@code fail}). A type that cannot widen in place, or a sorting key column whose type
 * changed, is refused under every policy: the table has to be rebuilt.
 */
record TableChanges(List<String> statements, List<String> notes, List<String> refusals) {

    static TableChanges plan(String database, String table, Map<String, String> columns, ViewSchema schema,
                             SchemaEvolution evolution, SchemaChangePolicy policy) {
        String qualified = database + "." + table;
        String rebuild = ". Rebuild the table: drop " + qualified + " and restart once with source.snapshot: always"
                + " (the sink creates it with the new types and the snapshot fills it)";
        List<String> statements = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>();
        Set<String> expected = new LinkedHashSet<>(TableDdl.METADATA_COLUMNS.keySet());
        for (ViewField field : schema.fields()) {
            expected.add(field.name());
            String wanted = TableDdl.columnType(field, schema);
            String actual = columns.get(field.name());
            if (actual == null) {
                missing.put(field.name(), wanted);
            } else {
                TypeChange change = ColumnTypeChange.of(actual, wanted);
                boolean key = schema.key().contains(field.name());
                if (change == TypeChange.WIDENED && !key) {
                    statements.add(modify(database, table, field.name(), wanted));
                } else if (change == TypeChange.NARROWED && policy != SchemaChangePolicy.FAIL) {
                    notes.add("column " + field.name() + " stays " + actual + ", wider than the view's " + wanted);
                } else if (change != TypeChange.SAME) {
                    refusals.add("column " + field.name() + " of " + qualified + " is " + actual + " but view "
                            + schema.view() + " now needs " + wanted + (key ? " (a sorting key column cannot change type)"
                            : change == TypeChange.NARROWED ? " and schemaChanges is fail" : ", which MODIFY COLUMN cannot convert exactly")
                            + rebuild);
                }
            }
            if (SpecialColumns.has(field, schema)) {
                expected.add(SpecialColumns.name(field));
                if (!columns.containsKey(SpecialColumns.name(field))) {
                    missing.put(SpecialColumns.name(field), SpecialColumns.TYPE);
                }
            }
        }
        if (!missing.isEmpty()) {
            if (evolution == SchemaEvolution.FAIL) {
                refusals.add("ClickHouse table " + qualified + " lacks columns " + missing.keySet() + " for fields of view "
                        + schema.view() + ", and schemaEvolution is fail: add them (or set schemaEvolution: add_columns)");
            } else {
                statements.add(0, TableDdl.addColumns(database, table, missing));
            }
        }
        columns.forEach((column, type) -> {
            if (!expected.contains(column)) {
                gone(database, table, column, type, policy, statements, refusals);
            }
        });
        return new TableChanges(statements, notes, refusals);
    }

    /** A column no field of the view fills any more. */
    private static void gone(String database, String table, String column, String type, SchemaChangePolicy policy,
                             List<String> statements, List<String> refusals) {
        switch (policy) {
            case KEEP -> {
                if (!type.startsWith("Nullable(") && !type.startsWith("Array(")) {
                    statements.add(modify(database, table, column, "Nullable(" + type + ")"));
                }
            }
            case DROP -> statements.add("ALTER TABLE " + TableDdl.qualified(database, table) + " DROP COLUMN IF EXISTS "
                    + TableDdl.quote(column));
            case FAIL -> refusals.add("ClickHouse table " + database + "." + table + " has column " + column
                    + " that no field of the view fills any more (its source column was dropped or renamed), and"
                    + " schemaChanges is fail: drop the column yourself, or set schemaChanges: keep or drop");
        }
    }

    private static String modify(String database, String table, String column, String type) {
        return "ALTER TABLE " + TableDdl.qualified(database, table) + " MODIFY COLUMN " + TableDdl.quote(column) + " " + type;
    }
}
