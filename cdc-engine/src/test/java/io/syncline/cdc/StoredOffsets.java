package io.syncline.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.testkit.KafkaEndpoint;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the position a capture stored (Debezium's offset map as JSON), from the offsets topic or file. */
final class StoredOffsets {
    private StoredOffsets() {
    }

    /** The last offset stored in the topic for the engine {@code name}, if any. */
    static Optional<JsonNode> fromTopic(KafkaEndpoint kafka, String topic, String name) {
        try (TopicReader reader = new TopicReader(kafka)) {
            JsonNode last = null;
            for (ConsumerRecord<byte[], byte[]> r : reader.readRaw(topic)) {
                if (r.value() != null && TopicReader.parse(r.key()).path(0).asText().equals(name)) {
                    last = TopicReader.parse(r.value());
                }
            }
            return Optional.ofNullable(last);
        }
    }

    /** The offset stored in FileOffsetBackingStore's file (a serialized map of JSON key and value bytes). */
    static Optional<JsonNode> fromFile(Path file, String name) throws IOException, ClassNotFoundException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            @SuppressWarnings("unchecked")
            Map<byte[], byte[]> raw = (Map<byte[], byte[]>) in.readObject();
            return raw.entrySet().stream()
                    .filter(e -> TopicReader.parse(e.getKey()).path(0).asText().equals(name))
                    .map(e -> TopicReader.parse(e.getValue()))
                    .findFirst();
        }
    }

    /** The highest WAL position the stored offset claims (lsn, lsn_proc, lsn_commit). */
    static long highestLsn(JsonNode offset) {
        return Math.max(offset.path("lsn").asLong(), Math.max(offset.path("lsn_proc").asLong(),
                offset.path("lsn_commit").asLong()));
    }
}
