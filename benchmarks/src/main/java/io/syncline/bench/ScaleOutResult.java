package io.syncline.bench;

import java.util.List;
import java.util.Map;

/**
 * What W measured in one round.
 *
 * @param plan     the backlog each configuration drained
 * @param javaOpts the processes' JVM flags
 * @param drains   by the number of workers (1 and 2)
 * @param split    how the two workers shared each sink's partitions before one was killed, or null
 * @param worker   a worker SIGKILLed while the other runs on
 * @param capture  the active capture SIGKILLed while a second capture process stands by
 * @param notes    the processes' command lines and exit codes, per configuration
 */
record ScaleOutResult(DaemonBacklog.Plan plan, String javaOpts, Map<Integer, Drain> drains, String split, Failover worker,
                      Failover capture, List<String> notes) {
    ScaleOutResult {
        drains = Map.copyOf(drains);
        notes = List.copyOf(notes);
    }

    /**
     * One configuration's drain, from the processes' start.
     *
     * @param stages  by {@link DaemonBacklog.Stage}: all processes started, the capture's records, each sink and all
     *                three (the sinks' in changes)
     * @param failure why it did not drain (a process died, the snapshot did not arrive), else null
     */
    record Drain(int workers, Map<DaemonBacklog.Stage, Measurement> stages, String failure) {
        Drain {
            stages = Map.copyOf(stages);
        }

        static Drain notRun(int workers, String why) {
            return new Drain(workers, Map.of(), why);
        }

        boolean drained() {
            Measurement all = stages.get(DaemonBacklog.Stage.ALL_SINKS);
            return failure == null && all != null && all.complete();
        }

        /** Changes per second into all three sinks; NaN when it did not drain. */
        double rate() {
            return drained() ? stages.get(DaemonBacklog.Stage.ALL_SINKS).perSecond() : Double.NaN;
        }
    }

    /**
     * A process killed and the pipeline going on without it, both timed from the SIGKILL.
     *
     * @param takeover until the others took its work over (a worker's: every sink's partitions held by the survivor; a
     *                 capture's: the standby streams); null when not measured
     * @param visible  until a change written right after the kill was in every sink
     * @param note     why it was not measured, or what it found
     */
    record Failover(Measurement takeover, Measurement visible, String note) {
        static Failover notMeasured(String why) {
            return new Failover(null, null, why);
        }

        boolean measured() {
            return takeover != null;
        }
    }

    /** Two workers' rate over one worker's; NaN unless both drained. */
    double ratio() {
        Drain one = drains.get(1);
        Drain two = drains.get(2);
        return one == null || two == null ? Double.NaN : two.rate() / one.rate();
    }
}
