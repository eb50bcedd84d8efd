package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.RealServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * View topics get kafka.tombstoneRetention when created, and existing ones are brought to it; the
 * schemas topic is compacted, with one partition.
 */
@RealServices
class ViewTopicsIT {

    @Test
    void newAndExistingViewTopicsKeepTombstonesForTheConfiguredRetention(KafkaEndpoint kafka) throws Exception {
        String prefix = "vt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String existing = prefix + ".view.orders";
        String fresh = prefix + ".view.customers";
        String deadLetters = prefix + ".dlq.views";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(existing, 1, (short) 1).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(TimeUnit.DAYS.toMillis(1)))))).all().get();

            ViewTopics.create(admin, List.of(existing, fresh), List.of(prefix + ".syncline.schemas"), List.of(deadLetters), 2, (short) 1, Duration.ofDays(7));

            String schemas = prefix + ".syncline.schemas";
            assertThat(topicConfig(admin, schemas, TopicConfig.CLEANUP_POLICY_CONFIG)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(admin.describeTopics(List.of(schemas)).allTopicNames().get().get(schemas).partitions()).hasSize(1);
            String sevenDays = String.valueOf(TimeUnit.DAYS.toMillis(7));
            assertThat(deleteRetention(admin, existing)).isEqualTo(sevenDays);
            assertThat(deleteRetention(admin, fresh)).isEqualTo(sevenDays);

            ViewTopics.create(admin, List.of(existing, fresh), List.of(prefix + ".syncline.schemas"), List.of(deadLetters), 2, (short) 1, Duration.ofHours(36));
            assertThat(deleteRetention(admin, existing)).isEqualTo(String.valueOf(TimeUnit.HOURS.toMillis(36)));
            assertThat(deleteRetention(admin, fresh)).isEqualTo(String.valueOf(TimeUnit.HOURS.toMillis(36)));
        }
    }

    private static String deleteRetention(Admin admin, String topic) {
        return topicConfig(admin, topic, TopicConfig.DELETE_RETENTION_MS_CONFIG);
    }

    /** A topic just created may not be describable for a moment (UnknownTopicOrPartition). */
    private static String topicConfig(Admin admin, String topic, String name) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> admin.describeConfigs(List.of(resource))
                .all().get().get(resource).get(name).value(), value -> value != null);
    }
}
