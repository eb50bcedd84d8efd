package io.syncline.bench;

import io.syncline.cli.verify.ViewVerification;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.daemon.ViewSchemas;
import io.syncline.processors.plan.ViewPlan;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E: {@code syncline verify --deep --view orders --sink S} against D's pipeline once the backfill
 * has reached every sink, with the daemon still running and idle: one check per sink, each timed
 * on its own from planning the views (what the command does first) until its answer. Each time
 * includes the expected side (reading the view topic up to its end), the wait for the sink's
 * consumer group to have acknowledged that far, and reading and comparing every stored document.
 * The view topic's read is also timed alone: until verify prints how many documents it found
 * there. A check that does not answer 0 (equal) is not timed; it is reported as a failure.
 */
final class VerifyTiming {
    /** "view orders: 20000 documents in bench_x.view.orders up to the bound (...)": the view topic is read. */
    private static final Pattern TOPIC_READ = Pattern.compile("^view (\\S+): (\\d+) documents in \\S+ up to the bound");
    /** "view orders in sink search (bench_x_orders): equal, 20000 documents". */
    private static final Pattern EQUAL = Pattern.compile("^view \\S+ in sink \\S+ \\(.*\\): equal, (\\d+) documents");
    /** verify's progress lines: "  view orders: reading ...: 5000 of at most 20000 records (2500/s)". */
    private static final Pattern PROGRESS = Pattern.compile("^  .*: \\d+ of at most \\d+ records \\(");
    /** How many differences verify lists per kind (its --show). */
    private static final int SHOW = 20;

    private static final Map<BenchPipeline.Store, Metric> METRICS = Map.of(
            BenchPipeline.Store.ELASTICSEARCH, Metric.E_VERIFY_ELASTICSEARCH,
            BenchPipeline.Store.MONGODB, Metric.E_VERIFY_MONGODB,
            BenchPipeline.Store.CLICKHOUSE, Metric.E_VERIFY_CLICKHOUSE);

    /**
     * What was measured, verify's answers in one line, and the checks that did not answer 0 (empty
     * when every one was equal, and when E did not run: a backfill that did not finish is D's †).
     */
    record Result(Map<Metric, Measurement> measurements, String status, List<String> failures) {
        static Result notRun(String why) {
            return new Result(Map.of(), "not run: " + why, List.of());
        }
    }

    private final Duration wait;

    /** @param wait how long verify waits for a sink's consumer group to catch up (its --wait) */
    VerifyTiming(Duration wait) {
        this.wait = wait;
    }

    Result run(BenchPipeline pipeline, PipelineSpec spec) throws Exception {
        Map<Metric, Measurement> measurements = new EnumMap<>(Metric.class);
        List<String> statuses = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<Measurement> topicReads = new ArrayList<>();
        for (BenchPipeline.Store store : BenchPipeline.Store.values()) {
            SinkSpec sink = sinkOf(spec, store);
            Transcript transcript = new Transcript(sink.name());
            long start = System.nanoTime();
            List<ViewPlan> plans = ViewSchemas.plan(spec);
            int code;
            long end;
            try (PrintWriter out = new PrintWriter(transcript);
                 ViewVerification verification = ViewVerification.open(spec, plans, ViewSchemas.schemas(plans), wait, SHOW,
                         out)) {
                code = verification.run(Map.of(BenchPipeline.VIEW, List.of(sink)), false);
                end = System.nanoTime();
            }
            double seconds = (end - start) / 1e9;
            String name = sink.name() + " (" + sinkName(store) + ")";
            if (code != 0 || transcript.equalDocuments < 0) {
                String failure = String.format(Locale.ROOT, "verify --deep of view %s in sink %s answered %d, not 0 (equal), "
                        + "after %.1f s: %s", BenchPipeline.VIEW, name, code, seconds, transcript.answer());
                failures.add(failure);
                statuses.add(failure);
                continue;
            }
            Measurement measured = new Measurement(transcript.equalDocuments, seconds, true);
            measurements.put(METRICS.get(store), measured);
            String topic = "";
            if (transcript.topicReadNanos > 0) {
                Measurement read = new Measurement(transcript.topicDocuments, (transcript.topicReadNanos - start) / 1e9, true);
                topicReads.add(read);
                topic = String.format(Locale.ROOT, " (view topic read %.2f s, catch-up and sink read %.2f s)", read.seconds(),
                        seconds - read.seconds());
            }
            statuses.add(String.format(Locale.ROOT, "%s equal, %,d documents in %.2f s%s", name, measured.count(), seconds,
                    topic));
        }
        if (topicReads.size() == BenchPipeline.Store.values().length) {
            measurements.put(Metric.E_VERIFY_VIEW_TOPIC, median(topicReads));
        }
        return new Result(measurements, "verify --deep: " + String.join("; ", statuses), failures);
    }

    /** The read with the median rate. */
    private static Measurement median(List<Measurement> reads) {
        Measurement[] sorted = reads.stream().sorted((a, b) -> Double.compare(a.perSecond(), b.perSecond()))
                .toArray(Measurement[]::new);
        return sorted[sorted.length / 2];
    }

    private static SinkSpec sinkOf(PipelineSpec spec, BenchPipeline.Store store) {
        String type = store.name().toLowerCase(Locale.ROOT);
        return spec.sinks().stream().filter(s -> s.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type + " sink in " + spec.name()));
    }

    private static String sinkName(BenchPipeline.Store store) {
        return switch (store) {
            case ELASTICSEARCH -> "Elasticsearch";
            case MONGODB -> "MongoDB";
            case CLICKHOUSE -> "ClickHouse";
        };
    }

    /**
     * What verify prints, line by line: echoed to stderr as progress, kept for a failure's report,
     * and watched for when the view topic has been read and for the answer. A line is seen when
     * its newline is written, which is when verify prints it (PrintWriter over a plain Writer does
     * not buffer).
     */
    private static final class Transcript extends Writer {
        private final String sink;
        private final StringBuilder line = new StringBuilder();
        private final List<String> lines = new ArrayList<>();
        private long topicReadNanos;
        private long topicDocuments;
        private long equalDocuments = -1;

        Transcript(String sink) {
            this.sink = sink;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    seen(line.toString());
                    line.setLength(0);
                } else {
                    line.append(chars[i]);
                }
            }
        }

        private void seen(String text) {
            long now = System.nanoTime();
            lines.add(text);
            System.err.println("[bench] E verify " + sink + ": " + text);
            Matcher read = TOPIC_READ.matcher(text);
            if (topicReadNanos == 0 && read.find() && read.group(1).equals(BenchPipeline.VIEW)) {
                topicReadNanos = now;
                topicDocuments = Long.parseLong(read.group(2));
            }
            Matcher equal = EQUAL.matcher(text);
            if (equal.find()) {
                equalDocuments = Long.parseLong(equal.group(1));
            }
        }

        /** Verify's answer: the lines that are not progress, joined. */
        String answer() {
            List<String> answer = lines.stream().filter(l -> !PROGRESS.matcher(l).find()).toList();
            return answer.isEmpty() ? "(nothing printed)" : String.join(" | ", answer);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            if (!line.isEmpty()) {
                seen(line.toString());
                line.setLength(0);
            }
        }
    }
}
