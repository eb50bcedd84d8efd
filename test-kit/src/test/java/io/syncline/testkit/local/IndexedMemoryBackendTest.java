package io.syncline.testkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.syncline.testkit.MongoEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Queries that name {@code _id} and more give the same answers as a full scan would. */
class IndexedMemoryBackendTest {
    private static RunningService<MongoEndpoint> server;
    private static MongoClient client;
    private static MongoCollection<Document> docs;

    @BeforeAll
    static void start() {
        server = LocalMongo.start(LocalOptions.ephemeral("mongo-indexed"));
        client = MongoClients.create(server.endpoint().connectionString());
        docs = client.getDatabase("t").getCollection("docs");
        List<Document> all = new ArrayList<>();
        IntStream.range(0, 1000).forEach(i -> all.add(new Document("_id", "k" + i).append("_version", (long) i)
                .append("even", i % 2 == 0)));
        docs.insertMany(all);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void guardedReplaceAppliesOnlyOverAnOlderVersion() {
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        Bson newer = Filters.and(Filters.eq("_id", "k10"), Filters.lt("_version", 11L));
        assertEquals(1, docs.replaceOne(newer, new Document("_id", "k10").append("_version", 11L)).getModifiedCount());

        // Stored 20 is not older than 15: no match, and the upsert collides with the stored _id (as in MongoDB).
        Bson older = Filters.and(Filters.eq("_id", "k20"), Filters.lt("_version", 15L));
        assertThrows(MongoWriteException.class,
                () -> docs.replaceOne(older, new Document("_id", "k20").append("_version", 15L), upsert));
        assertEquals(20L, docs.find(Filters.eq("_id", "k20")).first().getLong("_version"));

        // An id not stored yet: the upsert inserts it.
        Bson absent = Filters.and(Filters.eq("_id", "new"), Filters.lt("_version", 1L));
        docs.replaceOne(absent, new Document("_id", "new").append("_version", 1L), upsert);
        assertEquals(1L, docs.find(Filters.eq("_id", "new")).first().getLong("_version"));
    }

    @Test
    void findsByIdListAndMoreConditionsAsAScanWould() {
        Bson query = Filters.and(Filters.in("_id", "k1", "k2", "k3", "k4", "missing"), Filters.eq("even", true));
        List<String> ids = new ArrayList<>();
        docs.find(query).forEach(d -> ids.add(d.getString("_id")));
        assertEquals(List.of("k2", "k4"), ids.stream().sorted().toList());
    }

    @Test
    void anIdListAloneIsAnsweredFromTheIndex() {
        List<String> ids = new ArrayList<>();
        docs.find(Filters.in("_id", "k5", "k6", "k5", "missing", "K7")).forEach(d -> ids.add(d.getString("_id")));
        assertEquals(List.of("k5", "k6"), ids.stream().sorted().toList());
        assertEquals(1, docs.countDocuments(Filters.eq("_id", "k9")));
        assertEquals(0, docs.countDocuments(Filters.eq("_id", "k9 ")));
        // Not plain values: the matcher still decides.
        assertEquals(111, docs.countDocuments(Filters.in("_id", java.util.regex.Pattern.compile("^k1"))));
    }

    @Test
    void conditionsBesideTheIdStillDecide() {
        Bson either = Filters.and(Filters.eq("_id", "k7"), Filters.or(Filters.eq("even", true), Filters.eq("_version", 7L)));
        assertEquals(1, docs.countDocuments(either));
        Bson neither = Filters.and(Filters.eq("_id", "k7"), Filters.or(Filters.eq("even", true), Filters.eq("_version", 8L)));
        assertEquals(0, docs.countDocuments(neither));
        Bson notTheId = Filters.and(Filters.ne("_id", "k7"), Filters.eq("_version", 7L));
        assertEquals(0, docs.countDocuments(notTheId));
    }
}
