package io.syncline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * W: the pipeline run as processes ({@link PipelineProcesses}): a capture and one worker, then a
 * capture and two workers, on pipelines of their own, each draining a backlog of the same size. As
 * in H: the processes started until the snapshot is in every sink, stopped (SIGTERM), the backlog
 * written while none runs, then the same processes started again and timed from their start until
 * every sink shows every row's last change. Then, on the two workers' pipeline, failover: one
 * worker SIGKILLed, and the active capture SIGKILLed while a second capture process stands by
 * (when this build has a standby: a second capture that exits because the slot is in use is
 * reported as not measurable).
 */
final class ScaleOut {
    /** Rows a change written after a kill updates: enough to reach every partition. */
    static final int FRESH_ROWS = 300;
    static final String AFTER_WORKER_KILL = "after-worker-kill";
    static final String AFTER_CAPTURE_KILL = "after-capture-kill";
    /** How long a second capture process may take to stand by (or to exit). */
    static final Duration STANDBY_WAIT = Duration.ofSeconds(120);
    /** What a capture process says when the slot is read by another (SourcePreflight). */
    static final String SLOT_IN_USE = "is in use";
    private static final String STREAMING = "STREAMING";
    private static final String VICTIM = "worker-2";

    private final Endpoints endpoints;
    private final SourceDatabase source;
    private final StoreClients clients;
    private final StoreCounts counts;
    private final Duration timeout;
    private final Duration storePoll;

    ScaleOut(Endpoints endpoints, SourceDatabase source, StoreClients clients, Duration timeout, Duration storePoll) {
        this.endpoints = endpoints;
        this.source = source;
        this.clients = clients;
        this.counts = new StoreCounts(clients);
        this.timeout = timeout;
        this.storePoll = storePoll;
    }

    /** Odd rounds one worker first, even rounds two: neither always gets the warmer machine. */
    static List<Integer> order(int round) {
        return round % 2 == 1 ? List.of(1, 2) : List.of(2, 1);
    }

    ScaleOutResult run(int round, String tag, BenchmarkOptions.WorkersOptions options, Path dir) throws Exception {
        DaemonBacklog.Plan plan = DaemonBacklog.Plan.of(options.changes());
        Map<Integer, ScaleOutResult.Drain> drains = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Configuration two = null;
        for (int workers : order(round)) {
            Configuration measured = new Configuration(plan, workers, "bench_w" + workers + "_" + tag,
                    dir.resolve("w" + workers), options.javaOptsList());
            measured.measure(workers == 2);
            drains.put(workers, measured.drain);
            if (!measured.notes.isEmpty()) {
                notes.add(workers + " worker" + (workers == 1 ? "" : "s") + ": " + measured.notes);
            }
            if (workers == 2) {
                two = measured;
            }
        }
        return new ScaleOutResult(plan, options.javaOpts(), drains, two.split, two.workerFailover, two.captureFailover, notes);
    }

    /** One layout (a capture and this many workers) on a table and pipeline of its own. */
    private final class Configuration {
        private final DaemonBacklog.Plan plan;
        private final int workers;
        private final OrdersTable table;
        private final BenchPipeline pipeline;
        private final Path dir;
        private final List<String> javaOpts;
        private ScaleOutResult.Drain drain;
        private String split;
        private ScaleOutResult.Failover workerFailover = ScaleOutResult.Failover.notMeasured("the drain did not finish");
        private ScaleOutResult.Failover captureFailover = ScaleOutResult.Failover.notMeasured("the drain did not finish");
        private String notes = "";

        Configuration(DaemonBacklog.Plan plan, int workers, String name, Path dir, List<String> javaOpts) {
            this.plan = plan;
            this.workers = workers;
            this.table = source.table(name);
            // Each process gets its own state directory (PipelineProcesses); this one is never used.
            this.pipeline = BenchPipeline.flat(name, endpoints, table, dir.resolve("state"));
            this.dir = dir;
            this.javaOpts = javaOpts;
        }

