package io.syncline.cli.verify;

import io.syncline.cli.PipelineKafka;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

    /**
     * Waits until {@code group} has committed every topic it reads (internal repartition and
     * subscription topics too) up to where each ended when a round began, round after round, until
     * a round finds nothing left to read: a record a join passes through an internal topic is there
     * only after the round that read its input. Under a steady stream of changes it stops after
     * {@code maxRounds}. Returns how many records it was still behind when it stopped waiting.
     */
    static long awaitEverything(PipelineKafka kafka, String group, int maxRounds, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
            for (int round = 0; round < maxRounds; round++) {
                Map<TopicPartition, Long> ends = consumer.endOffsets(kafka.committedOffsets(group).keySet(), PipelineKafka.TIMEOUT);
                boolean settled = true;
                while (true) {
                    Map<TopicPartition, Long> committed = kafka.committedOffsets(group);
                    long behind = ends.entrySet().stream()
                            .mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L))).sum();
                    if (behind == 0) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        return behind;
                    }
                    settled = false;
                    Thread.sleep(200);
                }
                if (settled && round > 0) {
                    return 0;
                }
            }
        }
        return 0;
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
