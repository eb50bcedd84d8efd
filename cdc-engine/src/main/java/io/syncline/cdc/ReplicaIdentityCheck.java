package io.syncline.cdc;

import io.syncline.config.ReplicaIdentityConsent;
import io.syncline.config.ReplicaIdentityConsent.Identity;
import io.syncline.config.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether publishing a captured table keeps the application's writes working and lets every change
 * find its document. Once a publication publishes updates and deletes of a table, PostgreSQL refuses
 * UPDATE and DELETE on it unless its REPLICA IDENTITY carries old values (a primary key, a unique
 * index, or FULL); for a partitioned table that holds for each leaf partition, and ALTER TABLE on the
 * root does not reach them. Deletes and key-changing updates find their document only when the
 * identity carries every column of the view's key.
 */
final class ReplicaIdentityCheck {
    private final SourceRequirements requirements;

    ReplicaIdentityCheck(SourceRequirements requirements) {
        this.requirements = requirements;
    }

    /** What would break the application's writes; each problem names the fixes and, when known, its place in the file. */
    List<String> writeProblems(SourceTable table) {
        List<String> problems = new ArrayList<>();
        String place = SourcePreflight.at(requirements.placeOf(table.name()));
        Optional<ReplicaIdentityConsent> consent = requirements.consent(table.name());
        if (table.partitioned() && table.primaryKey().isEmpty()) {
            problems.add(place + "partitioned table " + table.name() + " has no primary key: each partition needs a REPLICA"
                    + " IDENTITY of its own and a partition created later would have none, so PostgreSQL would refuse the"
                    + " application's UPDATE and DELETE on it once Syncline publishes the table. Nothing was changed. Add a"
                    + " primary key to " + table.name() + " (it must include the partition key's columns)");
            return problems;
        }
        for (SourceTable relation : table.storage()) {
            if (consent.isPresent()) {
                if (consent.get().identity() == Identity.DEFAULT && relation.primaryKey().isEmpty()) {
                    problems.add(SourcePreflight.at(consent.get().where()) + subject(relation, table)
                            + " has no primary key, so REPLICA IDENTITY DEFAULT would carry no old values: write full"
                            + " instead of default, or add a primary key");
                }
            } else if (!relation.identity().carriesOldRows()) {
                problems.add(place + subject(relation, table) + " has " + state(relation) + ": once Syncline publishes it,"
                        + " PostgreSQL would refuse the application's UPDATE and DELETE on it (\"does not have a replica"
                        + " identity\") and deletes could not be captured. Nothing was changed. Fix one of: "
                        + fixes(relation, table));
            }
        }
        return problems;
    }

    /** Views keyed by columns that deletes of their table would not carry. */
    List<String> viewKeyProblems(SourceTable table) {
        List<String> problems = new ArrayList<>();
        for (SourceRequirements.ViewKey key : requirements.viewKeysOf(table.name())) {
            for (SourceTable relation : table.storage()) {
                RowIdentity identity = identityAfterPrepare(relation, table.name());
                if (!identity.covers(key.columns())) {
                    String columns = String.join(", ", key.columns());
                    problems.add(SourcePreflight.at(key.where()) + "view '" + key.view() + "' is keyed by (" + columns
                            + "), but deletes and key-changing updates of " + subject(relation, table) + " carry only"
                            + " the old values of its " + identity.describe() + ", so they could not find their"
                            + " document. Fix one of: run ALTER TABLE " + Sql.table(relation.name()) + " REPLICA IDENTITY"
                            + " FULL (or USING INDEX on a unique index of (" + columns + ")); or let Syncline run it at"
                            + " start: source.replicaIdentity: {" + table.name() + ": full}; or key the view by "
                            + (table.primaryKey().isEmpty() ? "columns the identity carries"
                            : "the primary key (" + String.join(", ", table.primaryKey()) + ")"));
                    break;
                }
            }
        }
        return problems;
    }

    /**
     * The statements that give the table (and, when partitioned, its root and every leaf partition) the
     * consented identity, leaving out those that already have it.
     */
    List<String> consentedStatements(SourceTable table) {
        Optional<ReplicaIdentityConsent> consent = requirements.consent(table.name());
        if (consent.isEmpty()) {
            return List.of();
        }
        List<SourceTable> relations = new ArrayList<>();
        relations.add(table);
        relations.addAll(table.leaves());
        char wanted = consent.get().identity() == Identity.FULL ? 'f' : 'd';
        return relations.stream()
                .filter(relation -> relation.identity().setting() != wanted)
                .map(relation -> alter(relation.name(), consent.get().identity().sql()))
                .toList();
    }

    private RowIdentity identityAfterPrepare(SourceTable relation, TableName captured) {
        return requirements.consent(captured)
                .map(consent -> consent.identity() == Identity.FULL
                        ? new RowIdentity('f', relation.columnNames())
                        : new RowIdentity('d', relation.primaryKey()))
                .orElse(relation.identity());
    }

    private static String subject(SourceTable relation, SourceTable captured) {
        return relation == captured ? "table " + captured.name()
                : "partition " + relation.name() + " of captured table " + captured.name();
    }

    private static String state(SourceTable relation) {
        return switch (relation.identity().setting()) {
            case 'd' -> "no primary key and REPLICA IDENTITY DEFAULT";
            case 'i' -> "REPLICA IDENTITY USING INDEX on an index that no longer exists";
            default -> "REPLICA IDENTITY NOTHING";
        };
    }

    private static String fixes(SourceTable relation, SourceTable captured) {
        boolean hasKey = !relation.primaryKey().isEmpty();
        String consentFull = "source.replicaIdentity: {" + captured.name() + ": full}";
        return (hasKey ? "run " + alter(relation.name(), "DEFAULT") + " (it has a primary key)"
                : "add a primary key (ALTER TABLE " + Sql.table(relation.name()) + " ADD PRIMARY KEY (...))")
                + "; or run " + alter(relation.name(), "FULL") + " (or REPLICA IDENTITY USING INDEX on a unique index of"
                + " NOT NULL columns); or let Syncline run it at start: "
                + (hasKey ? "source.replicaIdentity: {" + captured.name() + ": default} or " + consentFull : consentFull);
    }

    static String alter(TableName table, String identity) {
        return "ALTER TABLE " + Sql.table(table) + " REPLICA IDENTITY " + identity;
    }
}
