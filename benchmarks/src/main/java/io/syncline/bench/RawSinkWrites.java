package io.syncline.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline B: the same documents written to each store with its driver alone, no Syncline and no
 * Kafka in the loop. Each store is written on its own, one after the other, and then counted (not
 * timed) to prove every document arrived; the stores are emptied afterwards.
 */
final class RawSinkWrites {
    /** One store's timed write. */
    @FunctionalInterface
    private interface Write {
        Measurement run() throws Exception;
    }

    private final StoreClients clients;
    private final StoreCounts counts;
    private final CpuSampler cpu;

    RawSinkWrites(StoreClients clients, CpuSampler cpu) {
        this.clients = clients;
        this.counts = new StoreCounts(clients);
        this.cpu = cpu;
    }

    /**
     * @param name     unique per round: the index, database and table names derive from it
     * @param cpuCosts gets what each store's write (not its count) cost in CPU
     */
    Map<Metric, Measurement> run(String name, List<OrderRow> rows, Map<Metric, CpuCost> cpuCosts) throws Exception {
        String target = name + "_" + BenchPipeline.VIEW;
        Map<Metric, Measurement> results = new EnumMap<>(Metric.class);
        try {
            measure(Metric.B_ELASTICSEARCH, rows.size(), results, cpuCosts, () -> RawElasticsearchWrite.run(clients, target,
                    rows, BenchPipeline.ELASTICSEARCH_BATCH.maxRecords()));
            expect("Elasticsearch", counts.elasticsearch(target, null), rows.size());
            measure(Metric.B_MONGODB, rows.size(), results, cpuCosts, () -> RawMongoWrite.run(clients, name,
                    BenchPipeline.VIEW, rows, BenchPipeline.MONGODB_BATCH.maxRecords()));
            expect("MongoDB", counts.mongodb(name, BenchPipeline.VIEW, null), rows.size());
            measure(Metric.B_CLICKHOUSE, rows.size(), results, cpuCosts, () -> RawClickHouseWrite.run(clients, target,
                    rows, BenchPipeline.CLICKHOUSE_BATCH.maxRecords()));
            expect("ClickHouse", counts.clickhouse(target, null), rows.size());
        } finally {
            StoreCleanup.drop(clients, target, name, target);
        }
        return results;
    }

    private void measure(Metric metric, long items, Map<Metric, Measurement> results, Map<Metric, CpuCost> cpuCosts,
                         Write write) throws Exception {
        CpuSampler.Totals start = cpu.totals();
        results.put(metric, write.run());
        cpuCosts.put(metric, CpuCost.between(start, cpu.totals(), items));
    }

    private static void expect(String store, Convergence.Count count, long expected) throws Exception {
        long actual = count.read();
        if (actual != expected) {
            throw new IllegalStateException(store + " holds " + actual + " documents after the raw write, not " + expected);
        }
    }
}
