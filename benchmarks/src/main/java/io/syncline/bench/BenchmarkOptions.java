package io.syncline.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The harness's command line.
 *
 * @param storePoll how often the stores are counted while waiting for them
 * @param timeout   how long one wait (one phase of one measurement) may take
 * @param output    where the markdown table is written, besides stdout
 */
record BenchmarkOptions(int rounds, int rows, int changes, Duration storePoll, Duration timeout, Path output) {

    static final String USAGE = """
            usage: BenchmarkMain [--rounds N] [--rows N] [--changes N] [--poll-ms N] [--timeout-s N] [--output FILE]
              --rounds     rounds to run; the table shows each and the median (default 3)
              --rows       rows of the initial snapshot and of the raw sink writes (default 100000)
              --changes    rows changed by the one streamed UPDATE, at most --rows (default 50000)
              --poll-ms    how often the stores are counted while waiting (default 250)
              --timeout-s  longest wait for one phase to complete (default 600)
              --output     the markdown file (default benchmarks/target/spine-benchmark.md)""";

    BenchmarkOptions {
        if (rounds < 1 || rows < 1 || changes < 1 || changes > rows) {
            throw new IllegalArgumentException("need rounds >= 1 and 1 <= changes <= rows\n" + USAGE);
        }
    }

    static BenchmarkOptions parse(String... args) {
        int rounds = 3;
        int rows = 100_000;
        int changes = 50_000;
        long pollMs = 250;
        long timeoutS = 600;
        Path output = Path.of("benchmarks", "target", "spine-benchmark.md");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(required(args[i], value));
                case "--rows" -> rows = Integer.parseInt(required(args[i], value));
                case "--changes" -> changes = Integer.parseInt(required(args[i], value));
                case "--poll-ms" -> pollMs = Long.parseLong(required(args[i], value));
                case "--timeout-s" -> timeoutS = Long.parseLong(required(args[i], value));
                case "--output" -> output = Path.of(required(args[i], value));
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "\n" + USAGE);
            }
            i++;
        }
        return new BenchmarkOptions(rounds, rows, changes, Duration.ofMillis(pollMs), Duration.ofSeconds(timeoutS), output);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return value;
    }
}
