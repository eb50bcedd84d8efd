package io.syncline.bench;

import io.syncline.config.PipelineSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * H: the daemon's own heap through a backlog (the goal 5). C's pipeline, but run as
 * {@code syncline run} in a child JVM ({@link ChildDaemon}) with the flags asked for: first until
 * its snapshot is in every sink and the capture streams, then stopped (SIGTERM), so that the slot
 * holds what follows; the backlog written while no daemon runs; then the daemon started again and
 * timed until every sink shows every row's last change. Its heap comes from its GC log.
 */
final class DaemonBacklog {
    /** The backlog's table holds at most this many rows; a larger backlog updates each row several times. */
    static final int MAX_ROWS = 200_000;
    /** Rows per UPDATE transaction while writing the backlog. */
    static final int ROWS_PER_TRANSACTION = 10_000;
    static final String MARKER = "backlog-";
    private static final String SNAPSHOT_FILES = "h-snapshot";
    private static final String DRAIN_FILES = "h";

    /** What the drain waits for, from the daemon's start. */
    enum Stage {
        STARTED, CAPTURE, ELASTICSEARCH, MONGODB, CLICKHOUSE, ALL_SINKS
    }

    /**
     * The backlog as {@code passes} UPDATEs of every one of {@code rows} rows, pass p setting status
     * {@code backlog-p}: 2,000,000 changes are 200,000 rows updated 10 times.
     */
    record Plan(int rows, int passes) {
        static Plan of(int backlog) {
            int passes = (backlog + MAX_ROWS - 1) / MAX_ROWS;
            return new Plan((backlog + passes - 1) / passes, passes);
        }

        long changes() {
            return (long) rows * passes;
        }

        /** Every row's status once the last pass is in. */
        String finalStatus() {
            return MARKER + passes;
        }
    }

    private final StoreClients clients;
    private final StoreCounts counts;
    private final Duration timeout;
    private final Duration storePoll;

    DaemonBacklog(StoreClients clients, Duration timeout, Duration storePoll) {
        this.clients = clients;
        this.counts = new StoreCounts(clients);
        this.timeout = timeout;
        this.storePoll = storePoll;
    }

    /** @param table not yet created: filled here with the plan's rows; dropped by the caller */
    BacklogResult run(BenchPipeline flat, OrdersTable table, BenchmarkOptions.BacklogOptions options, Path dir)
            throws Exception {
        Plan plan = Plan.of(options.changes());
        table.createAndFill(plan.rows());
        BenchPipeline pipeline = flat.withHttpPort(ChildDaemon.freePort());
        Files.createDirectories(dir);
        Path file = dir.resolve("h-pipeline.yaml");
        Files.writeString(file, pipeline.yaml());
        PipelineSpec spec = pipeline.spec();
        try {
            ChildDaemon first = ChildDaemon.start(options.javaOptsList(), dir, SNAPSHOT_FILES, file, pipeline.passwords(),
                    pipeline.httpPort(), List.of());
            try {
                List<Convergence.Probe> probes = new ArrayList<>(List.of(new Convergence.Probe("capture streaming", 1,
                        () -> "STREAMING".equals(first.capturePhase()) ? 1 : 0, storePoll)));
                probes.addAll(counts.view(pipeline, plan.rows(), null, storePoll));
                Map<String, Measurement> ready = new Convergence(timeout, first::failure).await(System.nanoTime(), probes);
                if (!ready.values().stream().allMatch(Measurement::complete)) {
                    return BacklogResult.notRun(plan, options.javaOpts(), "H did not run: the first daemon's snapshot did "
                            + "not reach every sink, or its capture did not stream, within " + timeout.toSeconds() + " s");
                }
            } catch (IllegalStateException e) {
                return BacklogResult.notRun(plan, options.javaOpts(), "H did not run: the first daemon failed: " + e.getMessage());
            } finally {
                first.stop();
            }
            System.err.printf(Locale.ROOT, "[bench] H: snapshot of %,d rows in every sink, daemon stopped; writing %,d changes%n",
                    plan.rows(), plan.changes());
            long writing = System.nanoTime();
            writeBacklog(table, plan);
            double writeSeconds = (System.nanoTime() - writing) / 1e9;
            return drain(pipeline, plan, options, dir, file, writeSeconds);
        } finally {
            table.db().dropReplication(spec.source().slot(), spec.source().publication());
            StoreCleanup.drop(clients, pipeline.elasticsearchIndex(BenchPipeline.VIEW), pipeline.mongoDatabase(),
                    pipeline.clickhouseTable(BenchPipeline.VIEW));
        }
    }

