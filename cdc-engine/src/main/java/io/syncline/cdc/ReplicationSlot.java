package io.syncline.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The state of the capture's replication slot in PostgreSQL, and dropping it. */
enum ReplicationSlot {
    /** No slot of that name. */
    ABSENT,
    /** It exists and PostgreSQL still has the WAL it needs. */
    USABLE,
    /** Invalidated ({@code wal_status} lost, by {@code max_slot_wal_keep_size}): its WAL is gone, it can never stream again. */
    LOST;

    static ReplicationSlot of(Connection connection, String slot) throws SQLException {
        // to_jsonb: wal_status exists from PostgreSQL 13 on; before, a slot cannot be invalidated.
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT to_jsonb(r) ->> 'wal_status' FROM pg_replication_slots r WHERE slot_name = ?")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return ABSENT;
                }
                return "lost".equals(rs.getString(1)) ? LOST : USABLE;
            }
        }
    }

    static void drop(Connection connection, String slot) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            s.setString(1, slot);
            s.execute();
        }
    }
}
