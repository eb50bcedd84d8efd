package io.syncline.daemon;

import io.syncline.view.RecordSizes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the view topics (compacted: the latest document per id, so a sink can be rebuilt from
 * Kafka alone), the pipeline's own topics (compacted, one partition: the latest schema per view,
 * the latest report per process) and the
 * dead-letter topics (kept by time) if they do not exist. Of existing topics
 * only the view topics' tombstone retention is brought to the pipeline's setting: it decides how
 * long a sink may be away without missing deletes, so a changed setting must take effect.
 */
final class ViewTopics {
    private static final Logger LOG = LoggerFactory.getLogger(ViewTopics.class);

    private ViewTopics() {
    }

    /** Every topic takes the pipeline's maximum record size ({@link RecordSizes}), not the broker's 1 MiB default. */
    static Map<String, String> withMaxRecordSize(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(config);
        all.putAll(RecordSizes.topicConfig());
        return all;
    }

    static void create(Admin admin, List<String> viewTopics, List<String> pipelineTopics, List<String> deadLetterTopics,
                       int partitions, short replicationFactor, Duration tombstoneRetention)
            throws InterruptedException, ExecutionException, TimeoutException {
        String retention = String.valueOf(tombstoneRetention.toMillis());
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : pipelineTopics) {
            topics.add(new NewTopic(topic, 1, replicationFactor).configs(withMaxRecordSize(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
        }
        for (String topic : viewTopics) {
            topics.add(new NewTopic(topic, partitions, replicationFactor).configs(withMaxRecordSize(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.DELETE_RETENTION_MS_CONFIG, retention))));
        }
        for (String topic : deadLetterTopics) {
            topics.add(new NewTopic(topic, 1, replicationFactor).configs(withMaxRecordSize(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, String.valueOf(TimeUnit.DAYS.toMillis(30))))));
        }
        List<String> existing = new ArrayList<>();
        for (var result : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                existing.add(result.getKey());
            }
        }
        // Only topics that existed before: new ones have the setting, and the broker may not describe them yet.
        existing.retainAll(viewTopics);
        if (!existing.isEmpty()) {
            alignTombstoneRetention(admin, existing, retention);
        }
    }

    private static void alignTombstoneRetention(Admin admin, List<String> viewTopics, String retention)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConfigResource> resources = viewTopics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(60, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        configs.forEach((resource, config) -> {
            ConfigEntry current = config.get(TopicConfig.DELETE_RETENTION_MS_CONFIG);
            if (current == null || !retention.equals(current.value())) {
                LOG.info("view topic {}: delete.retention.ms {} -> {} (kafka.tombstoneRetention)", resource.name(),
                        current == null ? "unset" : current.value(), retention);
                changes.put(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.DELETE_RETENTION_MS_CONFIG, retention), AlterConfigOp.OpType.SET)));
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(60, TimeUnit.SECONDS);
        }
    }
}
