package io.syncline.sink.runner;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each view topic's {@code delete.retention.ms} as the broker has it (with the user's own
 * Kafka it may differ from what Syncline would set), for {@link TombstoneWindow}.
 */
final class TopicDeleteRetention {
    private static final Logger LOG = LoggerFactory.getLogger(TopicDeleteRetention.class);
    private static final long TIMEOUT_SECONDS = 30;

    private TopicDeleteRetention() {
    }

    /** Per topic; empty when it cannot be read (then only the warning is lost). */
    static Map<String, Duration> read(SinkRunnerOptions options, Collection<String> topics) throws InterruptedException {
        Map<String, Object> props = new HashMap<>(options.kafkaProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, options.consumerGroup() + ".admin");
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<String, Duration> retention = new HashMap<>();
        try (Admin admin = Admin.create(props)) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> {
                ConfigEntry entry = config.get(TopicConfig.DELETE_RETENTION_MS_CONFIG);
                if (entry != null && entry.value() != null) {
                    retention.put(resource.name(), Duration.ofMillis(Long.parseLong(entry.value())));
                }
            });
        } catch (ExecutionException | TimeoutException | KafkaException | NumberFormatException e) {
            LOG.warn("sink {}: could not read the view topics' delete.retention.ms ({}); a sink that falls behind "
                    + "past it will not be warned about", options.sinkName(), e.toString());
        }
        return retention;
    }
}
