package io.syncline.bench;

import java.util.Map;

/**
 * What H measured in one round.
 *
 * @param plan         the backlog's rows and passes
 * @param javaOpts     the daemon's JVM flags as asked (the GC log flag is added to them)
 * @param writeSeconds how long writing the backlog took (the daemon stopped)
 * @param drain        by {@link DaemonBacklog.Stage}, from the daemon's start; the sinks' in changes
 * @param gc           the draining daemon's GC log; null when it did not run
 * @param snapshotGc   the GC log of the daemon that took the snapshot before the backlog
 * @param peakRssMb    the draining daemon's peak resident memory (VmHWM), -1 when unknown
 * @param exitCode     how the draining daemon ended (after SIGTERM, or of its own)
 * @param failure      why the drain stopped early (the daemon died or ran out of memory), else null
 * @param status       the daemon's command line and notes, or why H did not run
 */
record BacklogResult(DaemonBacklog.Plan plan, String javaOpts, double writeSeconds, Map<DaemonBacklog.Stage, Measurement> drain,
                     GcLog gc, GcLog snapshotGc, long peakRssMb, int exitCode, boolean outOfMemory, String failure,
                     String status) {
    BacklogResult {
        drain = Map.copyOf(drain);
    }

    static BacklogResult notRun(DaemonBacklog.Plan plan, String javaOpts, String why) {
        return new BacklogResult(plan, javaOpts, Double.NaN, Map.of(), null, null, -1, 0, false, why, "not run");
    }

    boolean drained() {
        Measurement all = drain.get(DaemonBacklog.Stage.ALL_SINKS);
        return failure == null && all != null && all.complete();
    }
}
