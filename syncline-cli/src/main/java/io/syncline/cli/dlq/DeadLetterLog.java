package io.syncline.cli.dlq;

import io.syncline.cli.PipelineKafka;

import io.syncline.view.DeadLetterHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dead-letter topic as {@code dlq} sees it: the dead letters, and the replay markers that say
 * which of them were already handled. Markers live on the dead-letter topic itself (no key, no
 * value, {@link DeadLetterHeaders#REPLAYED_OFFSET}), so what was replayed expires with what was
 * dead-lettered and needs no other topic or consumer group; a copy rejected again comes back as a
 * new dead letter, pending again.
 */
final class DeadLetterLog {
    static final String REPLAYED = "replayed";
    static final String SUPERSEDED = "superseded";

    private final List<DeadLetter> deadLetters = new ArrayList<>();
    /** Outcome by "partition:offset" of the dead letter it handled. */
    private final Map<String, String> outcomes = new HashMap<>();

    DeadLetterLog(List<DeadLetter> records) {
        for (DeadLetter record : records) {
            String handled = record.header(DeadLetterHeaders.REPLAYED_OFFSET);
            if (handled != null && record.key() == null && record.value() == null) {
                String outcome = record.header(DeadLetterHeaders.REPLAY_OUTCOME);
                outcomes.put(record.partition() + ":" + handled, outcome == null ? REPLAYED : outcome);
            } else {
                deadLetters.add(record);
            }
        }
    }

    /** What {@code topic} holds now: its dead letters and replay markers up to its end. */
    static DeadLetterLog read(PipelineKafka kafka, DlqTopic topic) {
        return new DeadLetterLog(DeadLetter.ofAll(kafka.readAll(topic.name())));
    }

    List<DeadLetter> all() {
        return List.copyOf(deadLetters);
    }

    List<DeadLetter> pending() {
        return deadLetters.stream().filter(d -> outcome(d).isEmpty()).toList();
    }

    /** {@code replayed} or {@code superseded} once a replay handled it; empty while pending. */
    Optional<String> outcome(DeadLetter record) {
        return Optional.ofNullable(outcomes.get(record.partition() + ":" + record.offset()));
    }
}
