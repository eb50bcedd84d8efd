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
    private final StoreClients clients;
    private final StoreCounts counts;

    RawSinkWrites(StoreClients clients) {
        this.clients = clients;
        this.counts = new StoreCounts(clients);
    }

    /** @param name unique per round: the index, database and table names derive from it */
    Map<Metric, Measurement> run(String name, List<OrderRow> rows) throws Exception {
        String target = name + "_" + BenchPipeline.VIEW;
        Map<Metric, Measurement> results = new EnumMap<>(Metric.class);
        try {
            results.put(Metric.B_ELASTICSEARCH, RawElasticsearchWrite.run(clients, target, rows,
                    BenchPipeline.ELASTICSEARCH_BATCH.maxRecords()));
            expect("Elasticsearch", counts.elasticsearch(target, null), rows.size());
            results.put(Metric.B_MONGODB, RawMongoWrite.run(clients, name, BenchPipeline.VIEW, rows,
                    BenchPipeline.MONGODB_BATCH.maxRecords()));
            expect("MongoDB", counts.mongodb(name, BenchPipeline.VIEW, null), rows.size());
            results.put(Metric.B_CLICKHOUSE, RawClickHouseWrite.run(clients, target, rows,
                    BenchPipeline.CLICKHOUSE_BATCH.maxRecords()));
            expect("ClickHouse", counts.clickhouse(target, null), rows.size());
        } finally {
            StoreCleanup.drop(clients, target, name, target);
        }
        return results;
    }

    private static void expect(String store, Convergence.Count count, long expected) throws Exception {
        long actual = count.read();
        if (actual != expected) {
            throw new IllegalStateException(store + " holds " + actual + " documents after the raw write, not " + expected);
        }
    }
}
