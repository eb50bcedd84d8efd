package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link CaptureLeadership} against an in-memory lock server: who captures, and when. */
class CaptureLeadershipTest {
    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LockServer server = new LockServer();
    private final RecordingCapture capture = new RecordingCapture();
    private CaptureLeadership leadership;

    @AfterEach
    void close() {
        if (leadership != null) {
            leadership.close();
        }
    }

    @Test
    void aFreeLockMakesThisProcessCaptureBeforeStartReturns() throws Exception {
        leadership = start(Duration.ofSeconds(15));

        assertThat(leadership.state()).isEqualTo(CaptureLeadership.State.LEADING);
        assertThat(capture.starts.get()).isEqualTo(1);
        assertThat(leadership.standbyReason()).isEmpty();
    }

    @Test
    void aStandbyNeverCapturesWhileTheHolderLivesAndTakesOverWhenItGoes() throws Exception {
        FakeLock other = server.open();
        assertThat(other.tryAcquire()).isTrue();
        server.walsender = 77;

        leadership = start(Duration.ofSeconds(15));

        assertThat(leadership.state()).isEqualTo(CaptureLeadership.State.STANDBY);
        assertThat(leadership.standbyReason()).contains("slot s1 is held by another Syncline process (syncline capture"
                + " pid 1 on host-a; its PostgreSQL session: PID 11; walsender PID 77 streams from the slot)");
        Thread.sleep(POLL.multipliedBy(20).toMillis());
        assertThat(capture.starts.get()).as("capture started while another process holds the lock").isZero();

        other.close();
        server.walsender = null;
        await().atMost(WAIT).until(() -> leadership.state() == CaptureLeadership.State.LEADING);
        assertThat(capture.starts.get()).isEqualTo(1);
    }

    @Test
    void theNewLeaderWaitsForThePreviousCapturesWalsender() throws Exception {
        FakeLock other = server.open();
        other.tryAcquire();
        server.walsender = 77;
        leadership = start(Duration.ofSeconds(15));

        other.close(); // its walsender lingers
        await().atMost(WAIT).until(() -> leadership.state() == CaptureLeadership.State.TAKING_OVER);
        Thread.sleep(POLL.multipliedBy(20).toMillis());
        assertThat(capture.starts.get()).as("capture started while the slot is in use").isZero();

        server.walsender = null;
        await().atMost(WAIT).until(() -> leadership.state() == CaptureLeadership.State.LEADING);
        assertThat(capture.starts.get()).isEqualTo(1);
    }

    @Test
    void aSlotStillInUseAfterWalSenderTimeoutAndTheMarginIsLeftToThePreflight() throws Exception {
        server.walSenderTimeout = Duration.ofMillis(100);
        server.walsender = 77; // not a Syncline capture: it holds no lock

        long started = System.nanoTime();
        leadership = start(Duration.ofMillis(100));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(capture.starts.get()).isEqualTo(1);
    }

    @Test
    void aLeaderWhoseLockSessionIsLostStopsCapturingAndStandsBy() throws Exception {
        leadership = start(Duration.ofSeconds(15));
        FakeLock other = server.open();

        server.loseSessionOfHolder();
        assertThat(other.tryAcquire()).isTrue();
        await().atMost(WAIT).until(() -> leadership.state() == CaptureLeadership.State.STANDBY);
        assertThat(capture.stops.get()).isEqualTo(1);
        Thread.sleep(POLL.multipliedBy(20).toMillis());
        assertThat(capture.starts.get()).isEqualTo(1);

        other.close();
        await().atMost(WAIT).until(() -> leadership.state() == CaptureLeadership.State.LEADING);
        assertThat(capture.starts.get()).isEqualTo(2);
    }

    @Test
    void aStandbyKeepsTryingWhilePostgresCannotBeReached() throws Exception {
        FakeLock other = server.open();
        other.tryAcquire();
        leadership = start(Duration.ofSeconds(15));

        server.reachable = false;
        server.loseSessionOfHolder();
        Thread.sleep(POLL.multipliedBy(20).toMillis());
        assertThat(leadership.state()).isEqualTo(CaptureLeadership.State.STANDBY);

        server.reachable = true;
        await().atMost(WAIT).until(() -> leadership.state() == CaptureLeadership.State.LEADING);
        assertThat(capture.starts.get()).isEqualTo(1);
    }

