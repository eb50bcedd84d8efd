package io.syncline.cli.init;

import io.syncline.cdc.RefusedColumn;
import io.syncline.cdc.SourceCatalog;
import io.syncline.cdc.SourcePreflight;
import io.syncline.cdc.TableSchema;
import io.syncline.config.ExcludedColumn;
import io.syncline.view.FieldKind;
import io.syncline.view.ViewField;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables {@code syncline init} captures: the relations the patterns name, each with its view,
 * unless {@link CaptureSafety} turns it down or an earlier one has its change topic
 * ({@link ChangeTopicClaims}); those are skipped with the reason. Columns whose type
 * the preflight refuses are left out of capture ({@code source.excludeColumns}), unless the table's
 * key is among them: then the table is skipped.
 *
 * @param views    in the database's order (schema, then name)
 * @param skipped  likewise
 * @param excluded columns left out of capture, likewise
 */
record TableSelection(List<PipelineTemplate.View> views, List<PipelineTemplate.Skipped> skipped,
                      List<PipelineTemplate.Excluded> excluded) {
    /** Types carried as text that are text in PostgreSQL too: not worth a note. */
    private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "bpchar", "char", "name", "citext");

    static TableSelection select(Connection connection, List<TablePattern> patterns, String database,
            CaptureSafety safety, ChangeTopicClaims topics) throws SQLException, InitFailure {
        List<SourceTables.Relation> relations = SourceTables.read(connection);
        Set<SourceTables.Relation> selected = matching(relations, patterns, database);
        SourcePreflight preflight = new SourcePreflight(connection);
        List<PipelineTemplate.View> views = new ArrayList<>();
        List<PipelineTemplate.Skipped> skipped = new ArrayList<>();
        List<PipelineTemplate.Excluded> excluded = new ArrayList<>();
        Set<String> viewNames = new HashSet<>();
        for (SourceTables.Relation relation : relations) {
            if (!selected.contains(relation)) {
                continue;
            }
            String reason = safety.unsafe(relation);
            TableSchema schema = null;
            List<RefusedColumn> refused = List.of();
            if (reason == null) {
                try {
                    refused = preflight.refusedColumns(relation.table());
                    reason = unexcludable(relation, refused);
                    schema = new SourceCatalog(connection, refused.stream()
                            .map(c -> new ExcludedColumn(c.table(), c.column(), null)).toList()).read(relation.table());
                } catch (SQLException | RuntimeException e) {
                    reason = "its columns could not be read: " + e.getMessage();
                }
            }
            if (reason == null) {
                reason = topics.claim(relation.table());
            }
            if (reason != null) {
                skipped.add(new PipelineTemplate.Skipped(relation.table(), reason));
                continue;
            }
            refused.forEach(c -> excluded.add(new PipelineTemplate.Excluded(c.table(), c.column(), c.type(), c.why())));
            String view = InitNames.view(relation.table(), viewNames);
            viewNames.add(view);
            views.add(view(view, relation, schema));
        }
        return new TableSelection(views, skipped, excluded);
    }

    /**
     * Why the refused columns cannot just be left out of capture, or null: a key column keys the change
     * events. (A table init captures always has a key, so some column is always left.)
     */
    private static String unexcludable(SourceTables.Relation relation, List<RefusedColumn> refused) {
        List<String> key = relation.primaryKey().isEmpty() ? relation.identityIndex() : relation.primaryKey();
        List<String> refusedKey = refused.stream().map(RefusedColumn::column).filter(key::contains).toList();
        if (refusedKey.isEmpty()) {
            return null;
        }
        return String.join(" ", refused.stream().map(RefusedColumn::describe).toList()) + " Key column "
                + String.join(", ", refusedKey) + " cannot be left out of capture: store it as a type Syncline carries"
                + " (e.g. text), then run init again";
    }

    /** The relations any pattern names; a pattern that names none is a usage error. */
    private static Set<SourceTables.Relation> matching(List<SourceTables.Relation> relations,
            List<TablePattern> patterns, String database) throws InitFailure {
        Set<SourceTables.Relation> selected = new LinkedHashSet<>();
        List<String> unmatched = new ArrayList<>();
        for (TablePattern pattern : patterns) {
            List<SourceTables.Relation> matched = relations.stream().filter(r -> pattern.matches(r.table()))
                    .filter(r -> !(pattern.wildcard() && r.systemSchema())).toList();
            if (matched.isEmpty()) {
                unmatched.add(pattern.text());
            }
            selected.addAll(matched);
        }
        if (!unmatched.isEmpty()) {
            throw InitFailure.usage("no table in database " + database + " matches " + String.join(", ", unmatched)
                    + " (names are case-sensitive; a name alone means public.<name>)");
        }
        return selected;
    }

    private static PipelineTemplate.View view(String name, SourceTables.Relation relation, TableSchema schema) {
        List<String> notes = new ArrayList<>();
        List<String> key = List.of();
        if (!schema.primaryKey().isEmpty()) {
            notes.add("keyed by its primary key (" + String.join(", ", schema.primaryKey()) + ")");
        } else {
            key = relation.identityIndex(); // REPLICA IDENTITY USING INDEX: unique, not null, not partial
            notes.add("no primary key: keyed by its REPLICA IDENTITY index (unique, not null)");
        }
        List<String> asText = new ArrayList<>();
        for (ViewField field : schema.fields()) {
            if (field.type().kind() == FieldKind.STRING && !TEXT_TYPES.contains(field.type().sourceType())) {
                asText.add(field.name() + " (" + field.type().sourceType() + ")");
            }
        }
        if (!asText.isEmpty()) {
            notes.add("carried as text: " + String.join(", ", asText));
        }
        return new PipelineTemplate.View(name, relation.table(), key, notes);
    }
}
