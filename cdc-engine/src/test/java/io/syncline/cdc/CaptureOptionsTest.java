package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.KafkaSpec;
import io.syncline.config.PipelineSpec;
import io.syncline.config.PostgresSpec;
import io.syncline.config.Secret;
import io.syncline.config.SnapshotMode;
import io.syncline.config.SourceSpec;
import io.syncline.config.TableName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaptureOptionsTest {
    static final SourceSpec SOURCE = new SourceSpec(
            new PostgresSpec("db.internal", 5432, "shop", "syncline", new Secret("s3cret")), "shop_slot", "shop_pub",
            List.of(TableName.parse("sales.orders"), TableName.parse("customers")), SnapshotMode.INITIAL,
            Duration.ofSeconds(10), Map.of("slot.stream.params", "x=1"), Map.of(), List.of(), Map.of(), 4);

    static PipelineSpec pipeline(Optional<String> bootstrapServers) {
        return new PipelineSpec("shop", "/var/lib/syncline/shop", SOURCE,
                new KafkaSpec(bootstrapServers, "shop", 6, (short) 3, Map.of("security.protocol", "SSL")),
                List.of(), List.of());
    }

    @Test
    void externalKafkaKeepsOffsetsInTheOffsetsTopic() {
        CaptureOptions options = CaptureOptions.from(pipeline(Optional.of("k1:9092")), "k1:9092");

        assertThat(options.offsetStorage()).isEqualTo(CaptureOptions.OffsetStorage.KAFKA_TOPIC);
        assertThat(options.offsetsTopic()).isEqualTo("shop.syncline.offsets");
        assertThat(options.kafka()).isEqualTo(new CaptureOptions.KafkaTarget("k1:9092", "shop", 6, (short) 3,
                Map.of("security.protocol", "SSL")));
        assertThat(options.name()).isEqualTo("shop");
        assertThat(options.slot()).isEqualTo("shop_slot");
        assertThat(options.heartbeatTable()).as("in the first captured table's schema")
                .isEqualTo(new TableName("sales", "syncline_heartbeat"));
        assertThat(options.changeTopic(TableName.parse("sales.orders"))).isEqualTo("shop.sales.orders");
        assertThat(options.generation()).as("source.generation").isEqualTo(4);
    }

    @Test
    void embeddedKafkaKeepsOffsetsInTheStateDirectory() {
        CaptureOptions options = CaptureOptions.from(pipeline(Optional.empty()), "localhost:40000");

        assertThat(options.offsetStorage()).isEqualTo(CaptureOptions.OffsetStorage.FILE);
        assertThat(options.offsetsFile()).isEqualTo(Path.of("/var/lib/syncline/shop/offsets.dat"));
        assertThat(options.kafka().bootstrapServers()).isEqualTo("localhost:40000");
    }

    @Test
    void publishedTablesAddTheHeartbeatAndSignalTablesOnce() {
        CaptureOptions options = CaptureOptions.from(pipeline(Optional.empty()), "localhost:40000");

        assertThat(options.publishedTables()).containsExactly(TableName.parse("sales.orders"),
                TableName.parse("public.customers"), new TableName("sales", "syncline_heartbeat"),
                new TableName("sales", "syncline_signal"));
    }

    @Test
    void tuningRejectsAQueueNoLargerThanABatch() {
        assertThatThrownBy(() -> new CaptureTuning(4096, 4096, Duration.ofMillis(50), Duration.ofSeconds(1),
                Duration.ofDays(7))).hasMessageContaining("maxQueueSize (4096) must be larger than maxBatchSize (4096)");
    }
}
