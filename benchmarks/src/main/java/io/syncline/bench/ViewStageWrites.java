package io.syncline.bench;

import io.syncline.config.PipelineSpec;
import io.syncline.daemon.PipelineRuntime;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The records the view stage's producers have written, per topic, as their own counters tell
 * ({@code producer-topic-metrics}, summed over the stream threads): changelogs, repartition and join
 * topics, view topics and dead letters. A batch the producer sends again after a retriable error
 * counts again in {@code record-send-total} and once in {@code record-retry-total}, so the retries
 * are taken off. Transaction markers are not records and are not counted. Topic names drop the
 * round's application id and topic prefix, so that rounds compare.
 */
final class ViewStageWrites {
    private static final String GROUP = "producer-topic-metrics";
    private static final String SENT = "record-send-total";
    private static final String RETRIED = "record-retry-total";

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final String applicationIdPrefix;
    private final String topicPrefix;

    /** {@code metrics}: the stage's client metrics; the names' prefixes: its application id and the topic prefix. */
    ViewStageWrites(Supplier<Map<MetricName, ? extends Metric>> metrics, String applicationId, String topicPrefix) {
        this.metrics = metrics;
        this.applicationIdPrefix = applicationId + "-";
        this.topicPrefix = topicPrefix + ".";
    }

    static ViewStageWrites of(PipelineRuntime runtime, PipelineSpec spec) {
        return new ViewStageWrites(() -> runtime.views().kafkaStreams().metrics(), PipelineRuntime.viewStageGroup(spec),
                spec.kafka().topicPrefix());
    }

    /** Records written so far, by topic. */
    SortedMap<String, Long> sent() {
        SortedMap<String, Long> sent = new TreeMap<>();
        metrics.get().forEach((name, metric) -> {
            String topic = name.tags().get("topic");
            if (GROUP.equals(name.group()) && topic != null && metric.metricValue() instanceof Number value) {
                if (SENT.equals(name.name())) {
                    sent.merge(shortName(topic), value.longValue(), Long::sum);
                } else if (RETRIED.equals(name.name())) {
                    sent.merge(shortName(topic), -value.longValue(), Long::sum);
                }
            }
        });
        return sent;
    }

    /** What was sent between two readings; topics with nothing sent left out. */
    static SortedMap<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        SortedMap<String, Long> sent = new TreeMap<>();
        after.forEach((topic, total) -> {
            long delta = total - before.getOrDefault(topic, 0L);
            if (delta > 0) {
                sent.put(topic, delta);
            }
        });
        return sent;
    }

    private String shortName(String topic) {
        if (topic.startsWith(applicationIdPrefix)) {
            return topic.substring(applicationIdPrefix.length());
        }
        return topic.startsWith(topicPrefix) ? "<prefix>." + topic.substring(topicPrefix.length()) : topic;
    }
}
