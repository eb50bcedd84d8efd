package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.view.Versions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class SweepMarkersTest {
    private static final Node NODE = new Node(0, "localhost", 9092);
    private static final Cluster CLUSTER = new Cluster("c", List.of(NODE), List.of(
            partition("shop.public.orders", 0), partition("shop.public.orders", 1), partition("shop.public.items", 0)),
            java.util.Set.of(), java.util.Set.of());

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(CLUSTER, true, null, new ByteArraySerializer(), new ByteArraySerializer());

    private static PartitionInfo partition(String topic, int partition) {
        return new PartitionInfo(topic, partition, NODE, new Node[] {NODE}, new Node[] {NODE});
    }

    @Test
    void marksEveryPartitionBeforeTheFirstStreamedRecordOnceAndRecordsIt() throws Exception {
        LedgerInMemory ledger = new LedgerInMemory(new CaptureLedger.Entry(2, false, false));
        SweepMarkers sweeps = new SweepMarkers(producer, List.of("shop.public.orders", "shop.public.items"), ledger);

        sweeps.batchReceived();
        sweeps.beforeForwarding(Map.of("lsn", 100L, "snapshot", "INITIAL", "last_snapshot_record", false));
        sweeps.beforeForwarding(Map.of("lsn", 100L, "snapshot", true, "last_snapshot_record", true));
        assertThat(producer.history()).isEmpty();

        sweeps.beforeForwarding(Map.of("lsn", 250L, "txId", 7L));
        sweeps.beforeForwarding(Map.of("lsn", 260L));

        assertThat(producer.history()).extracting(r -> r.topic() + "/" + r.partition())
                .containsExactly("shop.public.orders/0", "shop.public.orders/1", "shop.public.items/0");
        ProducerRecord<byte[], byte[]> marker = producer.history().get(0);
        assertThat(marker.key()).isNull();
        assertThat(new String(marker.value(), StandardCharsets.UTF_8)).startsWith("{\"op\":\"sweep\",\"source\":{\"lsn\":250,");
        assertThat(Versions.generationOf(marker.headers().lastHeader(Versions.GENERATION_HEADER).value())).isEqualTo(2);
        assertThat(ledger.written).containsExactly(new CaptureLedger.Entry(2, true, false),
                new CaptureLedger.Entry(2, true, true));
    }

    @Test
    void sendsNothingWhenNoSweepIsDueOrTheRecordsPositionIsUnknown() throws Exception {
        LedgerInMemory done = new LedgerInMemory(new CaptureLedger.Entry(1, true, true));
        new SweepMarkers(producer, List.of("shop.public.orders"), done).beforeForwarding(Map.of("lsn", 5L));
        LedgerInMemory due = new LedgerInMemory(new CaptureLedger.Entry(1, true, false));
        new SweepMarkers(producer, List.of("shop.public.orders"), due).beforeForwarding(null);

        assertThat(producer.history()).isEmpty();
        assertThat(done.written).isEmpty();
        assertThat(due.written).isEmpty();
    }
}
