package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class SinkRunnerOptionsTest {
    private static final ViewSchema SCHEMA = new ViewSchema("orders",
            List.of(new ViewField("id", FieldType.of(FieldKind.STRING, false, "text"))), List.of("id"));

    private static SinkRunnerOptions options(Map<String, String> kafkaProperties) {
        return new SinkRunnerOptions("search", "shop", "localhost:9092", kafkaProperties,
                Map.of("orders", new SinkRunnerOptions.ViewTopic("shop.view.orders", SCHEMA)), "shop.dlq.search",
                SinkRunnerOptions.Batching.DEFAULT, RetryPolicy.DEFAULT, SinkRunnerOptions.DEFAULT_SHUTDOWN_TIMEOUT);
    }

    @Test
    void theConsumerGroupIsNamedAfterPipelineAndSink() {
        assertThat(options(Map.of()).consumerGroup()).isEqualTo("syncline.shop.sink.search");
    }

    @Test
    void clientSettingsTheGuaranteesRestOnCannotBeOverridden() {
        SinkRunnerOptions options = options(Map.of("enable.auto.commit", "true", "isolation.level", "read_uncommitted",
                "group.id", "other", "acks", "1", "security.protocol", "SSL"));

        Map<String, Object> consumer = KafkaClients.consumerProperties(options);
        assertThat(consumer).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "syncline.shop.sink.search")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry("security.protocol", "SSL");
        Map<String, Object> producer = KafkaClients.producerProperties(options);
        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void consumersKeepKafkasFetchLimitsUnlessTheUserSetsThem() {
        // 16 MiB per partition made a backlog's fetch responses humongous allocations (benchmarks/README.md, H);
        // a larger record is fetched alone anyway.
        assertThat(KafkaClients.consumerProperties(options(Map.of())))
                .doesNotContainKeys(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ConsumerConfig.FETCH_MAX_BYTES_CONFIG);
        assertThat(KafkaClients.consumerProperties(options(Map.of("max.partition.fetch.bytes", "4194304"))))
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "4194304");
    }

    @Test
    void aSchemaVersionIsNotNegative() {
        assertThatThrownBy(() -> new SinkRunnerOptions("search", "shop", "localhost:9092", Map.of(),
                Map.of("orders", new SinkRunnerOptions.ViewTopic("shop.view.orders", SCHEMA, -1)), "shop.dlq.search",
                SinkRunnerOptions.Batching.DEFAULT, RetryPolicy.DEFAULT, SinkRunnerOptions.DEFAULT_SHUTDOWN_TIMEOUT))
                .hasMessageContaining("views.orders: a schema version is positive (or 0, unversioned), was -1");
    }

    @Test
    void listsEveryProblem() {
        assertThatThrownBy(() -> new SinkRunnerOptions(" ", "shop", "", Map.of(),
                Map.of("orders", new SinkRunnerOptions.ViewTopic("shop.dlq.search", SCHEMA)), "shop.dlq.search",
                new SinkRunnerOptions.Batching(0, Duration.ofMillis(-1), 0), RetryPolicy.DEFAULT, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sinkName is required")
                .hasMessageContaining("bootstrapServers is required")
                .hasMessageContaining("views.orders: topic shop.dlq.search is also the dead-letter topic")
                .hasMessageContaining("batching.maxRecords")
                .hasMessageContaining("batching.linger")
                .hasMessageContaining("batching.maxInFlight");
    }

    @Test
    void aTopicFeedsOneViewOnly() {
        assertThatThrownBy(() -> new SinkRunnerOptions("search", "shop", "localhost:9092", Map.of(),
                Map.of("a", new SinkRunnerOptions.ViewTopic("t", SCHEMA), "b", new SinkRunnerOptions.ViewTopic("t", SCHEMA)),
                "dlq", SinkRunnerOptions.Batching.DEFAULT, RetryPolicy.DEFAULT, Duration.ofSeconds(1)))
                .hasMessageContaining("is routed twice");
    }
}
