package io.syncline.cli.verify;

import io.syncline.cli.PipelineKafka;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a consumer group (a sink, the view stage) has committed a topic up to a bound: from
 * then on, what it lacks of the records before the bound it will not get by waiting.
 */
final class GroupCatchUp {
    private GroupCatchUp() {
    }

    /** @return how many records before the bound the group had not acknowledged when it stopped waiting (0: none) */
    static long await(PipelineKafka kafka, String group, Map<TopicPartition, Long> beginnings,
                      Map<TopicPartition, Long> bound, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long behind = behind(kafka.committedOffsets(group), beginnings, bound);
            if (behind == 0 || System.nanoTime() > deadline) {
                return behind;
            }
            Thread.sleep(500);
        }
    }

    static long behind(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> beginnings,
                       Map<TopicPartition, Long> bound) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : bound.entrySet()) {
            long from = committed.getOrDefault(end.getKey(), beginnings.get(end.getKey()));
            behind += Math.max(0, end.getValue() - Math.max(from, beginnings.get(end.getKey())));
        }
        return behind;
    }
}
