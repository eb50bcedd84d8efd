package io.syncline.testkit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.InsertOneResult;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.RealServices;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** MongoDB wire protocol: bulk upserts by _id, replays, deletes and finds through mongodb-driver-sync. */
@RealServices
class MongoSmokeIT {

    @Test
    void bulkUpsertsAreIdempotentAndFindable(MongoEndpoint mongo) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> orders = client.getDatabase("smoke_" + UUID.randomUUID().toString().substring(0, 8))
                    .getCollection("orders");

            List<WriteModel<Document>> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(upsert(i, "v1", i % 2 == 0 ? "paid" : "open"));
            }
            var first = orders.bulkWrite(batch);
            assertThat(first.getUpserts()).hasSize(200);

            // Replaying the same batch changes nothing; a second version replaces, a delete removes.
            orders.bulkWrite(batch);
            orders.bulkWrite(List.of(upsert(7, "v2", "shipped"), new DeleteOneModel<>(Filters.eq("_id", 8L))));

            assertThat(orders.countDocuments()).isEqualTo(199);
            assertThat(orders.countDocuments(Filters.eq("status", "paid"))).isEqualTo(99);
            Document seven = orders.find(Filters.eq("_id", 7L)).first();
            assertThat(seven).isNotNull();
            assertThat(seven.getString("version")).isEqualTo("v2");
            assertThat(seven.getString("status")).isEqualTo("shipped");
            assertThat(orders.find(Filters.eq("_id", 8L)).first()).isNull();

            InsertOneResult inserted = orders.insertOne(new Document("_id", 1000L));
            assertThat(inserted.wasAcknowledged()).isTrue();
        }
    }

    private static ReplaceOneModel<Document> upsert(long id, String version, String status) {
        Document doc = new Document("_id", id).append("version", version).append("status", status)
                .append("total", "12.50");
        return new ReplaceOneModel<>(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true));
    }
}
