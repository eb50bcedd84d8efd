package io.syncline.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.SinkFactoryCatalog;
import io.syncline.view.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** Where each kind of dead letter may go back to, and where it may not. */
class DlqTopicTest {
    private final PipelineSpec spec = load("""
            name: shop
            source:
              postgres: {host: 127.0.0.1, port: 5432, database: shop, user: postgres}
              tables: [public.orders, public.customers]
            kafka: {bootstrapServers: "127.0.0.1:9092", topicPrefix: shop}
            views:
              - {name: orders, table: public.orders}
              - {name: customers, table: public.customers}
            sinks:
              - name: search
                type: elasticsearch
                connection: {url: "http://127.0.0.1:9200"}
                views:
                  - {view: orders, index: orders}
            """);

    private static PipelineSpec load(String yaml) {
        try {
            return new PipelineLoader().load("p.yaml", yaml, Map.of(), SinkFactoryCatalog.discover());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSinkDeadLetterGoesBackOnlyToAViewTopicThatSinkReads() {
        DlqTopic search = DlqTopic.ofSink(spec, spec.sinks().get(0));

        assertThat(search.name()).isEqualTo("shop.dlq.search");
        assertThat(search.replayTarget(from("shop.view.orders", "2"))).contains("shop.view.orders");
        assertThat(search.replayTarget(from("shop.view.customers", "0"))).as("a view the sink does not take").isEmpty();
        assertThat(search.replayTarget(from("shop.public.orders", "0"))).as("a change topic").isEmpty();
        assertThat(search.replayTarget(from("shop.view.orders", "x"))).as("no partition").isEmpty();
    }

    @Test
    void aViewStageDeadLetterGoesBackOnlyToAChangeTopicNeverToAKafkaStreamsInternalTopic() {
        DlqTopic views = DlqTopic.ofViews(spec);

        assertThat(views.name()).isEqualTo("shop.dlq.views");
        assertThat(views.replayTarget(from("shop.public.customers", "1"))).contains("shop.public.customers");
        assertThat(views.replayTarget(from("syncline.shop.views-KSTREAM-REPARTITION-0000000003-repartition", "0"))).isEmpty();
        assertThat(views.replayTarget(from("shop.view.orders", "0"))).isEmpty();
    }

    private static DeadLetter from(String topic, String partition) {
        return new DeadLetter("dlq", 0, 0, 0, "1".getBytes(StandardCharsets.UTF_8), null, List.of(
                new RecordHeader(DeadLetterHeaders.TOPIC, topic.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(DeadLetterHeaders.PARTITION, partition.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(DeadLetterHeaders.OFFSET, "5".getBytes(StandardCharsets.UTF_8))));
    }
}
