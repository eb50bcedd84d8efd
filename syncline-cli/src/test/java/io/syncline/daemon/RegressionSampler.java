package io.syncline.daemon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads every sink at an interval while a pipeline runs and records any document whose ordering
 * value (a revision column, a version) went down between two reads: a sink that showed a newer
 * state and then an older one regressed, even if it ends equal to the source.
 */
final class RegressionSampler implements AutoCloseable {
    /** Whether a value that went from {@code before} to {@code now} is a regression. */
    interface Rule {
        boolean regressed(long before, long now);
    }

    /** Any decrease. */
    static final Rule ANY_DECREASE = (before, now) -> now < before;

    private final Map<String, Callable<Map<String, Long>>> probes;
    private final Rule rule;
    private final Duration interval;
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final List<String> regressions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread thread = new Thread(this::run, "regression-sampler");

    /** {@code probes}: per sink, a read of every document's ordering value by id. */
    RegressionSampler(Map<String, Callable<Map<String, Long>>> probes, Rule rule, Duration interval) {
        this.probes = new LinkedHashMap<>(probes);
        this.rule = rule;
        this.interval = interval;
    }

    RegressionSampler start() {
        thread.start();
        return this;
    }

    /** Rounds in which every sink was read. */
    int samples() {
        return samples.get();
    }

    List<String> regressions() {
        return new ArrayList<>(regressions);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    private void run() {
        while (running.get()) {
            try {
                for (Map.Entry<String, Callable<Map<String, Long>>> probe : probes.entrySet()) {
                    check(probe.getKey(), probe.getValue().call());
                }
                samples.incrementAndGet();
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // A target may not exist yet right after start; the next round reads again.
            }
        }
    }

    private void check(String sink, Map<String, Long> values) {
        // A document that disappears (deleted) keeps its last value here: it must not come back older.
        values.forEach((id, now) -> {
            Long before = lastSeen.put(sink + "/" + id, now);
            if (before != null && rule.regressed(before, now)) {
                regressions.add(sink + " document " + id + ": " + before + " -> " + now);
            }
        });
    }
}
