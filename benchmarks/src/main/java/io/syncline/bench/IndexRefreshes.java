package io.syncline.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.RefreshStats;
import co.elastic.clients.elasticsearch.indices.IndicesStatsResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * An index's refreshes between two reads of its stats: in L, whether Elasticsearch's periodic
 * refresh kept to its 1 s interval and how long each took, which is the store's part of the
 * latency between the sink's acknowledgement and a reader's first sight.
 */
record IndexRefreshes(long total, long totalMillis, long seconds) {

    /** The index's refresh counters now (primaries: one shard, no replicas locally). */
    static IndexRefreshes read(ElasticsearchClient client, String index) throws IOException {
        IndicesStatsResponse response = client.indices().stats(s -> s.index(index).metric("refresh"));
        RefreshStats refresh = response.all().primaries().refresh();
        return new IndexRefreshes(refresh.total(), refresh.totalTimeInMillis(), System.nanoTime() / 1_000_000_000L);
    }

    String since(IndexRefreshes before) {
        long count = total - before.total;
        return String.format(Locale.ROOT, "Elasticsearch index: %,d refreshes in %,d s, %.0f ms each on average", count,
                seconds - before.seconds, count == 0 ? 0.0 : (double) (totalMillis - before.totalMillis) / count);
    }
}
