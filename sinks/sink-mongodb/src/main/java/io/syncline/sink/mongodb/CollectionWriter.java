package io.syncline.sink.mongodb;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.WriteModel;
import io.syncline.sink.WriteOutcome;
import io.syncline.sink.mongodb.BulkPlan.PlannedWrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Writes one collection's share of a batch in the cheapest form that keeps the version guard:
 * <ol>
 *   <li>one query reads the stored {@code _version} of the writes' ids ({@code _id $in}, served by
 *       the {@code _id} index on MongoDB and on mongo-java-server alike);</li>
 *   <li>an id the collection lacks: an upsert becomes a plain insert; a delete is written
 *       without a round trip (the state it asks for already holds);</li>
 *   <li>an id stored at a newer version (or an equal one, for an upsert): stale, not sent;</li>
 *   <li>the rest: the guarded replace or delete ({@link PlannedWrite#guarded()}).</li>
 * </ol>
 * Why: a guarded filter holds more than {@code _id}, which mongo-java-server (the MongoDB of the
 * tests and the demo) answers by scanning the whole collection, so a snapshot of new rows slowed
 * down as the collection grew. Plain inserts and the lookup use the {@code _id} index everywhere.
 * <p>
 * Still safe under concurrent writers: the lookup only chooses the form, and every write stays
 * atomic and guarded by the store. An insert fails with E11000 if the id appeared after the
 * lookup, and is then sent as the guarded replace, which decides by version; a guarded write
 * applies only over an older version whatever changed since. A stale verdict from the lookup
 * holds too: every write of this sink is guarded, so a stored version newer than ours stays newer,
 * or its document is removed by a delete newer still. A stored {@code _version} that is not an
 * Int32/Int64 is not compared here: the guarded write decides.
 */
final class CollectionWriter {
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    /** Keeps each lookup query far below MongoDB's 16 MiB command limit, whatever the batch size. */
    private static final int IDS_PER_LOOKUP = 5_000;

    private final MongoCollection<BsonDocument> collection;

    CollectionWriter(MongoCollection<BsonDocument> collection) {
        this.collection = collection;
    }

    /** Writes, setting the outcome of each write at its batch index. */
    void write(List<PlannedWrite> writes, WriteOutcome[] outcomes) {
        write(writes, storedVersions(writes.stream().map(PlannedWrite::id).toList()), outcomes);
    }

    /**
     * The stored version of each of these ids the collection holds; empty when the stored
     * {@code _version} is missing or not an integer. Package-private, with the next method, so
     * that a test can change the collection between the lookup and the writes.
     */
    Map<String, OptionalLong> storedVersions(List<String> ids) {
        Map<String, OptionalLong> stored = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_LOOKUP) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_LOOKUP));
            // One reply for all answers: the driver would otherwise fetch 101 documents, then the rest.
            for (BsonDocument document : collection.find(Filters.in(VersionedDocuments.ID, some))
                    .projection(Projections.include(VersionedDocuments.VERSION)).batchSize(some.size())) {
                BsonValue id = document.get(VersionedDocuments.ID);
                BsonValue version = document.get(VersionedDocuments.VERSION);
                if (id != null && id.isString()) {
                    stored.put(id.asString().getValue(), version != null && (version.isInt64() || version.isInt32())
                            ? OptionalLong.of(version.asNumber().longValue()) : OptionalLong.empty());
                }
            }
        }
        return stored;
    }

    /** Writes, given the versions stored when looked up. */
    void write(List<PlannedWrite> writes, Map<String, OptionalLong> stored, WriteOutcome[] outcomes) {
        Forms forms = Forms.choose(writes, stored, outcomes);
        List<PlannedWrite> guarded = new ArrayList<>(forms.guarded());
        if (!forms.inserts().isEmpty()) {
            guarded.addAll(BulkOutcomes.settleInserts(forms.inserts(),
                    bulkWrite(forms.inserts(), PlannedWrite::insert).failure(), outcomes));
        }
        if (!guarded.isEmpty()) {
            Bulk bulk = bulkWrite(guarded, PlannedWrite::guarded);
            BulkOutcomes.settle(guarded, bulk.result(), bulk.failure(), outcomes, ids -> storedVersions(ids).keySet());
        }
    }

    /** The writes to send as plain inserts and as guarded writes; the others' outcomes are set. */
    record Forms(List<PlannedWrite> inserts, List<PlannedWrite> guarded) {

        static Forms choose(List<PlannedWrite> writes, Map<String, OptionalLong> stored, WriteOutcome[] outcomes) {
            Forms forms = new Forms(new ArrayList<>(), new ArrayList<>());
            for (PlannedWrite write : writes) {
                OptionalLong current = stored.get(write.id());
                if (current == null) {
                    if (write.delete()) {
                        outcomes[write.batchIndex()] = WriteOutcome.WRITTEN;
                    } else {
                        forms.inserts.add(write);
                    }
                } else if (current.isPresent() && (write.delete() ? current.getAsLong() > write.version()
                        : current.getAsLong() >= write.version())) {
                    outcomes[write.batchIndex()] = WriteOutcome.STALE;
                } else {
                    forms.guarded.add(write);
                }
            }
            return forms;
        }
    }

    private record Bulk(BulkWriteResult result, MongoBulkWriteException failure) {
    }

    private Bulk bulkWrite(List<PlannedWrite> writes, Function<PlannedWrite, WriteModel<BsonDocument>> form) {
        try {
            return new Bulk(collection.bulkWrite(writes.stream().map(form).toList(), UNORDERED), null);
        } catch (MongoBulkWriteException e) {
            return new Bulk(e.getWriteResult(), e);
        }
    }
}
