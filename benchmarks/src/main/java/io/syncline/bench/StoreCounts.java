package io.syncline.bench;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.mongodb.client.model.Filters;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Counts of current documents in each store, as the benchmark polls them: all documents, or those
 * whose {@code status} is a given value (null: all).
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

    Convergence.Count mongodb(String database, String collection, String status) {
        Bson filter = status == null ? new Document() : Filters.eq("status", status);
        return () -> clients.mongodb().getDatabase(database).getCollection(collection).countDocuments(filter);
    }

    /** {@code count() ... FINAL}: the current rows of the ReplacingMergeTree, newest version per key. */
    Convergence.Count clickhouse(String table, String status) {
        String sql = "SELECT count() FROM `" + table + "` FINAL"
                + (status == null ? "" : " WHERE status = '" + status.replace("'", "''") + "'");
        return () -> {
            try (Connection c = clients.clickhouse(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        };
    }
}
