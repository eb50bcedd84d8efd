package io.syncline.sink.runner;

import io.syncline.sink.RecordCoordinates;
import io.syncline.sink.SinkRecord;
import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import io.syncline.view.ViewSchemaHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** View records and a mock dead-letter producer for the in-process tests. */
final class TestRecords {
    static final String TOPIC = "shop.view.orders";
    static final String DLQ = "shop.dlq.fake";
    static final long TIMESTAMP = 1_700_000_000_000L;

    private TestRecords() {
    }

    /** A view record of {@code orders} as it sits in Kafka, with its wire-format key, value and headers. */
    static ConsumerRecord<byte[], byte[]> consumerRecord(int partition, long offset, String id, long version) {
        ViewRecord view = viewRecord(id, version);
        RecordHeaders headers = new RecordHeaders();
        ViewRecordCodec.headers(view).forEach(headers::add);
        return new ConsumerRecord<>(TOPIC, partition, offset, TIMESTAMP + offset, TimestampType.CREATE_TIME, -1, -1,
                ViewRecordCodec.encodeKey(id), new ViewRecordCodec(OrderHistory.SCHEMA).encodeValue(view), headers,
                Optional.empty());
    }

    /** As {@link #consumerRecord}, made with version {@code schemaVersion} of the view's schema. */
    static ConsumerRecord<byte[], byte[]> consumerRecord(int partition, long offset, String id, long version, long schemaVersion) {
        ConsumerRecord<byte[], byte[]> record = consumerRecord(partition, offset, id, version);
        record.headers().add(ViewSchemaHeader.NAME, ViewSchemaHeader.encode(schemaVersion));
        return record;
    }

    static ViewRecord viewRecord(String id, long version) {
        return new ViewRecord(id, version, Op.UPDATE, TIMESTAMP, Map.of("id", id, "seq", version));
    }

    static SinkRecord sinkRecord(int partition, long offset, String id, long version) {
        return new SinkRecord(OrderHistory.VIEW, viewRecord(id, version), new RecordCoordinates(TOPIC, partition, offset));
    }

    /** A record handed out at these coordinates, tracked by {@code tracker}. */
    static PendingRecord pending(int partition, long offset, String id, long version, OffsetTracker tracker) {
        tracker.track(offset);
        return new PendingRecord(sinkRecord(partition, offset, id, version), consumerRecord(partition, offset, id, version), tracker);
    }

    /** As {@link #pending}, but weighing {@code bytes} in a batch (its serialized value size as read from Kafka). */
    static PendingRecord pendingOfSize(int partition, long offset, String id, int bytes, OffsetTracker tracker) {
        tracker.track(offset);
        ConsumerRecord<byte[], byte[]> record = consumerRecord(partition, offset, id, 1);
        ConsumerRecord<byte[], byte[]> sized = new ConsumerRecord<>(TOPIC, partition, offset, record.timestamp(),
                TimestampType.CREATE_TIME, 0, bytes, record.key(), record.value(), record.headers(), Optional.empty());
        return new PendingRecord(sinkRecord(partition, offset, id, 1), sized, tracker);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A producer that acknowledges every record at once and keeps them for inspection. */
    static MockProducer<byte[], byte[]> deadLetterProducer() {
        Node node = new Node(0, "localhost", 9092);
        Cluster cluster = new Cluster("test", List.of(node),
                List.of(new PartitionInfo(DLQ, 0, node, new Node[]{node}, new Node[]{node})), Set.of(), Set.of());
        return new MockProducer<>(cluster, true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
