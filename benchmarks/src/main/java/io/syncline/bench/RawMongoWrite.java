package io.syncline.bench;

import com.mongodb.client.MongoCollection;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Baseline B for MongoDB: the documents Syncline would store ({@code _id}, the fields, {@code _version},
 * {@code _source_ts_ms}), inserted with {@code insertMany} in calls of the pipeline's batch size, one
 * call at a time. Plain inserts: Syncline looks up stored versions first and guards updates.
 */
final class RawMongoWrite {
    private RawMongoWrite() {
    }

    static Measurement run(StoreClients clients, String database, String collection, List<OrderRow> rows,
                           int batchSize) {
        MongoCollection<Document> target = clients.mongodb().getDatabase(database).getCollection(collection);
        List<Document> documents = rows.stream().map(RawMongoWrite::document).toList();
        long start = System.nanoTime();
        for (List<Document> chunk : RawValues.chunks(documents, batchSize)) {
            target.insertMany(chunk);
        }
        return Measurement.since(start, rows.size());
    }

    private static Document document(OrderRow row) {
        return new Document("_id", Long.toString(row.id()))
                .append("id", row.id())
                .append("order_uid", row.orderUid().toString())
                .append("status", row.status())
                .append("total", new Decimal128(row.total()))
                .append("placed_at", RawValues.isoMicros(row.placedAt()))
                .append("details", row.details() == null ? null : Document.parse(row.details()))
                .append("note", row.note())
                .append("_version", 1L)
                .append("_source_ts_ms", row.placedAt().toEpochMilli());
    }
}
