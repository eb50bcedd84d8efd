package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.config.PostgresSpec;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/**
 * {@link CaptureLock} and {@link CaptureLeadership} on a real PostgreSQL: one session holds the lock, a
 * standby names it, and takes over from a leader whose session the server ended once that leader's
 * walsender let go of the slot.
 */
@RealServices
class CaptureLeadershipIT {
    private static final String SLOT = "lead_slot";
    private static PostgresEndpoint server;
    private static PostgresEndpoint db;

    @BeforeAll
    static void createDatabase(PostgresEndpoint pg) throws Exception {
        server = pg;
        db = pg.createDatabase("cdc_leadership");
        Fixtures.execute(db, "CREATE PUBLICATION lead_pub",
                "SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')");
    }

    @AfterAll
    static void dropSlots() throws Exception {
        Fixtures.dropSlots(server, "lead_");
    }

    @Test
    void oneSessionHoldsTheLockAndAnotherNamesItsProcess() throws Exception {
        PostgresSpec postgres = Fixtures.postgres(db);
        try (CaptureLock first = CaptureLock.open(postgres, "lock_only_slot");
             CaptureLock second = CaptureLock.open(postgres, "lock_only_slot");
             CaptureLock otherSlot = CaptureLock.open(postgres, "other_slot")) {
            assertThat(second.holder()).isEmpty();
            assertThat(first.tryAcquire()).isTrue();
            assertThat(second.tryAcquire()).isFalse();
            assertThat(otherSlot.tryAcquire()).as("another slot's lock").isTrue();

            int holderPid = lockHolders(CaptureLock.key(db.database(), "lock_only_slot")).get(0);
            assertThat(second.holder().orElseThrow()).startsWith("syncline capture pid " + ProcessHandle.current().pid() + " on "
                    + hostName() + "; its PostgreSQL session: PID " + holderPid + " from ");
            assertThat(second.slotWalsender()).isEmpty();
            assertThat(second.walSenderTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(first.held()).isTrue();

            terminate(holderPid);
            assertThat(first.held()).as("a terminated session's lock").isFalse();
            assertThat(second.tryAcquire()).isTrue();
        }
        assertThat(lockHolders(CaptureLock.key(db.database(), "lock_only_slot"))).as("closed sessions hold nothing").isEmpty();
    }

    @Test
    void aStandbyTakesOverFromALeaderWhoseSessionEndedOnceTheSlotIsFree() throws Exception {
        PostgresSpec postgres = Fixtures.postgres(db);
        StreamingCapture leaderCapture = new StreamingCapture();
        StreamingCapture standbyCapture = new StreamingCapture();
        try (CaptureLeadership leader = CaptureLeadership.start(postgres, SLOT, leaderCapture);
             CaptureLeadership standby = CaptureLeadership.start(postgres, SLOT, standbyCapture)) {
            assertThat(leader.state()).isEqualTo(CaptureLeadership.State.LEADING);
            assertThat(standby.state()).isEqualTo(CaptureLeadership.State.STANDBY);
            assertThat(standby.standbyReason().orElseThrow()).startsWith("slot " + SLOT + " is held by another Syncline"
                    + " process (syncline capture pid " + ProcessHandle.current().pid())
                    .endsWith("; walsender PID " + activePid() + " streams from the slot)");
            Thread.sleep(3_000);
            assertThat(standbyCapture.starts.get()).as("a standby's captures while the leader holds the lock").isZero();

            terminate(lockHolders(CaptureLock.key(db.database(), SLOT)).get(0));

            await().atMost(Duration.ofSeconds(30)).until(() -> standby.state() == CaptureLeadership.State.LEADING);
            assertThat(standbyCapture.slotFreeAtStart.get()).as("the slot was free when the new leader started").isTrue();
            assertThat(leader.state()).isEqualTo(CaptureLeadership.State.STANDBY);
            assertThat(leaderCapture.stops.get()).isEqualTo(1);
            Thread.sleep(3_000);
            assertThat(leader.state()).as("the old leader stands by").isEqualTo(CaptureLeadership.State.STANDBY);
            assertThat(leaderCapture.starts.get()).isEqualTo(1);
        }
        assertThat(standbyCapture.stops.get()).isEqualTo(1);
    }

    /** Streams from the slot as a capture's walsender would, until stopped. */
    private static final class StreamingCapture implements CaptureLeadership.Capture {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        final AtomicBoolean slotFreeAtStart = new AtomicBoolean();
        private Connection replication;
        private PGReplicationStream stream;

        @Override
        public void start() throws Exception {
            slotFreeAtStart.set(activePid() < 0);
            replication = replicationConnection();
            stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                    .withSlotName(SLOT).withSlotOption("proto_version", "1").withSlotOption("publication_names", "lead_pub")
                    .start();
            starts.incrementAndGet();
        }

        @Override
        public void stop() {
            try {
                stream.close();
                replication.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            stops.incrementAndGet();
        }
    }

    private static Connection replicationConnection() throws Exception {
        Properties p = new Properties();
        PGProperty.USER.set(p, db.user());
        PGProperty.PASSWORD.set(p, db.password());
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }

    private static int activePid() throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active")) {
            s.setString(1, SLOT);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    /** The backends holding the advisory lock {@code key}, read independently of {@link CaptureLock}. */
    private static List<Integer> lockHolders(long key) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT pid FROM pg_locks"
                + " WHERE locktype = 'advisory' AND granted AND objsubid = 1"
                + " AND ((classid::bigint << 32) | objid::bigint) = ?")) {
            s.setLong(1, key);
            List<Integer> pids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
            return pids;
        }
    }

    private static void terminate(int pid) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
            s.setInt(1, pid);
            s.execute();
        }
    }

    private static String hostName() throws Exception {
        String host = System.getenv("HOSTNAME");
        return host != null && !host.isBlank() ? host : java.net.InetAddress.getLocalHost().getHostName();
    }
}
