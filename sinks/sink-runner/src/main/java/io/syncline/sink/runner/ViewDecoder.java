package io.syncline.sink.runner;

import io.syncline.sink.RecordCoordinates;
import io.syncline.sink.SinkRecord;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewRecordCodec;
import io.syncline.view.ViewSchemaHeader;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Turns consumed records into {@link SinkRecord}s with the codec of their topic's view (the sink runner, and {@code syncline reset}). */
public final class ViewDecoder {
    private record Route(String view, ViewRecordCodec codec, long schemaVersion) {
    }

    private final Map<String, Route> byTopic = new HashMap<>();

    public ViewDecoder(Map<String, SinkRunnerOptions.ViewTopic> views) {
        views.forEach((view, source) -> byTopic.put(source.topic(), new Route(view, new ViewRecordCodec(source.schema()),
                source.schemaVersion())));
    }

    public Set<String> topics() {
        return byTopic.keySet();
    }

    /**
     * The version of the schema {@code record} was made with ({@link ViewSchemaHeader}), when it is
     * newer than the one its view is decoded with; empty for an older or the same version, a record
     * without one, and an unversioned view.
     */
    public OptionalLong newerSchemaVersion(ConsumerRecord<byte[], byte[]> record) {
        Route route = byTopic.get(record.topic());
        if (route == null || route.schemaVersion() == SinkRunnerOptions.ViewTopic.UNVERSIONED) {
            return OptionalLong.empty();
        }
        Header header = record.headers().lastHeader(ViewSchemaHeader.NAME);
        OptionalLong version = ViewSchemaHeader.decode(header == null ? null : header.value());
        return version.isPresent() && version.getAsLong() > route.schemaVersion() ? version : OptionalLong.empty();
    }

    /** A stop before {@code record}, made with version {@code recordVersion} of its view's schema. */
    SchemaHold hold(ConsumerRecord<byte[], byte[]> record, long recordVersion) {
        Route route = byTopic.get(record.topic());
        return new SchemaHold(route.view(), route.schemaVersion(), recordVersion, record.offset(), false);
    }

    /** @throws IllegalArgumentException when the record is not a valid view record of its topic's view */
    public SinkRecord decode(ConsumerRecord<byte[], byte[]> record) {
        Route route = byTopic.get(record.topic());
        if (route == null) {
            throw new IllegalArgumentException("no view is routed from topic " + record.topic());
        }
        ViewRecord decoded = route.codec().decode(record.key(), record.value(), name -> {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : header.value();
        });
        return new SinkRecord(route.view(), decoded,
                new RecordCoordinates(record.topic(), record.partition(), record.offset()));
    }
}
