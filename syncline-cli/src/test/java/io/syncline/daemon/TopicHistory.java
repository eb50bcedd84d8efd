package io.syncline.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.testkit.KafkaEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record of a topic whose key names one of some row ids, in one line each: what a failing
 * acceptance test prints so the run tells where a change went astray (capture, view stage or sink).
 */
final class TopicHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicHistory() {
    }

    /** {@code keyField}: the key's field holding the id (change topics: the primary key column; view topics: the document id). */
    static String of(KafkaEndpoint kafka, String topic, String keyField, Set<String> ids) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> lines = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String id = idOf(record.key(), keyField);
                    if (id != null && ids.contains(id)) {
                        lines.add(describe(record, id));
                    }
                }
            }
        } catch (RuntimeException e) {
            lines.add("(could not read " + topic + ": " + e + ")");
        }
        return topic + ":\n  " + String.join("\n  ", lines);
    }

    static Set<String> idsIn(Collection<String> differences) {
        return differences.stream().map(d -> d.replaceAll("^.*? id (\\S+) .*$", "$1")).collect(Collectors.toSet());
    }

    private static String idOf(byte[] key, String keyField) {
        if (key == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(key);
            JsonNode id = node.isObject() ? node.path(keyField) : node;
            return id.isMissingNode() ? null : id.asText();
        } catch (IOException e) {
            return new String(key, StandardCharsets.UTF_8);
        }
    }

    private static String describe(ConsumerRecord<byte[], byte[]> record, String id) {
        StringBuilder line = new StringBuilder().append(record.partition()).append('@').append(record.offset())
                .append(" id ").append(id);
        for (Header header : record.headers()) {
            line.append(' ').append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
        }
        if (record.value() == null) {
            return line.append(" (tombstone)").toString();
        }
        try {
            JsonNode value = JSON.readTree(record.value());
            JsonNode source = value.path("source");
            if (!source.isMissingNode()) {
                line.append(" op=").append(value.path("op").asText()).append(" snapshot=").append(source.path("snapshot").asText())
                        .append(" lsn=").append(source.path("lsn").asText()).append(" sequence=").append(source.path("sequence").asText())
                        .append(" txId=").append(source.path("txId").asText()).append(" after=").append(value.path("after"));
            } else {
                line.append(' ').append(value);
            }
        } catch (IOException e) {
            line.append(" (value not JSON)");
        }
        return line.toString();
    }
}
