package io.syncline.processors;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** Builds the view topology from view definitions: a pure function, tested with TopologyTestDriver. */
public final class ViewTopology {
    private ViewTopology() {
    }

    public static StreamsBuilder build(StreamsBuilder builder, List<ViewDefinition> views, ViewMetrics metrics) {
        for (ViewDefinition view : views) {
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(view.storeName()), Serdes.String(), Serdes.ByteArray()));
            builder.stream(view.changeTopic(), Consumed.with(Serdes.String(), Serdes.String()))
                    .process(() -> new ViewRecordProcessor(view, metrics), view.storeName())
                    .to(view.viewTopic(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        }
        return builder;
    }
}
