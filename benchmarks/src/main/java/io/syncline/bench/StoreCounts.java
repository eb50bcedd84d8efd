package io.syncline.bench;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Counts of current documents in each store, as the benchmark polls them: all documents, or those
 * whose {@code status} is a given value (null: all); for joined documents, the documents that match
 * and the elements of their array field {@code items} that match.
 */
final class StoreCounts {
    private final StoreClients clients;

    StoreCounts(StoreClients clients) {
        this.clients = clients;
    }

    /** {@code _count} after a refresh, so every acknowledged write is counted. */
    Convergence.Count elasticsearch(String index, String status) {
        Query query = status == null ? Query.of(q -> q.matchAll(m -> m))
                : Query.of(q -> q.term(t -> t.field("status.keyword").value(status)));
        return () -> {
            clients.elasticsearch().indices().refresh(r -> r.index(index));
            return clients.elasticsearch().count(c -> c.index(index).query(query)).count();
        };
    }

    /**
     * Documents matching {@code documents} plus elements of the {@code nested} array {@code items}
     * matching {@code items} (a query on the elements' full paths, e.g. {@code items.quantity}); a
     * null query counts nothing.
     */
    Convergence.Count elasticsearch(String index, Query documents, Query items) {
        return () -> {
            clients.elasticsearch().indices().refresh(r -> r.index(index));
            long count = documents == null ? 0 : clients.elasticsearch().count(c -> c.index(index).query(documents)).count();
            if (items != null) {
                SearchResponse<Void> response = clients.elasticsearch().search(s -> s.index(index).size(0)
                        .aggregations("items", a -> a.nested(n -> n.path("items"))
                                .aggregations("matching", m -> m.filter(items))), Void.class);
                count += response.aggregations().get("items").nested().aggregations().get("matching").filter().docCount();
            }
            return count;
        };
    }

    /**
     * The same for MongoDB, counted here from each document's {@code customer} and {@code items}:
     * filters into arrays of subdocuments are where MongoDB servers (and mongo-java-server) differ.
     */
    Convergence.Count mongodb(String database, String collection, Predicate<Document> documents, Predicate<Document> items) {
        return () -> {
            long count = 0;
            for (Document document : clients.mongodb().getDatabase(database).getCollection(collection).find()
                    .projection(Projections.include("customer", "items"))) {
                if (documents != null && documents.test(document)) {
                    count++;
                }
                if (items != null) {
                    for (Object item : document.getList("items", Object.class, List.of())) {
                        if (item instanceof Document element && items.test(element)) {
                            count++;
                        }
                    }
                }
            }
            return count;
        };
    }

    Convergence.Count mongodb(String database, String collection, String status) {
        Bson filter = status == null ? new Document() : Filters.eq("status", status);
        return () -> clients.mongodb().getDatabase(database).getCollection(collection).countDocuments(filter);
    }

    /**
     * One probe per store for the spine's one view ({@link BenchPipeline#VIEW}) of {@code pipeline}:
     * its documents with {@code status} (null: all) reaching {@code target}, each named by {@code name}.
     */
    List<Convergence.Probe> view(BenchPipeline pipeline, long target, String status, Duration poll,
                                 Function<BenchPipeline.Store, String> name) {
        return Arrays.stream(BenchPipeline.Store.values()).map(store -> new Convergence.Probe(name.apply(store), target,
                switch (store) {
                    case ELASTICSEARCH -> elasticsearch(pipeline.elasticsearchIndex(BenchPipeline.VIEW), status);
                    case MONGODB -> mongodb(pipeline.mongoDatabase(), BenchPipeline.VIEW, status);
                    case CLICKHOUSE -> clickhouse(pipeline.clickhouseTable(BenchPipeline.VIEW), status);
                }, poll)).toList();
    }

    /** {@link #view(BenchPipeline, long, String, Duration, Function)}, each probe named by its store ({@code ELASTICSEARCH}, ...). */
    List<Convergence.Probe> view(BenchPipeline pipeline, long target, String status, Duration poll) {
        return view(pipeline, target, status, poll, BenchPipeline.Store::name);
    }

    /** {@code count() ... FINAL}: the current rows of the ReplacingMergeTree, newest version per key. */
    Convergence.Count clickhouse(String table, String status) {
        return clickhouseWhere(table, status == null ? null : "status = '" + status.replace("'", "''") + "'");
    }

    /** {@code count() ... FINAL WHERE condition} (null: all current rows). */
    Convergence.Count clickhouseWhere(String table, String condition) {
        String sql = "SELECT count() FROM `" + table + "` FINAL" + (condition == null ? "" : " WHERE " + condition);
        return () -> {
            try (Connection c = clients.clickhouse(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        };
    }
}