    @Test
    void aCaptureThatCannotStartAfterTakingOverIsAFailure() throws Exception {
        FakeLock other = server.open();
        other.tryAcquire();
        leadership = start(Duration.ofSeconds(15));
        capture.refusal = new PreflightException(List.of("no"));

        other.close();
        await().atMost(WAIT).until(() -> leadership.state() == CaptureLeadership.State.FAILED);
        assertThat(leadership.failure()).containsSame(capture.refusal);
    }

    @Test
    void aRefusalAtTheFirstStartIsThrownAndReleasesTheLock() {
        capture.refusal = new PreflightException(List.of("no"));

        assertThatThrownBy(() -> start(Duration.ofSeconds(15))).isSameAs(capture.refusal);
        assertThat(server.holder).isNull();
    }

    @Test
    void closingStopsCaptureThenReleasesTheLock() throws Exception {
        leadership = start(Duration.ofSeconds(15));

        leadership.close();
        leadership = null;

        assertThat(capture.stops.get()).isEqualTo(1);
        assertThat(server.holder).isNull();
    }

    private CaptureLeadership start(Duration releaseMargin) throws Exception {
        return CaptureLeadership.start(server::open, "s1", capture, POLL, releaseMargin);
    }

    /** One PostgreSQL server's view of the lock and the slot. */
    private static final class LockServer {
        volatile FakeLock holder;
        volatile Integer walsender;
        volatile Duration walSenderTimeout = Duration.ofSeconds(60);
        volatile boolean reachable = true;
        private final AtomicInteger sessions = new AtomicInteger(10);

        FakeLock open() throws SQLException {
            check();
            return new FakeLock(this, sessions.incrementAndGet());
        }

        void check() throws SQLException {
            if (!reachable) {
                throw new SQLException("Connection refused");
            }
        }

        /** The server ends the holder's session (terminated, or its client stopped answering). */
        void loseSessionOfHolder() {
            holder.lost = true;
            holder = null;
        }
    }

    private static final class FakeLock implements CaptureLeadership.Lock {
        private final LockServer server;
        private final int pid;
        volatile boolean lost;

        FakeLock(LockServer server, int pid) {
            this.server = server;
            this.pid = pid;
        }

        @Override
        public boolean tryAcquire() throws SQLException {
            alive();
            synchronized (server) {
                if (server.holder == null || server.holder == this) {
                    server.holder = this;
                    return true;
                }
                return false;
            }
        }

        @Override
        public boolean held() {
            return !lost && server.reachable;
        }

        @Override
        public Optional<String> holder() throws SQLException {
            alive();
            FakeLock holder = server.holder;
            return holder == null ? Optional.empty()
                    : Optional.of("syncline capture pid 1 on host-a; its PostgreSQL session: PID " + holder.pid);
        }

        @Override
        public OptionalInt slotWalsender() throws SQLException {
            alive();
            Integer pid = server.walsender;
            return pid == null ? OptionalInt.empty() : OptionalInt.of(pid);
        }

        @Override
        public Duration walSenderTimeout() throws SQLException {
            alive();
            return server.walSenderTimeout;
        }

        private void alive() throws SQLException {
            server.check();
            if (lost) {
                throw new SQLException("This connection has been closed.");
            }
        }

        @Override
        public void close() {
            synchronized (server) {
                if (server.holder == this) {
                    server.holder = null;
                }
            }
        }
    }

    private static final class RecordingCapture implements CaptureLeadership.Capture {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        volatile Exception refusal;

        @Override
        public void start() throws Exception {
            if (refusal != null) {
                throw refusal;
            }
            starts.incrementAndGet();
        }

        @Override
        public void stop() {
            stops.incrementAndGet();
        }
    }
}
