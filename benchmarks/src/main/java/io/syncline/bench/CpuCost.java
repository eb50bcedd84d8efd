package io.syncline.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CPU one measured phase cost, per stage, for {@code items} items (rows, changes, documents)
 * in {@code seconds} of wall time.
 *
 * @param otherThreads CPU of the threads no stage claimed, by name (digits as N)
 */
record CpuCost(Map<CpuStage, Long> nanos, long items, double seconds, Map<String, Long> otherThreads) {

    /** What happened between two readings of the sampler. */
    static CpuCost between(CpuSampler.Totals start, CpuSampler.Totals end, long items) {
        Map<CpuStage, Long> nanos = new EnumMap<>(CpuStage.class);
        end.nanos().forEach((stage, value) -> nanos.put(stage, value - start.nanos().getOrDefault(stage, 0L)));
        Map<String, Long> other = end.otherThreads().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() - start.otherThreads().getOrDefault(e.getKey(), 0L)));
        return new CpuCost(nanos, items, (end.atNanos() - start.atNanos()) / 1e9, other);
    }

    /** µs of CPU per item that {@code stage} spent. */
    double microsPerItem(CpuStage stage) {
        return nanos.getOrDefault(stage, 0L) / 1e3 / items;
    }

    /** µs of CPU per item that the stages of {@code group} spent. */
    double microsPerItem(CpuStage.Group group) {
        return nanos.entrySet().stream().filter(e -> e.getKey().group() == group).mapToLong(Map.Entry::getValue).sum()
                / 1e3 / items;
    }

    /** µs of CPU per item, everything: this JVM and the servers. */
    double totalMicrosPerItem() {
        return nanos.values().stream().mapToLong(Long::longValue).sum() / 1e3 / items;
    }

    /** Cores kept busy on average: all CPU over the wall time. */
    double cores() {
        return nanos.values().stream().mapToLong(Long::longValue).sum() / 1e9 / seconds;
    }
}
