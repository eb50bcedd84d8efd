package io.syncline.cli.init;

import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.Sql;

/**
 * Whether {@code syncline init} may capture a relation: null when it can be captured safely, else
 * why not and what to do about it. The rules are checked in order, so a relation gets the first
 * reason that applies: what it is, whether its changes reach the WAL, its name, its replica
 * identity, then whether the user may read it.
 */
final class CaptureSafety {
    private final String user;

    /** For a pipeline capturing as {@code user}. */
    CaptureSafety(String user) {
        this.user = user;
    }

    /** Null when the relation can be captured safely, else why not (and what to do). */
    String unsafe(SourceTables.Relation r) {
        String reason = kind(r);
        if (reason == null) {
            reason = storage(r);
        }
        if (reason == null) {
            reason = name(r);
        }
        if (reason == null) {
            reason = replicaIdentity(r);
        }
        if (reason == null) {
            reason = privilege(r);
        }
        return reason;
    }

    private static String kind(SourceTables.Relation r) {
        return switch (r.kind()) {
            case 'v' -> "a view: views have no changes in the WAL; capture the tables it reads";
            case 'm' -> "a materialized view: REFRESH is not logically decoded; capture the tables it reads";
            case 'f' -> "a foreign table: its rows live on another server, and their changes are not in this WAL";
            default -> null;
        };
    }

    private static String storage(SourceTables.Relation r) {
        if (r.partition()) {
            return "a partition of " + r.parent() + ": captured through " + r.parent()
                    + " (its changes are published under the partitioned table's name)";
        }
        if (r.persistence() == 't') {
            return "a temporary table: not in the WAL, and gone when its session ends";
        }
        if (r.persistence() == 'u') {
            return "UNLOGGED: its changes are not written to the WAL, so they cannot be captured (ALTER TABLE "
                    + Sql.table(r.table()) + " SET LOGGED)";
        }
        return null;
    }

    private static String name(SourceTables.Relation r) {
        if (CaptureOptions.HEARTBEAT_TABLE.equals(r.table().table())) {
            return "Syncline's own heartbeat table";
        }
        if (r.table().schema().contains(".") || r.table().table().contains(".")) {
            return "its name holds '.', which a pipeline file's schema.table cannot express";
        }
        return null;
    }

    private static String replicaIdentity(SourceTables.Relation r) {
        String sql = Sql.table(r.table());
        if (r.kind() == 'p') {
            // Each partition has its own identity: the primary key of the root gives every partition one.
            return r.primaryKey().isEmpty() ? "a partitioned table without a primary key: its partitions (and any"
                    + " created later) would have no replica identity, and their UPDATEs and DELETEs would fail once"
                    + " published; add a primary key to " + sql + ", then run init again" : null;
        }
        if (r.replicaIdentity() == 'n') {
            return "REPLICA IDENTITY NOTHING: once it is published, its UPDATEs and DELETEs fail in your application;"
                    + " ALTER TABLE " + sql + " REPLICA IDENTITY DEFAULT (with a primary key) or FULL first";
        }
        if (r.primaryKey().isEmpty() && r.replicaIdentity() == 'd') {
            return "no primary key and REPLICA IDENTITY DEFAULT: once it is published, its UPDATEs and DELETEs fail"
                    + " in your application; add a primary key (or ALTER TABLE " + sql + " REPLICA IDENTITY USING INDEX"
                    + " <unique index>), then run init again; or capture it with a view keyed by unique, non-null columns"
                    + " and let Syncline set REPLICA IDENTITY FULL (source.replicaIdentity: {" + r.table() + ": full})";
        }
        if (r.primaryKey().isEmpty() && r.replicaIdentity() == 'f') {
            return "no primary key (REPLICA IDENTITY FULL): it can be captured, but a view needs a unique key;"
                    + " add a primary key, or capture it with a view whose key: names unique, non-null columns";
        }
        return null;
    }

    private String privilege(SourceTables.Relation r) {
        if (!r.canSelect()) {
            return "user " + user + " may not read it (the initial snapshot SELECTs it): GRANT SELECT ON "
                    + Sql.table(r.table()) + " TO " + PipelineTemplate.identifier(user);
        }
        return null;
    }
}
