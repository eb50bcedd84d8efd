package io.syncline.daemon;

import io.syncline.view.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples, from Kafka alone, how far a pipeline has come: the end offsets of its change topics
 * (source changes captured, Debezium tombstones included), of its view topics (records the views
 * produced, joined document updates included) and the committed offsets of its sink groups
 * (records the sinks acknowledged), so a test can report rates and see which stage lags without
 * reaching into a daemon in another process. Offsets count transaction markers too: an upper bound.
 */
final class PipelineProgress implements AutoCloseable {
    /** One reading: milliseconds since start, and a value per counter. */
    record Sample(long millis, Map<String, Long> counters) {
    }

    private final TestPipeline pipeline;
    private final List<String> views;
    private final Duration interval;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this::run, "pipeline-progress");
    private final long started = System.nanoTime();

    PipelineProgress(TestPipeline pipeline, List<String> views, Duration interval) {
        this.pipeline = pipeline;
        this.views = views;
        this.interval = interval;
    }

    PipelineProgress start() {
        thread.start();
        return this;
    }

    long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    /**
     * Per counter, between {@code fromMillis} and {@code toMillis}: records added, the mean rate
     * and the highest rate between two consecutive samples.
     */
    List<String> summary(long fromMillis, long toMillis) {
        List<Sample> window = samples.stream().filter(s -> s.millis() >= fromMillis && s.millis() <= toMillis).toList();
        List<String> lines = new ArrayList<>();
        if (window.size() < 2) {
            lines.add("fewer than two samples between " + fromMillis + " and " + toMillis + " ms");
            return lines;
        }
        Sample first = window.get(0);
        Sample last = window.get(window.size() - 1);
        for (String counter : last.counters().keySet()) {
            long added = last.counters().get(counter) - first.counters().getOrDefault(counter, 0L);
            double seconds = (last.millis() - first.millis()) / 1000.0;
            double peak = 0;
            for (int i = 1; i < window.size(); i++) {
                Sample a = window.get(i - 1);
                Sample b = window.get(i);
                double rate = (b.counters().get(counter) - a.counters().getOrDefault(counter, 0L)) * 1000.0
                        / Math.max(1, b.millis() - a.millis());
                peak = Math.max(peak, rate);
            }
            lines.add(String.format("%-32s %8d records in %6.1f s: mean %7.0f/s, peak %7.0f/s", counter, added, seconds,
                    added / seconds, peak));
        }
        return lines;
    }

    /** The counters about every {@code stepMillis} from {@code fromMillis} to {@code toMillis}, relative to the first. */
    List<String> timeline(long fromMillis, long toMillis, long stepMillis) {
        List<Sample> window = samples.stream().filter(s -> s.millis() >= fromMillis && s.millis() <= toMillis).toList();
        List<String> lines = new ArrayList<>();
        if (window.isEmpty()) {
            return lines;
        }
        Sample first = window.get(0);
        lines.add(String.format("%8s  %s", "seconds", String.join(" | ", first.counters().keySet())));
        long next = first.millis();
        for (Sample sample : window) {
            if (sample.millis() >= next || sample == window.get(window.size() - 1)) {
                List<String> values = sample.counters().entrySet().stream()
                        .map(e -> String.valueOf(e.getValue() - first.counters().getOrDefault(e.getKey(), 0L))).toList();
                lines.add(String.format("%8.1f  %s", (sample.millis() - first.millis()) / 1000.0, String.join(" | ", values)));
                next = sample.millis() + stepMillis;
            }
        }
        return lines;
    }

    private void run() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers()))) {
            while (running.get()) {
                try {
                    samples.add(new Sample(elapsedMillis(), read(admin)));
                } catch (ExecutionException e) {
                    // A topic or group may not exist yet; the next reading tries again.
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Long> read(Admin admin) throws ExecutionException, InterruptedException {
        Map<String, Long> counters = new LinkedHashMap<>();
        long changes = 0;
        for (String table : pipeline.tables()) {
            changes += endOffsets(admin, Topics.changeTopic(pipeline.name(), "public", table));
        }
        counters.put("change topics", changes);
        for (String view : views) {
            counters.put("view topic " + view, endOffsets(admin, Topics.viewTopic(pipeline.name(), view)));
        }
        for (String sink : TestPipeline.SINKS) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(pipeline.sinkGroup(sink))
                    .partitionsToOffsetAndMetadata().get();
            counters.put("sink " + sink + " committed", offsets.values().stream()
                    .filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum());
        }
        return counters;
    }

    private static long endOffsets(Admin admin, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }
}
