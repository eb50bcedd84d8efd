package io.syncline.cdc;

import io.syncline.config.PostgresSpec;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One active capture per pipeline, and standbys that take over when it goes, with nothing but the
 * source database to coordinate: the process holding the pipeline's {@link CaptureLock} captures; every
 * other process with the capture role stands by, tries the lock every {@link #POLL} and, once it has it,
 * waits for the slot's last walsender to go and starts capturing. A leader whose lock session is lost
 * stops capturing and stands by again.
 *
 * <p>The lock decides who tries; the slot decides who streams: PostgreSQL lets one walsender use a slot
 * at a time, so a leader that lost its lock and has not noticed yet cannot stream beside the new one
 * (which waits for the slot to be free, and whose preflight refuses a slot in use).
 */
public final class CaptureLeadership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureLeadership.class);
    /** How often a standby tries the lock and the leader checks its lock session still answers. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** How long past {@code wal_sender_timeout} a new leader waits for the previous capture's walsender. */
    static final Duration RELEASE_MARGIN = Duration.ofSeconds(15);
    /** PostgreSQL's default {@code wal_sender_timeout}, for a server that has it switched off (0). */
    private static final Duration DEFAULT_WAL_SENDER_TIMEOUT = Duration.ofSeconds(60);
    /** How often a standby reads who holds the lock, to log a new holder. */
    private static final Duration HOLDER_REFRESH = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    /** Where this process is. */
    public enum State {
        /** Another process holds the lock; this one tries it every {@link #POLL}. */
        STANDBY,
        /** This process took the lock and waits for the slot, or starts capturing. */
        TAKING_OVER,
        /** This process holds the lock and captures. */
        LEADING,
        /** Starting capture after a takeover failed ({@link #failure()}); the process should stop. */
        FAILED
    }

    /** What the leader runs. */
    public interface Capture {
        /** Starts capturing (preflight, Debezium), once the slot is free or the wait for it ran out. */
        void start() throws Exception;

        /** Stops capturing gracefully (its offsets flush); called once after each start. */
        void stop();
    }

    /** The lock on its own session ({@link CaptureLock}), and what a new leader reads about the slot. */
    interface Lock extends AutoCloseable {
        /** Takes the lock if no other session holds it; never waits. */
        boolean tryAcquire() throws SQLException;

        /** Whether the session holding the lock still answers. */
        boolean held();

        /** Who holds the lock, when a session does and it is visible. */
        Optional<String> holder() throws SQLException;

        /** The PID of the walsender streaming from the slot, if one does. */
        OptionalInt slotWalsender() throws SQLException;

        /** How long the server keeps a walsender whose client stopped answering (zero: no limit). */
        Duration walSenderTimeout() throws SQLException;

        @Override
        void close();
    }

    interface Opener {
        Lock open() throws SQLException;
    }

    private final Opener opener;
    private final String slot;
    private final Capture capture;
    private final Duration poll;
    private final Duration releaseMargin;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile State state = State.STANDBY;
    private volatile String standbyReason;
    private volatile Throwable failure;
    /** Only the caller of {@link #start} and then the leadership's thread use it; {@link #close} after that thread ended. */
    private Lock lock;
    private long standingBySince;
    private long holderReadAt;
    private String holderLogged;
    private boolean unreachableLogged;

    private CaptureLeadership(Opener opener, String slot, Capture capture, Duration poll, Duration releaseMargin) {
        this.opener = opener;
        this.slot = slot;
        this.capture = capture;
        this.poll = poll;
        this.releaseMargin = releaseMargin;
        this.thread = new Thread(this::run, "syncline-capture-leadership-" + slot);
        this.thread.setDaemon(true);
    }

    /**
     * Tries the capture lock of {@code slot} once: with it, waits for the slot to be free and starts
     * {@code capture} before returning (its preflight's refusal is thrown, as without leadership);
     * without it, returns at once as a standby. Either way it then watches the lock in the background.
     *
     * @throws SQLException when PostgreSQL cannot be reached for the lock
     */
    public static CaptureLeadership start(PostgresSpec postgres, String slot, Capture capture) throws Exception {
        return start(() -> CaptureLock.open(postgres, slot), slot, capture, POLL, RELEASE_MARGIN);
    }

    static CaptureLeadership start(Opener opener, String slot, Capture capture, Duration poll, Duration releaseMargin)
            throws Exception {
        CaptureLeadership leadership = new CaptureLeadership(opener, slot, capture, poll, releaseMargin);
        leadership.begin();
        return leadership;
    }

    private void begin() throws Exception {
        lock = opener.open();
        try {
            if (lock.tryAcquire()) {
                LOG.info("capture: this process holds the capture lock of slot {}; starting capture", slot);
                state = State.TAKING_OVER;
                awaitSlotFree();
                capture.start();
                state = State.LEADING;
            } else {
                standBy();
            }
        } catch (Exception | Error e) {
            closeLock();
            throw e;
        }
        thread.start();
    }

    public State state() {
        return state;
    }

    /** While standing by: who holds the lock, as the log said. */
    public Optional<String> standbyReason() {
        return state == State.STANDBY ? Optional.ofNullable(standbyReason) : Optional.empty();
    }

    /** Why starting capture after a takeover failed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        try {
            while (!closing.await(poll.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    switch (state) {
                        case LEADING -> checkStillLeading();
                        case STANDBY -> tryToTakeOver();
                        default -> {
                            return;
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.warn("capture leadership of slot {}: {}", slot, e.toString(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkStillLeading() {
        if (lock.held()) {
            return;
        }
        LOG.warn("capture: lost the capture lock of slot {} (its session with PostgreSQL is gone): stopping capture and"
                + " standing by; whichever process takes the lock next captures (the slot lets one stream at a time)", slot);
        closeLock();
        standbyReason = "lost the capture lock; trying to take it again";
        standingBySince = System.nanoTime();
        holderReadAt = System.nanoTime() - HOLDER_REFRESH.toNanos();
        holderLogged = null;
        state = State.STANDBY;
        capture.stop();
    }

    private void tryToTakeOver() throws InterruptedException {
        try {
            if (lock == null) {
                lock = opener.open();
            }
            boolean acquired = lock.tryAcquire();
            unreachableLogged = false;
            if (!acquired) {
                if (System.nanoTime() - holderReadAt >= HOLDER_REFRESH.toNanos()) {
                    readHolder();
                }
                return;
            }
        } catch (SQLException e) {
            closeLock();
            if (!unreachableLogged) {
                LOG.warn("capture standby: cannot try the capture lock of slot {} ({}); trying again every {}", slot,
                        e.getMessage(), seconds(poll));
                unreachableLogged = true;
            }
            return;
        }
        LOG.info("capture taking over: took the capture lock of slot {} after standing by for {}", slot,
                seconds(Duration.ofNanos(System.nanoTime() - standingBySince)));
        state = State.TAKING_OVER;
        try {
            awaitSlotFree();
        } catch (SQLException e) {
            LOG.warn("capture: lost the capture lock of slot {} while waiting for the slot ({}); standing by", slot,
                    e.getMessage());
            closeLock();
            state = State.STANDBY;
            return;
        }
        try {
            capture.start();
            state = State.LEADING;
            LOG.info("capture active: this process captures from slot {} now", slot);
        } catch (Exception e) {
            failure = e;
            state = State.FAILED;
        }
    }

    /**
     * After taking the lock: waits while a walsender still streams from the slot, the previous capture's
     * (PostgreSQL ends it when it sees its client gone: at once after a crash, after
     * {@code wal_sender_timeout} for a client it cannot reach). After that long and
     * {@link #RELEASE_MARGIN} more, capture is started anyway, and its preflight names whoever holds the slot.
     *
     * @throws SQLException when the lock's session is lost meanwhile
     */
    private void awaitSlotFree() throws SQLException, InterruptedException {
        OptionalInt walsender = lock.slotWalsender();
        if (walsender.isEmpty()) {
            return;
        }
        Duration timeout = lock.walSenderTimeout();
        Duration bound = (timeout.isZero() ? DEFAULT_WAL_SENDER_TIMEOUT : timeout).plus(releaseMargin);
        LOG.info("capture: waiting up to {} for slot {} to be free: walsender PID {} still streams from it (the previous"
                + " capture's, which PostgreSQL ends once it notices that process gone: wal_sender_timeout is {})",
                seconds(bound), slot, walsender.getAsInt(), timeout.isZero() ? "off" : seconds(timeout));
        long started = System.nanoTime();
        while (walsender.isPresent() && System.nanoTime() - started < bound.toNanos()) {
            if (closing.await(poll.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("closing");
            }
            if (!lock.held()) {
                throw new SQLException("the capture lock's session with PostgreSQL is gone");
            }
            walsender = lock.slotWalsender();
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        if (walsender.isPresent()) {
            LOG.warn("capture: slot {} is still in use by walsender PID {} after {}; starting capture anyway (its preflight"
                    + " refuses a slot in use)", slot, walsender.getAsInt(), seconds(waited));
        } else {
            LOG.info("capture: slot {} is free after {}", slot, seconds(waited));
        }
    }

    private void standBy() throws SQLException {
        standingBySince = System.nanoTime();
        readHolder();
    }

    /**
     * Reads who holds the lock and which walsender streams from the slot into {@link #standbyReason}; logs it
     * when another session holds the lock than the last time.
     */
    private void readHolder() throws SQLException {
        holderReadAt = System.nanoTime();
        Optional<String> holder = lock.holder();
        OptionalInt walsender = lock.slotWalsender();
        String held = holder.orElse("its session is not visible");
        standbyReason = "slot " + slot + " is held by another Syncline process (" + held
                + (walsender.isPresent() ? "; walsender PID " + walsender.getAsInt() + " streams from the slot"
                : "; no walsender streams from the slot yet") + ")";
        if (!held.equals(holderLogged)) {
            LOG.info("capture standby: {}; taking over when it goes", standbyReason);
            holderLogged = held;
        }
    }

    private void closeLock() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * Stops watching the lock, stops capture if this process leads (its offsets flush), then releases the
     * lock, so a standby finds the slot about free when it takes over.
     */
    @Override
    public void close() {
        closing.countDown();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("capture leadership of slot {} did not stop within {}", slot, STOP_TIMEOUT);
        }
        if (state == State.LEADING) {
            capture.stop();
        }
        closeLock();
    }
}
