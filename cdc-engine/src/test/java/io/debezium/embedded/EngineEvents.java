package io.debezium.embedded;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/** Change events as the embedded engine hands them over, with a source offset (its constructor is package-private). */
public final class EngineEvents {
    private EngineEvents() {
    }

    public static EmbeddedEngineChangeEvent<byte[], byte[], Object> withOffset(String topic, byte[] key, byte[] value,
                                                                              Map<String, ?> offset) {
        SourceRecord source = new SourceRecord(Map.of("server", "test"), offset, topic, null, null, key, null, value);
        return new EmbeddedEngineChangeEvent<>(key, value, List.of(), source);
    }
}
