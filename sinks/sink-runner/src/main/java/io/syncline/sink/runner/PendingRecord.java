package io.syncline.sink.runner;

import io.syncline.sink.SinkRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumed record on its way through a lane: decoded for the writer, raw for the dead-letter
 * topic, and the tracker of its partition to acknowledge it to.
 */
record PendingRecord(SinkRecord sinkRecord, ConsumerRecord<byte[], byte[]> raw, OffsetTracker tracker) {

    /** What the record weighs in a batch: its key and value as read from Kafka. */
    long bytes() {
        return Math.max(0, raw.serializedKeySize()) + Math.max(0, raw.serializedValueSize());
    }

    TopicPartition partition() {
        return new TopicPartition(raw.topic(), raw.partition());
    }

    /** Whether its partition was revoked or lost since it was consumed: it must not be written any more. */
    boolean revoked() {
        return tracker.revoked();
    }

    /** Coordinates and id, for logs. */
    String describe() {
        return sinkRecord.coordinates() + " id " + sinkRecord.record().id();
    }
}