    private BacklogResult drain(BenchPipeline pipeline, Plan plan, BenchmarkOptions.BacklogOptions options, Path dir, Path file,
                                double writeSeconds) throws Exception {
        String status = plan.finalStatus();
        long start = System.nanoTime();
        ChildDaemon daemon = ChildDaemon.start(options.javaOptsList(), dir, DRAIN_FILES, file, pipeline.passwords(),
                pipeline.httpPort(), List.of());
        Map<Stage, Measurement> drained = new EnumMap<>(Stage.class);
        String failure = null;
        long peakRss;
        int exitCode;
        try {
            List<Convergence.Probe> probes = new ArrayList<>(List.of(
                    new Convergence.Probe(Stage.STARTED.name(), 1, () -> daemon.started() ? 1 : 0, storePoll),
                    new Convergence.Probe(Stage.CAPTURE.name(), plan.changes(), daemon::captureRecords, storePoll)));
            // Stage's sink names are the stores' names.
            probes.addAll(counts.view(pipeline, plan.rows(), status, storePoll));
            Map<String, Measurement> reached = new Convergence(timeout, daemon::failure).await(start, probes);
            reached.forEach((stage, m) -> drained.put(Stage.valueOf(stage), inChanges(Stage.valueOf(stage), m, plan)));
            drained.put(Stage.ALL_SINKS, Measurement.allOf(List.of(drained.get(Stage.ELASTICSEARCH),
                    drained.get(Stage.MONGODB), drained.get(Stage.CLICKHOUSE))));
        } catch (IllegalStateException e) {
            failure = e.getMessage();
            System.err.println("[bench] H: " + failure);
        } finally {
            peakRss = daemon.peakResidentMb();
            exitCode = daemon.stop();
        }
        boolean outOfMemory = daemon.outOfMemory();
        String notes = String.format(Locale.ROOT, "daemon: `%s`, exit code %d after SIGTERM%s; backlog written in %.1f s "
                        + "(%,d transactions of up to %,d rows)", daemon.commandLine(), exitCode,
                outOfMemory ? ", **OutOfMemoryError in its output**" : "", writeSeconds,
                plan.passes() * ((plan.rows() + ROWS_PER_TRANSACTION - 1) / ROWS_PER_TRANSACTION), ROWS_PER_TRANSACTION);
        return new BacklogResult(plan, options.javaOpts(), writeSeconds, drained, GcLog.read(ChildDaemon.gcLog(dir, DRAIN_FILES)),
                GcLog.read(ChildDaemon.gcLog(dir, SNAPSHOT_FILES)), peakRss, exitCode, outOfMemory, failure, notes);
    }

    /** The sinks count rows at their final state; the table reports the changes those stand for. */
    static Measurement inChanges(Stage stage, Measurement measured, Plan plan) {
        if (stage == Stage.STARTED || stage == Stage.CAPTURE) {
            return measured;
        }
        return new Measurement(Math.round((double) measured.count() * plan.passes()), measured.seconds(), measured.complete());
    }

    /** Pass by pass, {@value #ROWS_PER_TRANSACTION} rows per transaction, on one connection. */
    static void writeBacklog(OrdersTable table, Plan plan) throws SQLException {
        try (Connection connection = table.db().endpoint().connect();
             PreparedStatement update = connection.prepareStatement(table.statusUpdate())) {
            connection.setAutoCommit(false);
            for (int pass = 1; pass <= plan.passes(); pass++) {
                for (int first = 1; first <= plan.rows(); first += ROWS_PER_TRANSACTION) {
                    update.setString(1, MARKER + pass);
                    update.setLong(2, first);
                    update.setLong(3, Math.min(plan.rows(), first + ROWS_PER_TRANSACTION - 1));
                    update.executeUpdate();
                    connection.commit();
                }
            }
        }
    }
}
