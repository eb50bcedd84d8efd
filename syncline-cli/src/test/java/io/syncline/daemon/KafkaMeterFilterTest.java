package io.syncline.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Which Kafka client meters the daemon keeps. */
class KafkaMeterFilterTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void keepsClientThreadAndTopicMetersAndLeavesOutRatesAndPerBrokerPartitionTaskAndStoreDetail() {
        registry.config().meterFilter(KafkaMeterFilter.INSTANCE);
        gauge("kafka.producer.record.send.total", "client.id", "syncline-shop-capture");
        gauge("kafka.consumer.fetch.manager.records.consumed.total", "client.id", "c", "topic", "shop.view.orders");
        gauge("kafka.stream.thread.process.total", "client.id", "s", "thread.id", "s-StreamThread-1");
        gauge("kafka.stream.thread.process.rate", "client.id", "s", "thread.id", "s-StreamThread-1");
        gauge("kafka.producer.node.request.total", "client.id", "p", "node.id", "node-1");
        gauge("kafka.consumer.fetch.manager.records.lag", "client.id", "c", "topic", "t", "partition", "0");
        gauge("kafka.stream.task.process.total", "thread.id", "t", "task.id", "0_1");
        gauge("kafka.stream.processor.node.process.total", "thread.id", "t", "task.id", "0_1", "processor.node.id", "x");
        gauge("kafka.stream.state.put.rate", "thread.id", "t", "rocksdb.state.id", "view-orders-state");
        gauge("syncline.sink.lag", "partition", "0"); // not a Kafka client's: left alone

        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).containsExactlyInAnyOrder(
                "kafka.producer.record.send.total", "kafka.consumer.fetch.manager.records.consumed.total",
                "kafka.stream.thread.process.total", "syncline.sink.lag");
    }

    private void gauge(String name, String... tags) {
        Gauge.builder(name, () -> 1).tags(tags).register(registry);
    }
}
