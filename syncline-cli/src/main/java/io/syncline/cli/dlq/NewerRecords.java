package io.syncline.cli.dlq;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The last offset of each key on a topic's partitions after given offsets. A dead letter whose key
 * has a later record where it came from is superseded: the later record carries the newer state,
 * and re-producing the old one would, on a compacted view topic, leave it as the key's latest
 * record, so a sink rebuilt from the topic would get the older document.
 */
final class NewerRecords {
    private final Map<Integer, Map<ByteBuffer, Long>> lastOffsets = new HashMap<>();

    NewerRecords(List<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() != null) {
                lastOffsets.computeIfAbsent(record.partition(), p -> new HashMap<>())
                        .merge(ByteBuffer.wrap(record.key()), record.offset(), Math::max);
            }
        }
    }

    /** The offset of a record with {@code key} after {@code offset} in {@code partition}, or -1. */
    long after(int partition, long offset, byte[] key) {
        if (key == null) {
            return -1;
        }
        Long last = lastOffsets.getOrDefault(partition, Map.of()).get(ByteBuffer.wrap(key));
        return last != null && last > offset ? last : -1;
    }
}
