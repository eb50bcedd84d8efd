package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class ViewStageWritesTest {
    private final Map<MetricName, Metric> metrics = new HashMap<>();
    private final ViewStageWrites writes = new ViewStageWrites(() -> metrics, "syncline.shop.views", "shop");

    @Test
    void sumsEachTopicsWrittenRecordsOverTheStreamThreadsWithoutRetriesAndWithShortNames() {
        sent("thread-1-producer", "syncline.shop.views-rows-orders-changelog", 40);
        sent("thread-2-producer", "syncline.shop.views-rows-orders-changelog", 2);
        sent("thread-1-producer", "shop.view.orders", 9);
        // Two records sent again after an OUT_OF_ORDER_SEQUENCE_NUMBER: written once.
        metrics.put(new MetricName("record-retry-total", "producer-topic-metrics", "",
                Map.of("client-id", "thread-1-producer", "topic", "shop.view.orders")), value(2));
        sent("thread-1-producer", "elsewhere", 1);
        // Not the per-topic send counter: left out.
        metrics.put(new MetricName("record-send-total", "producer-metrics", "", Map.of("client-id", "p")), value(99));
        metrics.put(new MetricName("byte-total", "producer-topic-metrics", "",
                Map.of("client-id", "p", "topic", "shop.view.orders")), value(5_000));

        assertThat(writes.sent()).containsExactly(Map.entry("<prefix>.view.orders", 7L), Map.entry("elsewhere", 1L),
                Map.entry("rows-orders-changelog", 42L));
    }

    @Test
    void betweenTwoReadingsKeepsTheTopicsThatGotRecords() {
        assertThat(ViewStageWrites.between(Map.of("a", 5L, "b", 3L), Map.of("a", 9L, "b", 3L, "c", 2L)))
                .containsExactly(Map.entry("a", 4L), Map.entry("c", 2L));
    }

    private void sent(String client, String topic, long records) {
        metrics.put(new MetricName("record-send-total", "producer-topic-metrics", "",
                Map.of("client-id", client, "topic", topic)), value(records));
    }

    private static Metric value(double value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return null;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }
}