        void measure(boolean failovers) throws Exception {
            table.createAndFill(plan.rows());
            try {
                String snapshotFailure = snapshot();
                if (snapshotFailure != null) {
                    drain = ScaleOutResult.Drain.notRun(workers, snapshotFailure);
                    return;
                }
                System.err.printf(Locale.ROOT, "[bench] W, %d worker%s: snapshot of %,d rows in every sink, processes "
                        + "stopped; writing %,d changes%n", workers, workers == 1 ? "" : "s", plan.rows(), plan.changes());
                DaemonBacklog.writeBacklog(table, plan);
                drainAndFailOver(failovers);
            } finally {
                table.db().dropReplication(pipeline.spec().source().slot(), pipeline.spec().source().publication());
                StoreCleanup.drop(clients, pipeline.elasticsearchIndex(BenchPipeline.VIEW), pipeline.mongoDatabase(),
                        pipeline.clickhouseTable(BenchPipeline.VIEW));
                table.drop();
            }
        }

        /** Until the snapshot is in every sink and the capture streams; null then, else why not. */
        private String snapshot() throws Exception {
            PipelineProcesses processes = PipelineProcesses.start(pipeline, workers, javaOpts, dir, "snapshot");
            try {
                ChildDaemon capture = processes.get("capture");
                List<Convergence.Probe> probes = new ArrayList<>(List.of(new Convergence.Probe("capture streaming", 1,
                        () -> STREAMING.equals(capture.capturePhase()) ? 1 : 0, storePoll)));
                probes.addAll(counts.view(pipeline, plan.rows(), null, storePoll));
                Map<String, Measurement> ready = new Convergence(timeout, processes::failure).await(System.nanoTime(), probes);
                return ready.values().stream().allMatch(Measurement::complete) ? null : "the snapshot did not reach every "
                        + "sink, or the capture did not stream, within " + timeout.toSeconds() + " s";
            } catch (IllegalStateException e) {
                return "a process of the snapshot failed: " + e.getMessage();
            } finally {
                processes.stop();
            }
        }

        private void drainAndFailOver(boolean failovers) throws Exception {
            long start = System.nanoTime();
            PipelineProcesses processes = PipelineProcesses.start(pipeline, workers, javaOpts, dir, "drain");
            String described = processes.describe();
            try {
                ChildDaemon capture = processes.get("capture");
                List<Convergence.Probe> probes = new ArrayList<>(List.of(
                        new Convergence.Probe(DaemonBacklog.Stage.STARTED.name(), 1, () -> processes.started() ? 1 : 0, storePoll),
                        new Convergence.Probe(DaemonBacklog.Stage.CAPTURE.name(), plan.changes(), capture::captureRecords,
                                storePoll)));
                probes.addAll(counts.view(pipeline, plan.rows(), plan.finalStatus(), storePoll));
                Map<DaemonBacklog.Stage, Measurement> stages = new EnumMap<>(DaemonBacklog.Stage.class);
                new Convergence(timeout, processes::failure).await(start, probes).forEach((stage, m) ->
                        stages.put(DaemonBacklog.Stage.valueOf(stage), DaemonBacklog.inChanges(DaemonBacklog.Stage.valueOf(stage), m, plan)));
                stages.put(DaemonBacklog.Stage.ALL_SINKS, allSinks(stages));
                drain = new ScaleOutResult.Drain(workers, stages, null);
                if (failovers && drain.drained()) {
                    workerFailover = workerFailover(processes);
                    captureFailover = captureFailover(processes);
                }
            } catch (IllegalStateException e) {
                // A process failed: during the drain, or while waiting for the workers to share the partitions.
                System.err.println("[bench] W: " + e.getMessage());
                if (drain == null) {
                    drain = ScaleOutResult.Drain.notRun(workers, e.getMessage());
                } else {
                    workerFailover = ScaleOutResult.Failover.notMeasured(e.getMessage());
                    captureFailover = workerFailover;
                }
            } finally {
                notes = described + "; exit codes after SIGTERM: " + processes.stop();
            }
        }

