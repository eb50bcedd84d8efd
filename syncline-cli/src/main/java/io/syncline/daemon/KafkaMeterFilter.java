package io.syncline.daemon;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;

/**
 * Keeps the Kafka clients' meters to what a dashboard reads (per client, per thread, per topic)
 * and leaves out the per-broker-connection, per-partition, per-task, per-processor and per-store
 * detail, which multiplies the series by the brokers, partitions and view topology's nodes; also
 * Kafka's windowed rates, which repeat its cumulative totals (Prometheus's rate() reads those).
 */
final class KafkaMeterFilter implements MeterFilter {
    static final KafkaMeterFilter INSTANCE = new KafkaMeterFilter();

    /** Tags of detail: a meter of a Kafka client that carries one of them is left out. */
    private static final Set<String> DETAIL = Set.of("node.id", "partition", "task.id", "processor.node.id");

    private KafkaMeterFilter() {
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        if (!id.getName().startsWith("kafka.")) {
            return MeterFilterReply.NEUTRAL;
        }
        if (id.getName().endsWith(".rate")) {
            return MeterFilterReply.DENY;
        }
        for (Tag tag : id.getTagsAsIterable()) {
            if (DETAIL.contains(tag.getKey()) || tag.getKey().endsWith("state.id")) {
                return MeterFilterReply.DENY;
            }
        }
        return MeterFilterReply.NEUTRAL;
    }
}
