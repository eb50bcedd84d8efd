package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.cli.ViewTopicReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A view topic's documents as a sink would end up holding them: the topic read from its start to
 * its end with syncline-cli's {@link ViewTopicReader} (committed records only, as the sinks read
 * it), the last record per document id, a tombstone removing the document. Used where no sink
 * runs, to tell when the views are done.
 */
final class ViewTopicDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 10_000;

    private ViewTopicDocuments() {
    }

    /** Document id to its {@code doc} object. */
    static Map<String, JsonNode> read(String bootstrapServers, String topic) throws Exception {
        Map<String, JsonNode> documents = new HashMap<>();
        try (ViewTopicReader reader = new ViewTopicReader(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic)) {
            reader.read(reader.beginnings(), reader.ends(), BATCH, batch -> {
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    String id = new String(record.key(), StandardCharsets.UTF_8);
                    if (record.value() == null) {
                        documents.remove(id);
                    } else {
                        documents.put(id, JSON.readTree(record.value()).path("doc"));
                    }
                }
            });
        }
        return documents;
    }
}