        /**
         * Once both workers hold partitions of every sink, worker 2 SIGKILLed and a change written at once:
         * until the survivor holds every partition of every sink group, and until the change is in every sink.
         */
        private ScaleOutResult.Failover workerFailover(PipelineProcesses processes) throws Exception {
            try (SinkGroups groups = new SinkGroups(endpoints.kafka().bootstrapServers(), pipeline.name())) {
                Measurement shared = new Convergence(timeout, processes::failure).await(System.nanoTime(), List.of(
                        new Convergence.Probe("shared", groups.sinks(), groups.sharedBy(2), storePoll))).get("shared");
                split = SinkGroups.split(groups.partitionsByMember());
                if (!shared.complete()) {
                    return ScaleOutResult.Failover.notMeasured("the two workers did not both hold partitions of every sink: " + split);
                }
                System.err.println("[bench] W: sink partitions per worker: " + split + "; SIGKILL to " + VICTIM);
                processes.kill(VICTIM);
                long killed = System.nanoTime();
                table.setStatusOfFirst(freshRows(), AFTER_WORKER_KILL);
                List<Convergence.Probe> probes = new ArrayList<>(List.of(new Convergence.Probe("takeover", groups.sinks(),
                        groups.heldByOneMember(BenchPipeline.PARTITIONS), storePoll)));
                probes.addAll(counts.view(pipeline, freshRows(), AFTER_WORKER_KILL, storePoll));
                return failover(processes, killed, probes, "SIGKILL to " + VICTIM);
            }
        }

        /**
         * A second capture process started: if it exits because the slot is in use, this build has no
         * standby and capture failover is not measurable. If it stands by, the active capture SIGKILLed
         * and a change written at once: until the standby streams, and until the change is in every sink.
         */
        private ScaleOutResult.Failover captureFailover(PipelineProcesses processes) throws Exception {
            ChildDaemon standby = processes.add("standby-capture", PipelineProcesses.CAPTURE);
            long deadline = System.nanoTime() + STANDBY_WAIT.toNanos();
            while (!standingBy(standby)) {
                if (!standby.alive()) {
                    Optional<String> refusal = standby.outputLine(SLOT_IN_USE);
                    int code = standby.stop();
                    processes.remove("standby-capture");
                    return ScaleOutResult.Failover.notMeasured("not measurable on this build: a second `--role capture` "
                            + "process exits (code " + code + ") instead of standing by" + refusal.map(l -> ": " + l.strip().replaceFirst("^- ", ""))
                            .orElse(""));
                }
                if (System.nanoTime() > deadline) {
                    return ScaleOutResult.Failover.notMeasured("a second `--role capture` process neither stood by nor exited "
                            + "within " + STANDBY_WAIT.toSeconds() + " s");
                }
                Thread.sleep(storePoll.toMillis());
            }
            System.err.println("[bench] W: a second capture process stands by; SIGKILL to the active one");
            processes.kill("capture");
            long killed = System.nanoTime();
            table.setStatusOfFirst(freshRows(), AFTER_CAPTURE_KILL);
            List<Convergence.Probe> probes = new ArrayList<>(List.of(new Convergence.Probe("takeover", 1,
                    () -> STREAMING.equals(standby.capturePhase()) ? 1 : 0, storePoll)));
            probes.addAll(counts.view(pipeline, freshRows(), AFTER_CAPTURE_KILL, storePoll));
            return failover(processes, killed, probes, "SIGKILL to the active capture");
        }

        /** Whether it runs with its capture standing by (/status: {@code capture.leadership} STANDBY). */
        private boolean standingBy(ChildDaemon standby) throws InterruptedException {
            try {
                return standby.alive() && standby.started()
                        && "STANDBY".equals(standby.status().path("capture").path("leadership").asText());
            } catch (IOException e) {
                return false; // its endpoint not up yet, or it is exiting
            }
        }

        private ScaleOutResult.Failover failover(PipelineProcesses processes, long killed, List<Convergence.Probe> probes,
                                                 String what) throws Exception {
            try {
                Map<String, Measurement> reached = new Convergence(timeout, processes::failure).await(killed, probes);
                Measurement visible = Measurement.allOf(reached.entrySet().stream().filter(e -> !e.getKey().equals("takeover"))
                        .map(Map.Entry::getValue).toList());
                return new ScaleOutResult.Failover(reached.get("takeover"), visible, what);
            } catch (IllegalStateException e) {
                return ScaleOutResult.Failover.notMeasured(what + ", then another process failed: " + e.getMessage());
            }
        }

        private int freshRows() {
            return Math.min(FRESH_ROWS, plan.rows());
        }
    }

    /** Until the last sink had every row at its final status. */
    private static Measurement allSinks(Map<DaemonBacklog.Stage, Measurement> stages) {
        return Measurement.allOf(List.of(stages.get(DaemonBacklog.Stage.ELASTICSEARCH),
                stages.get(DaemonBacklog.Stage.MONGODB), stages.get(DaemonBacklog.Stage.CLICKHOUSE)));
    }
}
