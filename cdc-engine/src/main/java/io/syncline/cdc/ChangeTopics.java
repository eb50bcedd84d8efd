package io.syncline.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.syncline.view.RecordSizes;

/**
 * Creates the change topics (and the notifications topic) before capture starts, with the pipeline's partitions and replication
 * factor; topics that already exist are left as they are.
 *
 * <p>Change topics use {@code cleanup.policy=delete} with a long retention, not compaction: they are an
 * ordered log of every change, and consumers that carry TOASTed values forward need the older
 * events that compaction would remove. The current state per key lives in the compacted view topics.
 */
final class ChangeTopics {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeTopics.class);
    /** Room for rows with large TOASTed values (the broker default is 1 MiB): the pipeline's one maximum. */
    static final int MAX_MESSAGE_BYTES = RecordSizes.MAX_RECORD_BYTES;
    private static final long TIMEOUT_SECONDS = 60;

    private ChangeTopics() {
    }

    static void create(CaptureOptions options) {
        Properties admin = new Properties();
        admin.putAll(options.kafka().clientProperties());
        admin.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka().bootstrapServers());
        admin.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "syncline-" + options.name() + "-topics");
        Map<String, String> config = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(options.tuning().changeTopicRetention().toMillis()),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
        try (Admin client = Admin.create(admin)) {
            Set<String> existing = client.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>(options.tables().stream()
                    .map(options::changeTopic)
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, options.kafka().partitions(), options.kafka().replicationFactor())
                            .configs(config))
                    .toList());
            if (!existing.contains(options.notificationsTopic())) {
                // One partition: syncline backfill reads it in order.
                missing.add(new NewTopic(options.notificationsTopic(), 1, options.kafka().replicationFactor()).configs(config));
            }
            for (var created : client.createTopics(missing).values().entrySet()) {
                awaitCreated(created.getKey(), created.getValue());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the change topics in Kafka at "
                    + options.kafka().bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + options.kafka().bootstrapServers()
                    + " did not answer within " + TIMEOUT_SECONDS + " s while creating the change topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the change topics", e);
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            creation.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("Created change topic {}", topic);
        } catch (ExecutionException e) {
            // Another process created it between our listing and our request.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
