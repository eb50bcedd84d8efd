package io.syncline.bench;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.bson.Document;

/**
 * L's readers' questions to each store: which sequence numbers above {@code watermark} a reader can
 * see now, asked the way an application would read the store (no refresh forced, no FINAL needed)
 * and served from an index, so that the reading neither slows the sinks nor lags behind them.
 * The writer sets {@code seq = id} on the rows in id order, so a range on seq is also a range on
 * the key.
 */
final class SequenceQueries {
    /** Elasticsearch's default max result window is 10,000; more are read page by page. */
    private static final int ELASTICSEARCH_PAGE = 10_000;
    /**
     * Ids MongoDB's reader asks per poll: those just above its watermark. A change further ahead is
     * seen late only if one view partition runs this far ahead of another; asking for every id
     * committed and unseen would make each poll as large as the sink's lag.
     */
    private static final int MONGODB_IDS = 1_000;

    /** The sequence numbers above {@code watermark} the store shows now (may include ones already seen). */
    @FunctionalInterface
    interface Query {
        List<Long> above(long watermark) throws Exception;
    }

    private final StoreClients clients;

    SequenceQueries(StoreClients clients) {
        this.clients = clients;
    }

    /**
     * A range search on {@code seq} (mapped {@code long}: a BKD range, cheap) sorted by it, without
     * {@code _refresh}: a document is visible once the index's periodic refresh (1 s by default,
     * as the sink creates it) has run, and that wait is part of what L measures.
     */
    Query elasticsearch(String index) {
        return watermark -> {
            List<Long> seen = new ArrayList<>();
            long from = watermark;
            while (true) {
                long after = from;
                SearchResponse<Void> response = clients.elasticsearch().search(s -> s.index(index)
                        .query(q -> q.range(r -> r.number(n -> n.field("seq").gt((double) after))))
                        .sort(o -> o.field(f -> f.field("seq").order(SortOrder.Asc)))
                        .size(ELASTICSEARCH_PAGE).source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false)),
                        Void.class);
                List<Hit<Void>> hits = response.hits().hits();
                for (Hit<Void> hit : hits) {
                    FieldValue value = hit.sort().get(0);
                    from = value.longValue();
                    seen.add(from);
                }
                if (hits.size() < ELASTICSEARCH_PAGE) {
                    return seen;
                }
            }
        };
    }

    /**
     * MongoDB: the documents of the changes committed but not yet seen (up to {@value #MONGODB_IDS}
     * above the watermark), by {@code _id} (the key's text), their {@code seq} compared here. Not a range on seq: mongo-java-server (the local
     * MongoDB) has no secondary indexes and scans the collection for it while holding the lock the
     * sink's writes need, every 50 ms, which would stall the very writes being timed; an {@code _id
     * $in} is served by the {@code _id} index on MongoDB and mongo-java-server alike (the sink's own
     * version lookup asks the same way).
     *
     * @param committed the highest sequence number committed so far
     */
    Query mongodb(String database, String collection, LongSupplier committed) {
        return watermark -> {
            List<Long> seen = new ArrayList<>();
            long upTo = Math.min(committed.getAsLong(), watermark + MONGODB_IDS);
            List<String> ids = new ArrayList<>();
            for (long id = watermark + 1; id <= upTo; id++) {
                ids.add(Long.toString(id));
            }
            if (ids.isEmpty()) {
                return seen;
            }
            for (Document document : clients.mongodb().getDatabase(database).getCollection(collection)
                    .find(Filters.in("_id", ids)).projection(Projections.include("seq"))) {
                Number seq = document.get("seq", Number.class);
                if (seq != null && seq.longValue() > watermark) {
                    seen.add(seq.longValue());
                }
            }
            return seen;
        };
    }

    /**
     * ClickHouse: the rows with seq above the watermark, also bounded on the key ({@code id}, the
     * table's ORDER BY) so that only the granules past it are read. No FINAL: a row version becomes
     * visible whole when its insert is acknowledged, and the version carrying seq k is the first
     * one holding k, so seeing any version with k is seeing the change.
     */
    Query clickhouse(String table) {
        return watermark -> {
            List<Long> seen = new ArrayList<>();
            String sql = "SELECT seq FROM `" + table + "` WHERE id > " + watermark + " AND seq > " + watermark;
            try (Connection c = clients.clickhouse(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    seen.add(rs.getLong(1));
                }
            }
            return seen;
        };
    }
}
