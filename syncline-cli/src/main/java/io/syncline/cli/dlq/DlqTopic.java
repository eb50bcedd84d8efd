package io.syncline.cli.dlq;

import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.config.TableName;
import io.syncline.view.DeadLetterHeaders;
import io.syncline.view.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One dead-letter topic of a pipeline, with the topics its records may be replayed to: a sink's
 * dead letters go back to the view topics that sink reads (where its version guard meets them
 * again), the view stage's back to the change topics of the captured tables (where the view
 * stage's replay guard does). Records the view stage read from a Kafka Streams repartition or
 * subscription topic are not replayed: those topics belong to Kafka Streams.
 */
record DlqTopic(String name, String sink, Set<String> replayTargets) {
    static final String VIEWS = "views";

    static DlqTopic ofSink(PipelineSpec spec, SinkSpec sink) {
        String prefix = spec.kafka().topicPrefix();
        return new DlqTopic(Topics.deadLetterTopic(prefix, sink.name()), sink.name(), sink.views().stream()
                .map(r -> Topics.viewTopic(prefix, r.view())).collect(Collectors.toUnmodifiableSet()));
    }

    static DlqTopic ofViews(PipelineSpec spec) {
        String prefix = spec.kafka().topicPrefix();
        Set<String> changeTopics = spec.source().tables().stream()
                .map((TableName t) -> Topics.changeTopic(prefix, t.schema(), t.table()))
                .collect(Collectors.toUnmodifiableSet());
        return new DlqTopic(Topics.viewDeadLetterTopic(prefix), VIEWS, changeTopics);
    }

    /** Every dead-letter topic of the pipeline: the view stage's, then one per sink. */
    static List<DlqTopic> all(PipelineSpec spec) {
        List<DlqTopic> topics = new ArrayList<>();
        topics.add(ofViews(spec));
        spec.sinks().forEach(s -> topics.add(ofSink(spec, s)));
        return topics;
    }

    /** Where {@code record} goes back to, or empty when it came from a topic it may not be replayed to. */
    Optional<String> replayTarget(DeadLetter record) {
        String origin = record.header(DeadLetterHeaders.TOPIC);
        return origin != null && replayTargets.contains(origin) && originPartition(record) >= 0
                ? Optional.of(origin) : Optional.empty();
    }

    static int originPartition(DeadLetter record) {
        try {
            return Integer.parseInt(record.header(DeadLetterHeaders.PARTITION));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static long originOffset(DeadLetter record) {
        try {
            return Long.parseLong(record.header(DeadLetterHeaders.OFFSET));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
