package io.syncline.daemon;

import io.syncline.view.RecordSizes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the view topics (compacted: the latest document per id, so a sink can be rebuilt from
 * Kafka alone) and the dead-letter topics (kept by time) if they do not exist; existing topics are
 * left as they are.
 */
final class ViewTopics {
    private ViewTopics() {
    }

    /** Every topic takes the pipeline's maximum record size ({@link RecordSizes}), not the broker's 1 MiB default. */
    static Map<String, String> withMaxRecordSize(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(config);
        all.putAll(RecordSizes.topicConfig());
        return all;
    }

    static void create(Admin admin, List<String> viewTopics, List<String> deadLetterTopics, int partitions,
                       short replicationFactor) throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : viewTopics) {
            topics.add(new NewTopic(topic, partitions, replicationFactor).configs(withMaxRecordSize(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    // Tombstones stay a day, so a sink that was down for hours still sees its deletes.
                    TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(TimeUnit.DAYS.toMillis(1))))));
        }
        for (String topic : deadLetterTopics) {
            topics.add(new NewTopic(topic, 1, replicationFactor).configs(withMaxRecordSize(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TimeUnit.DAYS.toMillis(30))))));
        }
        for (var result : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
