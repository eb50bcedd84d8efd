package io.syncline.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One read of a replication slot in {@code pg_replication_slots}. Null numbers are unknown: an invalidated
 * slot has no {@code restart_lsn}, {@code safe_wal_size} exists from PostgreSQL 13 on and is null without
 * {@code max_slot_wal_keep_size}.
 */
record SlotReading(boolean exists, boolean active, String walStatus, Long retainedBytes, Long confirmedFlushLagBytes,
                   Long safeWalSizeBytes, Instant at) {

    /** Reads only a catalog view and WAL positions: takes no lock, writes nothing. */
    static final String QUERY = "SELECT r.active, to_jsonb(r) ->> 'wal_status',"
            + " pg_wal_lsn_diff(pg_current_wal_lsn(), r.restart_lsn)::bigint,"
            + " pg_wal_lsn_diff(pg_current_wal_lsn(), r.confirmed_flush_lsn)::bigint,"
            + " (to_jsonb(r) ->> 'safe_wal_size')::bigint"
            + " FROM pg_replication_slots r WHERE r.slot_name = ?";

    static SlotReading absent(Instant at) {
        return new SlotReading(false, false, null, null, null, null, at);
    }

    static SlotReading read(Connection connection, String slot, Instant at) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(QUERY)) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return absent(at);
                }
                return new SlotReading(true, rs.getBoolean(1), rs.getString(2), (Long) rs.getObject(3, Long.class),
                        rs.getObject(4, Long.class), rs.getObject(5, Long.class), at);
            }
        }
    }
}
