package io.syncline.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Waits until every probe has counted its target, each polled on its own thread so that a slow
 * count (a full scan) does not delay noticing another store. A probe's time is taken when the
 * count that reached the target returned: at most one poll interval plus one count late, so a rate
 * is never overstated. A count that fails (index, collection or table not created yet) counts as
 * not there yet. A probe still short of its target when the timeout runs out yields a
 * {@linkplain Measurement#complete() partial} measurement of what had arrived, so one slow store
 * does not void the others' numbers.
 *
 * <p>Counting is not free: a filtered count on mongo-java-server scans the collection while holding
 * its lock, which stalls the very writes being measured. So a probe waits at least
 * {@value #IDLE_PER_BUSY} times as long as its last count took: it keeps a store busy at most a
 * tenth of the time, and its resolution coarsens only where counting is slow. But it never waits
 * longer than a tenth of the time since the start: a count that queued behind the writes (and took
 * seconds though the scan itself is short) must not make the probe notice the end minutes late. So
 * a probe's time is late by at most a tenth, plus one poll interval and one count.
 */
final class Convergence {
    private static final int IDLE_PER_BUSY = 9;

    /** What a probe reads: a count that grows towards its target. */
    @FunctionalInterface
    interface Count {
        long read() throws Exception;
    }

    /** One thing to wait for. */
    record Probe(String name, long target, Count count, Duration pollInterval) {
    }

    /** A probe being polled: its latest count and error, for the report when it times out. */
    private record Polling(Probe probe, AtomicLong reached, AtomicReference<String> lastError) {
    }

    private final Duration timeout;
    private final Supplier<Optional<String>> failure;

    /** @param failure why waiting is pointless (a stopped pipeline), checked on every poll */
    Convergence(Duration timeout, Supplier<Optional<String>> failure) {
        this.timeout = timeout;
        this.failure = failure;
    }

    /** From {@code startNanos} until each probe reached its target (or the timeout), by probe name. */
    Map<String, Measurement> await(long startNanos, List<Probe> probes) throws Exception {
        ExecutorService pollers = Executors.newFixedThreadPool(probes.size(), r -> {
            Thread thread = new Thread(r, "convergence-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Polling, Future<Measurement>> pending = new LinkedHashMap<>();
            for (Probe probe : probes) {
                Polling polling = new Polling(probe, new AtomicLong(), new AtomicReference<>());
                pending.put(polling, pollers.submit(() -> poll(startNanos, polling)));
            }
            long deadline = startNanos + timeout.toNanos();
            Map<String, Measurement> reached = new LinkedHashMap<>();
            for (Map.Entry<Polling, Future<Measurement>> entry : pending.entrySet()) {
                reached.put(entry.getKey().probe().name(), result(startNanos, deadline, entry.getKey(), entry.getValue()));
            }
            return reached;
        } finally {
            pollers.shutdownNow();
        }
    }

    private Measurement poll(long startNanos, Polling polling) throws Exception {
        Probe probe = polling.probe();
        while (true) {
            Optional<String> stopped = failure.get();
            if (stopped.isPresent()) {
                throw new IllegalStateException(probe.name() + ": " + stopped.get());
            }
            long began = System.nanoTime();
            try {
                long count = probe.count().read();
                polling.reached().set(count);
                polling.lastError().set(null);
                if (count >= probe.target()) {
                    return Measurement.since(startNanos, probe.target());
                }
            } catch (Exception e) {
                polling.lastError().set(e.toString());
            }
            long countMillis = (System.nanoTime() - began) / 1_000_000;
            long sinceStartMillis = (System.nanoTime() - startNanos) / 1_000_000;
            Thread.sleep(Math.max(probe.pollInterval().toMillis(),
                    Math.min(IDLE_PER_BUSY * countMillis, sinceStartMillis / (IDLE_PER_BUSY + 1))));
        }
    }

    private Measurement result(long startNanos, long deadline, Polling polling, Future<Measurement> future)
            throws Exception {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            Measurement partial = Measurement.timedOut(startNanos, polling.reached().get());
            String error = polling.lastError().get();
            System.err.printf(Locale.ROOT, "[bench] %s did not finish within %s: %,d of %,d%s%n", polling.probe().name(), timeout,
                    partial.count(), polling.probe().target(), error == null ? "" : "; last error: " + error);
            return partial;
        }
    }
}
