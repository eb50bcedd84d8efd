package io.syncline.cdc;

import io.syncline.config.PostgresSpec;
import io.syncline.config.Sizes;
import io.syncline.config.WalRetentionSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipeline's replication slot every {@code source.walRetention.checkInterval}, each time on a
 * short read-only connection of its own (one catalog query, no lock, nothing written, a statement timeout:
 * the application's own statements never wait for it). Keeps the last reading as a {@link SlotStatus};
 * logs a warning on entering WARNING, EXCEEDED, INVALIDATED or ABSENT and again at most every
 * {@link SlotRetention#REPEAT} while it lasts, and a line when the slot is back within its budget.
 *
 * <p>With {@code onExceeded: drop_slot}, the first reading above the budget stops capture
 * ({@code stopCapture}), drops the slot and records why ({@link #dropped()}): the pipeline stops, and its
 * next start sees the slot gone and captures as a new source generation ({@link SourceGeneration}).
 */
public final class SlotMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotMonitor.class);
    private static final Duration DROP_WAIT = Duration.ofSeconds(30);

    private final PostgresSpec postgres;
    private final String slot;
    private final WalRetentionSpec spec;
    private final Runnable stopCapture;
    private final Clock clock;
    /** How often the slot is read while it is not there yet, early after start. */
    private static final Duration SOON = Duration.ofSeconds(2);
    /** How long after start a missing slot is read that often. */
    private static final Duration EARLY = Duration.ofMinutes(2);

    private final AtomicReference<SlotStatus> status;
    private final AtomicReference<RuntimeException> dropped = new AtomicReference<>();
    private final ScheduledExecutorService scheduler;
    private SlotStatus.State logged = SlotStatus.State.UNKNOWN;
    private Instant loggedAt;
    private boolean readFailed;

    SlotMonitor(PostgresSpec postgres, String slot, WalRetentionSpec spec, Runnable stopCapture, Clock clock) {
        this.postgres = postgres;
        this.slot = slot;
        this.spec = spec;
        this.stopCapture = stopCapture;
        this.clock = clock;
        this.status = new AtomicReference<>(SlotStatus.unknown(slot, spec.budgetBytes(), spec.hasBudget() ? spec.warnBytes() : 0));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "syncline-slot-monitor-" + slot);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts reading {@code slot} every {@code spec.checkInterval()}, the first time at once; in
     * the first {@link #EARLY} after start, every {@link #SOON} while the slot is not there yet
     * (capture creates it on a first start), so its first figures do not wait a whole interval.
     *
     * @param stopCapture stops the capture cleanly (called before the slot is dropped with {@code drop_slot})
     */
    public static SlotMonitor start(PostgresSpec postgres, String slot, WalRetentionSpec spec, Runnable stopCapture) {
        SlotMonitor monitor = new SlotMonitor(postgres, slot, spec, stopCapture, Clock.systemUTC());
        long interval = spec.checkInterval().toNanos();
        long started = System.nanoTime();
        long[] lastCheck = {0};
        long tick = Math.min(SOON.toMillis(), spec.checkInterval().toMillis());
        monitor.scheduler.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            SlotStatus.State state = monitor.status().state();
            boolean waiting = (state == SlotStatus.State.UNKNOWN || state == SlotStatus.State.ABSENT)
                    && now - started < EARLY.toNanos();
            if (lastCheck[0] == 0 || now - lastCheck[0] >= interval || waiting) {
                lastCheck[0] = now;
                monitor.checkSafely();
            }
        }, 0, tick, TimeUnit.MILLISECONDS);
        return monitor;
    }

    /** The last reading. */
    public SlotStatus status() {
        return status.get();
    }

    /** Why the pipeline must stop: the slot was dropped above its budget ({@code drop_slot}). */
    public Optional<RuntimeException> dropped() {
        return Optional.ofNullable(dropped.get());
    }

    /** One reading of {@code slot} on {@code connection}, e.g. for {@code syncline validate --source}. */
    public static SlotStatus read(Connection connection, String slot, WalRetentionSpec spec) throws SQLException {
        return SlotRetention.status(slot, SlotReading.read(connection, slot, Instant.now()), spec);
    }

    /** The line {@code validate --source} prints for {@code status}. */
    public static String describe(SlotStatus status, WalRetentionSpec spec) {
        if (status.state() == SlotStatus.State.OK) {
            return "replication slot " + status.slot() + " retains " + Sizes.describe(Math.max(0, status.retainedBytes()))
                    + " of WAL" + (spec.hasBudget() ? " (" + Math.round(status.budgetUsed() * 100)
                    + "% of source.walRetention.budget " + Sizes.describe(spec.budgetBytes()) + ")" : " (no budget set)");
        }
        if (status.state() == SlotStatus.State.ABSENT) {
            return "replication slot " + status.slot() + " does not exist yet (or any more): it retains no WAL";
        }
        return SlotRetention.message(status, spec);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException | Error e) {
            LOG.warn("slot monitor of {}: {}", slot, e.toString(), e);
        }
    }

    /** One reading: updates the status, logs, and drops the slot above the budget with {@code drop_slot}. */
    void check() {
        if (dropped.get() != null) {
            return;
        }
        SlotStatus now;
        try (Connection connection = connect()) {
            now = SlotRetention.status(slot, SlotReading.read(connection, slot, clock.instant()), spec);
            if (readFailed) {
                LOG.info("slot monitor of {}: reading the slot works again", slot);
                readFailed = false;
            }
        } catch (SQLException e) {
            if (!readFailed) {
                LOG.warn("slot monitor of {}: cannot read the slot ({}); trying again every {}", slot, e.getMessage(),
                        spec.checkInterval());
                readFailed = true;
            }
            SlotStatus last = status.get();
            status.set(new SlotStatus(SlotStatus.State.UNKNOWN, slot, last.active(), last.walStatus(), last.retainedBytes(),
                    last.confirmedFlushLagBytes(), last.safeWalSizeBytes(), last.budgetBytes(), last.warnBytes(), clock.instant()));
            return;
        }
        status.set(now);
        SlotRetention.Log log = SlotRetention.logDecision(logged, loggedAt, now.state(), now.readAt());
        if (log == SlotRetention.Log.WARN) {
            LOG.warn("{}", SlotRetention.message(now, spec));
        } else if (log == SlotRetention.Log.INFO) {
            LOG.info("{}", SlotRetention.message(now, spec));
        }
        logged = SlotRetention.remembered(logged, now.state(), log);
        if (log != SlotRetention.Log.NONE) {
            loggedAt = now.readAt();
        }
        if (now.state() == SlotStatus.State.EXCEEDED && spec.onExceeded() == WalRetentionSpec.OnExceeded.DROP_SLOT) {
            dropSlot(now);
        }
    }

    private void dropSlot(SlotStatus exceeded) {
        String why = "replication slot " + slot + " retained " + Sizes.describe(exceeded.retainedBytes())
                + " of WAL, above source.walRetention.budget " + Sizes.describe(spec.budgetBytes())
                + " (onExceeded: drop_slot)";
        LOG.warn("{}: stopping capture", why);
        stopCapture.run();
        try (Connection connection = PostgresConnections.open(postgres)) {
            Instant deadline = clock.instant().plus(DROP_WAIT);
            while (true) {
                ReplicationSlot state = ReplicationSlot.of(connection, slot);
                if (state == ReplicationSlot.ABSENT) {
                    break;
                }
                try {
                    ReplicationSlot.drop(connection, slot);
                    break;
                } catch (SQLException inUse) {
                    // 55006: the walsender has not let go of it yet.
                    if (!"55006".equals(inUse.getSQLState()) || clock.instant().isAfter(deadline)) {
                        throw inUse;
                    }
                    Thread.sleep(500);
                }
            }
        } catch (SQLException e) {
            dropped.set(new SlotDroppedException(why + ": capture stopped, but dropping the slot failed (" + e.getMessage()
                    + "); drop it by hand (SELECT pg_drop_replication_slot('" + slot + "')) or run syncline reset --source;"
                    + " the next start captures as a new source generation with a new snapshot", e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.set(new SlotDroppedException(why + ": capture stopped; interrupted while dropping the slot", e));
            return;
        }
        status.set(new SlotStatus(SlotStatus.State.ABSENT, slot, false, null, -1, -1, -1, exceeded.budgetBytes(),
                exceeded.warnBytes(), clock.instant()));
        SlotDroppedException done = new SlotDroppedException(why + ": capture stopped and the slot dropped, so"
                + " PostgreSQL can recycle that WAL. The next start (syncline run) captures as a new source generation:"
                + " a new slot, a new snapshot of every captured table, then the rows the source no longer has are deleted"
                + " from every view and sink", null);
        LOG.warn("{}", done.getMessage());
        dropped.set(done);
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "syncline-slot-monitor");
        properties.setProperty("readOnly", "true");
        properties.setProperty("readOnlyMode", "always");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("options", "-c statement_timeout=10000");
        return PostgresConnections.open(postgres, properties);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The slot was dropped above its budget ({@code drop_slot}): the pipeline stops, its next start re-snapshots. */
    public static final class SlotDroppedException extends RuntimeException {
        SlotDroppedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
