package io.syncline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The benchmark harness: in one JVM, on the test kit's real services, measures per round of the
 * spine suite A. Debezium alone, B. raw writes to each store, C. Syncline end to end (snapshot and
 * streamed changes into Elasticsearch, MongoDB and ClickHouse), K. Debezium + Kafka Connect with
 * MongoDB's sink connector doing C's job into MongoDB, D. a Syncline backfill into the
 * three, E. verify --deep of the backfilled view in each of them, and per round of the joins suite J. the shop example's joined views (snapshot, parent and
 * child changes, state store sizes); then prints each suite's markdown tables with every round and
 * the medians, and writes them to files.
 * See benchmarks/README.md.
 */
public final class BenchmarkMain {
    private static final String LOG_CONFIG_PROPERTY = "log4j2.configurationFile";
    private final BenchmarkOptions options;
    /** E's checks that did not answer equal: the run fails after printing its tables. */
    private final List<String> verifyFailures = new ArrayList<>();
    /** J4 and J5: views that stood still with documents that are not the source's. */
    private final List<String> wrongDocuments = new ArrayList<>();

    private BenchmarkMain(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        // Before anything logs: the Kafka test kit's log4j2.yaml, first on the classpath, logs INFO to stdout.
        if (System.getProperty(LOG_CONFIG_PROPERTY) == null) {
            System.setProperty(LOG_CONFIG_PROPERTY, "log4j2-bench.xml");
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int exitCode = 1;
        try {
            new BenchmarkMain(options).run();
            exitCode = 0;
        } catch (Exception e) {
            System.err.println("[bench] failed: " + e);
            e.printStackTrace();
        }
        // Exiting runs the test kit's shutdown hooks, which stop every server it started; the
        // in-process Kafka's threads would otherwise keep the JVM alive.
        System.exit(exitCode);
    }

    private void run() throws Exception {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        double loadAtStart = Setup.loadAverage();
        System.err.println("[bench] starting the services");
        Endpoints endpoints = Endpoints.start(options.elasticsearchRefreshInterval());
        Setup setup = new Setup(startedAt, loadAtStart, Endpoints.providers());
        // State (offsets, Streams stores) next to the output, not in /tmp that the OS may clean.
        Path outputDir = Files.createDirectories(options.output().toAbsolutePath().getParent());
        Path workDir = Files.createTempDirectory(outputDir, "bench-work-");
        List<String> tables = new ArrayList<>();
        try (StoreClients clients = new StoreClients(endpoints); HeapSampler heap = new HeapSampler();
             CpuSampler cpu = new CpuSampler(new ThreadStages(BenchPipeline.Store.cpuStages()))) {
            if (options.suite().spine()) {
                tables.add(spine(endpoints, setup, clients, heap, cpu, workDir));
            }
            if (options.suite().joins()) {
                tables.add(joins(endpoints, setup, clients, heap, cpu, workDir));
            }
        } finally {
            deleteRecursively(workDir);
        }
        System.out.println(String.join("\n", tables));
        if (!verifyFailures.isEmpty()) {
            throw new IllegalStateException("verify --deep did not answer equal: " + String.join("; ", verifyFailures));
        }
        if (!wrongDocuments.isEmpty()) {
            throw new IllegalStateException("the joined views built wrong documents: " + String.join("; ", wrongDocuments));
        }
    }

    /** Rounds of the spine (A, B, C, S, L, K, D, E, H, W); the table is written after every round, so a failing later round still leaves the earlier ones. */
    private String spine(Endpoints endpoints, Setup setup, StoreClients clients, HeapSampler heap, CpuSampler cpu,
                         Path workDir) throws Exception {
        SourceDatabase source = SourceDatabase.create(endpoints.postgres(), "syncline_bench");
        BenchmarkRound round = new BenchmarkRound(options, endpoints, source, clients, heap, cpu, workDir);
        List<RoundResult> rounds = new ArrayList<>();
        for (int w = 0; w < options.warmupRounds(); w++) {
            round.run(0).verifyFailures().forEach(f -> verifyFailures.add(options.roundLabel(0) + ": " + f));
        }
        for (int r = 1; r <= options.rounds(); r++) {
            RoundResult result = round.run(r);
            rounds.add(result);
            result.verifyFailures().forEach(f -> verifyFailures.add(options.roundLabel(result.round()) + ": " + f));
            write(options.output(), new ResultTable(options, rounds).markdown(setup));
        }
        return new ResultTable(options, rounds).markdown(setup);
    }

    /** Rounds of J, in a database of their own; written after every round like the spine's. */
    private String joins(Endpoints endpoints, Setup setup, StoreClients clients, HeapSampler heap, CpuSampler cpu,
                         Path workDir) throws Exception {
        ShopDatabase shop = new ShopDatabase(SourceDatabase.create(endpoints.postgres(), "syncline_bench_shop"));
        if (options.joins().soak() > 0) {
            return soak(new JoinedStagesAlone(options, endpoints, shop, cpu, workDir), shop);
        }
        JoinedViewsRound round = new JoinedViewsRound(options, endpoints, shop, clients, heap, cpu, workDir);
        List<JoinsRoundResult> rounds = new ArrayList<>();
        for (int w = 0; w < options.warmupRounds(); w++) {
            round.run(0).wrongDocuments().forEach(f -> wrongDocuments.add(options.roundLabel(0) + ": " + f));
        }
        for (int r = 1; r <= options.rounds(); r++) {
            JoinsRoundResult result = round.run(r);
            rounds.add(result);
            result.wrongDocuments().forEach(f -> wrongDocuments.add(options.roundLabel(result.round()) + ": " + f));
            write(options.joins().output(), new JoinsTable(options, rounds).markdown(setup));
        }
        return new JoinsTable(options, rounds).markdown(setup);
    }

    /**
     * {@code --joins-soak}: J4's view stage alone, round after round, each a fresh pipeline over the
     * shop's snapshot. A Kafka Streams cache defect built wrong documents in 3 of 37 such rounds (see
     * benchmarks/README.md); a soak is how a defect that rare shows.
     */
    private String soak(JoinedStagesAlone alone, ShopDatabase shop) throws Exception {
        shop.create(options.joins());
        PhasePlan snapshot = shop.plans(options.joins()).get(0);
        int rounds = options.joins().soak();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "# Syncline joined-views soak%n%n"
                + "J4's view stage alone, %d rounds, each a fresh pipeline over the shop's snapshot (%,d source rows).%n%n"
                + "| round | views, first change read to last document | documents produced | wrong documents |%n"
                + "| ---: | ---: | ---: | --- |%n", rounds, snapshot.capture().units()));
        int wrong = 0;
        for (int round = 1; round <= rounds; round++) {
            JoinsRoundResult.Phase phase = alone.viewsAlone("s" + round + "_" + UUID.randomUUID().toString().substring(0, 6),
                    snapshot);
            Measurement views = phase.measurements().get(JoinStage.VIEWS);
            String outcome = phase.wrongDocuments() != null ? phase.wrongDocuments()
                    : views.complete() ? "none" : "the views did not finish within --timeout-s";
            if (!outcome.equals("none")) {
                wrong++;
                wrongDocuments.add("soak round " + round + ": " + outcome);
            }
            table.append(String.format(Locale.ROOT, "| %d | %.2f s | %,d | %s |%n", round, views.seconds(), views.count(),
                    outcome));
            System.err.printf(Locale.ROOT, "[bench] joins soak round %d of %d: wrong documents: %s%n", round, rounds, outcome);
            write(options.joins().output(), table.toString());
        }
        table.append(String.format(Locale.ROOT, "%n%d of %d rounds built wrong documents or did not finish.%n", wrong,
                rounds));
        write(options.joins().output(), table.toString());
        return table.toString();
    }

    private static void write(Path output, String markdown) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, markdown);
        System.err.println("[bench] written to " + output.toAbsolutePath());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
