package io.syncline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The harness's command line.
 *
 * @param suite     which measurements run: the spine (A, B, C, S, L, K, D, E, H, W), the joined views (J), or both
 * @param storePoll how often the stores are counted while waiting for them
 * @param timeout   how long one wait (one phase of one measurement) may take
 * @param output    where the spine's markdown table is written, besides stdout
 * @param joins     the joined-views measurement's sizes and output
 * @param metricsCost whether C runs twice per round, with metrics (scraped) and without, to show what they cost
 * @param latency   L: the writer's steady rate and how long it writes
 * @param backlog   H: the backlog the daemon drains in a child JVM, and that JVM's flags
 * @param workers   W: the backlog a capture plus one, then two workers (child JVMs) drain, and their JVMs' flags
 * @param elasticsearchRefreshInterval the Elasticsearch sink's {@code connection.refreshInterval}; null: not set
 */
record BenchmarkOptions(int rounds, int warmupRounds, Suite suite, int rows, int changes, Duration storePoll, Duration timeout, Path output,
                        JoinsOptions joins, boolean metricsCost, LatencyOptions latency, BacklogOptions backlog,
                        WorkersOptions workers, String elasticsearchRefreshInterval) {

    static final String USAGE = """
            usage: BenchmarkMain [--suite spine|joins|all] [--rounds N] [--warmup-rounds N] [--rows N] [--changes N] [--metrics-cost] [--poll-ms N]
                                 [--timeout-s N] [--es-refresh-interval T] [--output FILE] [--latency-rate N] [--latency-seconds N] [--backlog N]
                                 [--backlog-java-opts OPTS] [--workers-backlog N] [--workers-java-opts OPTS]
                                 [--customers N] [--products N] [--orders N]
                                 [--renamed-customers N] [--renamed-products N] [--item-changes N] [--joins-soak N]
                                 [--joins-output FILE]
              --suite              spine (A, B, C, S, L, K, D, E, H, W), joins (J: the shop's joined views) or all (default all)
              --rounds             rounds to run; the tables show each and the median (default 3)
              --warmup-rounds      rounds run first and left out of the tables, so round 1 is not the JVM's
                                   warm-up (JIT compilation) (default 0)
              --poll-ms            how often the stores are counted while waiting (default 250)
              --timeout-s          longest wait for one phase to complete (default 600)
              --es-refresh-interval the Elasticsearch sink's connection.refreshInterval, e.g. 500ms (default: not
                                   set, Elasticsearch's 1s)
            spine:
              --rows               rows of the initial snapshot, of the raw sink writes and of the backfill (default 100000)
              --changes            rows changed by the one streamed UPDATE, at most --rows (default 50000)
              --metrics-cost       run C twice per round, with metrics (HTTP endpoint on, /metrics scraped every second)
                                   and without (http.enabled: false), alternating which goes first
              --latency-rate       L: changes per second the writer commits, at a steady pace (default 1000)
              --latency-seconds    L: how long the writer writes; 0 skips L (default 60)
              --backlog            H: changes the daemon (a child JVM) drains after being stopped; 0 skips H (default 0)
              --backlog-java-opts  H: the child JVM's flags (default "-Xmx512m -XX:+UseG1GC"; a GC log is always added)
              --workers-backlog    W: changes a capture plus one worker, then plus two (child JVMs), drain after being
                                   stopped; then a worker and the capture are killed (failover); 0 skips W (default 0)
              --workers-java-opts  W: each process's JVM flags (default "-Xmx512m -XX:+UseG1GC"; a GC log is always added)
              --output             the markdown file (default benchmarks/target/spine-benchmark.md)
            joins (the shop example's data and views):
              --customers          customers (default 2000)
              --products           products (default 500)
              --orders             orders, each with 1 to 5 items (default 5000)
              --renamed-customers  customers renamed at once, each rewriting all its orders (default 500)
              --renamed-products   products renamed at once, each rewriting its items and their orders (default 50)
              --item-changes       items inserted at once (one into each of the first orders), then deleted (default 1000)
              --joins-soak         instead of J's rounds: J4's view stage alone this many times, each a fresh pipeline over
                                   the shop's snapshot, to catch wrong documents that come rarely (default 0: off)
              --joins-output       the markdown file (default benchmarks/target/joins-benchmark.md)""";

    /** Which measurements a run makes. */
    enum Suite {
        SPINE, JOINS, ALL;

        boolean spine() {
            return this != JOINS;
        }

        boolean joins() {
            return this != SPINE;
        }
    }

    /** The joined-views measurement: the shop's sizes, the bursts of changes, and where its tables go. */
    record JoinsOptions(int customers, int products, int orders, int renamedCustomers, int renamedProducts,
                        int itemChanges, int soak, Path output) {
        JoinsOptions {
            if (customers < 1 || products < 1 || orders < 1) {
                throw new IllegalArgumentException("need at least one customer, product and order\n" + USAGE);
            }
            if (renamedCustomers < 1 || renamedCustomers > customers || renamedProducts < 1 || renamedProducts > products
                    || itemChanges < 1 || itemChanges > orders) {
                throw new IllegalArgumentException("need 1 <= renamed-customers <= customers, 1 <= renamed-products <= "
                        + "products and 1 <= item-changes <= orders\n" + USAGE);
            }
            if (soak < 0) {
                throw new IllegalArgumentException("need joins-soak >= 0\n" + USAGE);
            }
        }
    }

    /**
     * L: commit-to-visible latency while a writer commits {@code rate} changes per second for {@code seconds}.
     * Each transaction holds {@link #changesPerTransaction()} changes, so that it runs 100 transactions a second.
     */
    record LatencyOptions(int rate, int seconds) {
        /** Transactions a second the writer aims at: small ones, evenly spread, as an OLTP application commits. */
        static final int TRANSACTIONS_PER_SECOND = 100;

        LatencyOptions {
            if (rate < 1 || seconds < 0) {
                throw new IllegalArgumentException("need latency-rate >= 1 and latency-seconds >= 0\n" + USAGE);
            }
        }

        boolean enabled() {
            return seconds > 0;
        }

        int changesPerTransaction() {
            return Math.max(1, rate / TRANSACTIONS_PER_SECOND);
        }

        /** Every change the writer makes: it updates each of the phase's rows once. */
        int changes() {
            return Math.multiplyExact(rate, seconds);
        }
    }

    /** H: a backlog of {@code changes} drained by the daemon in a child JVM started with {@code javaOpts}. */
    record BacklogOptions(int changes, String javaOpts) {
        static final String DEFAULT_JAVA_OPTS = "-Xmx512m -XX:+UseG1GC";

        BacklogOptions {
            if (changes < 0) {
                throw new IllegalArgumentException("need backlog >= 0\n" + USAGE);
            }
        }

        boolean enabled() {
            return changes > 0;
        }

        List<String> javaOptsList() {
            return splitJavaOpts(javaOpts);
        }
    }

    /** W: a backlog of {@code changes} drained by a capture plus one worker, then plus two, each a child JVM with {@code javaOpts}. */
    record WorkersOptions(int changes, String javaOpts) {
        WorkersOptions {
            if (changes < 0) {
                throw new IllegalArgumentException("need workers-backlog >= 0\n" + USAGE);
            }
        }

        boolean enabled() {
            return changes > 0;
        }

        List<String> javaOptsList() {
            return splitJavaOpts(javaOpts);
        }
    }

    private static List<String> splitJavaOpts(String javaOpts) {
        return javaOpts.isBlank() ? List.of() : List.of(javaOpts.trim().split("\\s+"));
    }

    BenchmarkOptions {
        if (rounds < 1 || warmupRounds < 0 || rows < 1 || changes < 1 || changes > rows) {
            throw new IllegalArgumentException("need rounds >= 1, warmup-rounds >= 0 and 1 <= changes <= rows\n" + USAGE);
        }
    }

    /** How the logs name a round: round 0 is a warm-up round, left out of the tables. */
    String roundLabel(int round) {
        return round == 0 ? "warm-up round" : "round " + round + " of " + rounds;
    }

    /** The setup's words for the rounds: how many, and the warm-up rounds before them if any. */
    String roundsDescription() {
        return rounds + (warmupRounds == 0 ? "" : " (after " + warmupRounds + " warm-up round" + (warmupRounds == 1 ? "" : "s")
                + ", not counted)");
    }

    /** Options only the spine uses, and only J: given with the other suite alone they would do nothing. */
    private static final Set<String> SPINE_ONLY = Set.of("--rows", "--changes", "--metrics-cost", "--latency-rate",
            "--latency-seconds", "--backlog", "--backlog-java-opts", "--workers-backlog", "--workers-java-opts", "--output");
    private static final Set<String> JOINS_ONLY = Set.of("--customers", "--products", "--orders", "--renamed-customers",
            "--renamed-products", "--item-changes", "--joins-soak", "--joins-output");

    static BenchmarkOptions parse(String... args) {
        Set<String> given = new TreeSet<>();
        Suite suite = Suite.ALL;
        int rounds = 3;
        int warmupRounds = 0;
        int rows = 100_000;
        int changes = 50_000;
        long pollMs = 250;
        long timeoutS = 600;
        Path output = Path.of("benchmarks", "target", "spine-benchmark.md");
        int customers = 2_000;
        int products = 500;
        int orders = 5_000;
        int renamedCustomers = 500;
        int renamedProducts = 50;
        int itemChanges = 1_000;
        int soak = 0;
        Path joinsOutput = Path.of("benchmarks", "target", "joins-benchmark.md");
        boolean metricsCost = false;
        int latencyRate = 1_000;
        int latencySeconds = 60;
        int backlog = 0;
        String backlogJavaOpts = BacklogOptions.DEFAULT_JAVA_OPTS;
        int workersBacklog = 0;
        String workersJavaOpts = BacklogOptions.DEFAULT_JAVA_OPTS;
        String elasticsearchRefreshInterval = null;
        for (int i = 0; i < args.length; i++) {
            given.add(args[i]);
            if (args[i].equals("--metrics-cost")) {
                metricsCost = true;
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--suite" -> suite = suite(required(args[i], value));
                case "--rounds" -> rounds = Integer.parseInt(required(args[i], value));
                case "--warmup-rounds" -> warmupRounds = Integer.parseInt(required(args[i], value));
                case "--rows" -> rows = Integer.parseInt(required(args[i], value));
                case "--changes" -> changes = Integer.parseInt(required(args[i], value));
                case "--poll-ms" -> pollMs = Long.parseLong(required(args[i], value));
                case "--timeout-s" -> timeoutS = Long.parseLong(required(args[i], value));
                case "--es-refresh-interval" -> elasticsearchRefreshInterval = required(args[i], value);
                case "--output" -> output = Path.of(required(args[i], value));
                case "--customers" -> customers = Integer.parseInt(required(args[i], value));
                case "--products" -> products = Integer.parseInt(required(args[i], value));
                case "--orders" -> orders = Integer.parseInt(required(args[i], value));
                case "--renamed-customers" -> renamedCustomers = Integer.parseInt(required(args[i], value));
                case "--renamed-products" -> renamedProducts = Integer.parseInt(required(args[i], value));
                case "--item-changes" -> itemChanges = Integer.parseInt(required(args[i], value));
                case "--joins-soak" -> soak = Integer.parseInt(required(args[i], value));
                case "--joins-output" -> joinsOutput = Path.of(required(args[i], value));
                case "--latency-rate" -> latencyRate = Integer.parseInt(required(args[i], value));
                case "--latency-seconds" -> latencySeconds = Integer.parseInt(required(args[i], value));
                case "--backlog" -> backlog = Integer.parseInt(required(args[i], value));
                case "--backlog-java-opts" -> backlogJavaOpts = required(args[i], value);
                case "--workers-backlog" -> workersBacklog = Integer.parseInt(required(args[i], value));
                case "--workers-java-opts" -> workersJavaOpts = required(args[i], value);
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "\n" + USAGE);
            }
            i++;
        }
        Set<String> unused = new TreeSet<>(given);
        unused.retainAll(suite.spine() ? (suite.joins() ? Set.of() : JOINS_ONLY) : SPINE_ONLY);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", unused) + (unused.size() == 1 ? " is" : " are")
                    + " not used by --suite " + suite.name().toLowerCase(Locale.ROOT) + " (see the usage: options under "
                    + (suite.spine() ? "joins" : "spine") + " are for that suite)\n" + USAGE);
        }
        return new BenchmarkOptions(rounds, warmupRounds, suite, rows, changes, Duration.ofMillis(pollMs), Duration.ofSeconds(timeoutS),
                output, new JoinsOptions(customers, products, orders, renamedCustomers, renamedProducts, itemChanges,
                soak, joinsOutput), metricsCost, new LatencyOptions(latencyRate, latencySeconds),
                new BacklogOptions(backlog, backlogJavaOpts), new WorkersOptions(workersBacklog, workersJavaOpts),
                elasticsearchRefreshInterval);
    }

    private static Suite suite(String value) {
        try {
            return Suite.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--suite must be spine, joins or all, not " + value + "\n" + USAGE);
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return value;
    }
}
