package io.syncline.cdc;

import io.syncline.config.PostgresSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The capture lock of a pipeline: a PostgreSQL session-level advisory lock, keyed by the database and
 * the replication slot ({@link #key}), on a connection of its own. The process whose session holds it
 * is the pipeline's one active capture ({@link CaptureLeadership}).
 *
 * <p>Harmless to the source: an advisory lock locks no table or row, and the connection runs nothing
 * but {@code pg_try_advisory_lock} (a standby, once a poll), an empty query (the holder, checking its
 * session is alive) and a few catalog reads. The server ends the session of a client it can no longer
 * reach after its TCP keepalives go unanswered (set per session: idle 10 s, then 3 probes 5 s apart),
 * which frees the lock of a partitioned holder for a standby within about 25 s.
 */
public final class CaptureLock implements CaptureLeadership.Lock {
    /** The session's TCP keepalives (server side): after 10 s idle, a probe every 5 s, gone after 3 unanswered. */
    private static final String KEEPALIVES = "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5"
            + " -c tcp_keepalives_count=3";
    /** How long the holder's liveness check waits for the server's answer. */
    private static final int CHECK_TIMEOUT_SECONDS = 10;
    /** PostgreSQL keeps application names up to 63 bytes. */
    private static final int APPLICATION_NAME_MAX = 63;

    private final Connection connection;
    private final long key;
    private final String slot;

    CaptureLock(Connection connection, long key, String slot) {
        this.connection = connection;
        this.key = key;
        this.slot = slot;
    }

    /**
     * Opens the lock's connection (named after this process, so a standby can say who holds the lock),
     * without taking the lock.
     */
    public static CaptureLock open(PostgresSpec postgres, String slot) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", applicationName());
        properties.setProperty("connectTimeout", "10");
        // A query the server does not answer (a partition) fails instead of hanging the leadership's thread.
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("options", KEEPALIVES);
        return new CaptureLock(PostgresConnections.open(postgres, properties), key(postgres.database(), slot), slot);
    }

    /**
     * The lock's key: the first 8 bytes of SHA-256 over the database and slot names, the same in every
     * process and version (PostgreSQL's own hash functions may change between major versions).
     */
    public static long key(String database, String slot) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("syncline capture\0" + database + "\0" + slot).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public boolean tryAcquire() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** A session-level advisory lock lasts as long as its session: the connection answering means it is still held. */
    @Override
    public boolean held() {
        try {
            return connection.isValid(CHECK_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * The session holding the lock, from {@code pg_locks} and {@code pg_stat_activity}: its application name
     * (a Syncline capture's names its host and process), backend PID and client address. A bigint key shows
     * as its high half in {@code classid} and its low half in {@code objid}, with {@code objsubid} 1.
     */
    @Override
    public Optional<String> holder() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT l.pid, a.application_name, host(a.client_addr)"
                + " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND l.classid::bigint = ? AND l.objid::bigint = ?")) {
            s.setLong(1, key >>> 32);
            s.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String application = rs.getString(2);
                String address = rs.getString(3);
                return Optional.of((application == null || application.isEmpty() ? "application unknown" : application)
                        + "; its PostgreSQL session: PID " + rs.getInt(1) + (address == null ? "" : " from " + address));
            }
        }
    }

    @Override
    public OptionalInt slotWalsender() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    @Override
    public Duration walSenderTimeout() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT setting::bigint FROM pg_settings WHERE name = 'wal_sender_timeout'")) {
            return rs.next() ? Duration.ofMillis(rs.getLong(1)) : Duration.ZERO;
        }
    }

    /** Ends the session, which releases the lock. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // The session is gone either way, and with it the lock.
        }
    }

    /** "syncline capture pid 4711 on host-a": who this process is, for a standby's log. */
    private static String applicationName() {
        String name = "syncline capture pid " + ProcessHandle.current().pid() + " on " + hostName();
        return name.length() <= APPLICATION_NAME_MAX ? name : name.substring(0, APPLICATION_NAME_MAX);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "an unknown host";
        }
    }
}
