package io.syncline.sink.mongodb;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.syncline.sink.Disposition;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.WriteOutcome;
import io.syncline.view.FieldType;
import io.syncline.view.ViewRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;

/**
 * A batch as the writes to make per collection, plus the outcomes known before writing: records
 * of unrouted views, records that cannot be encoded, and older duplicates. Which form each write
 * takes (a plain insert, the guarded write, or none) is chosen against the stored versions by
 * {@link CollectionWriter}.
 * <p>
 * The guarded form carries the version guard in its filter, so the store decides atomically per
 * document:
 * <ul>
 *   <li>upsert: {@code replaceOne({_id: id, _version: {$not: {$gte: v}}}, doc, upsert)}. When
 *       the stored version is newer or equal the filter misses, the upsert tries to insert a
 *       second document with that {@code _id} and fails with E11000: stale, nothing changed;</li>
 *   <li>delete: {@code deleteOne({_id: id, _version: {$not: {$gt: v}}})}: deletes only an older
 *       or equal version.</li>
 * </ul>
 * {@code $not $gte} rather than {@code $lt}: it also matches a document without a numeric
 * {@code _version} (written before this sink owned the collection), which is then replaced
 * instead of blocking every write to that id as stale forever. An unordered bulk may apply its
 * writes in any order, so of several versions of one document in a batch only the newest is
 * written; the older ones are stale.
 */
final class BulkPlan {

    /** One write: where its record sits in the batch, and the document it stores (null for a delete). */
    record PlannedWrite(int batchIndex, String id, long version, BsonDocument document) {

        boolean delete() {
            return document == null;
        }

        /** The version-guarded replace or delete: the store decides atomically (see the class comment). */
        WriteModel<BsonDocument> guarded() {
            if (delete()) {
                return new DeleteOneModel<>(guard(id, Filters.not(Filters.gt(VERSION, version))));
            }
            return new ReplaceOneModel<>(guard(id, Filters.not(Filters.gte(VERSION, version))), document,
                    new ReplaceOptions().upsert(true));
        }

        /** A plain insert, for an id the collection did not hold: atomic too, E11000 if the id appeared since. */
        WriteModel<BsonDocument> insert() {
            return new InsertOneModel<>(document);
        }

        private static Bson guard(String id, Bson version) {
            return Filters.and(Filters.eq(VersionedDocuments.ID, id), version);
        }
    }

    private static final String VERSION = VersionedDocuments.VERSION;

    private final WriteOutcome[] outcomes;
    private final Map<String, List<PlannedWrite>> byCollection = new LinkedHashMap<>();

    private BulkPlan(int size) {
        this.outcomes = new WriteOutcome[size];
    }

    /**
     * @param collections the target collection of each routed view
     * @param types       each routed view's field types by name
     */
    static BulkPlan of(List<SinkRecord> batch, Map<String, String> collections, Map<String, Map<String, FieldType>> types) {
        BulkPlan plan = new BulkPlan(batch.size());
        Map<String, Integer> newest = new HashMap<>();
        List<String> collectionOf = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SinkRecord record = batch.get(i);
            String collection = collections.get(record.view());
            collectionOf.add(collection);
            if (collection == null) {
                plan.outcomes[i] = WriteOutcome.failed(Disposition.FAIL,
                        "view " + record.view() + " is not routed to this sink", null);
                continue;
            }
            Integer previous = newest.putIfAbsent(collection + '\0' + record.record().id(), i);
            if (previous != null) {
                boolean newer = record.record().version() > batch.get(previous).record().version();
                plan.outcomes[newer ? previous : i] = WriteOutcome.STALE;
                if (newer) {
                    newest.put(collection + '\0' + record.record().id(), i);
                }
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            if (plan.outcomes[i] == null) {
                plan.add(i, collectionOf.get(i), batch.get(i), types.get(batch.get(i).view()));
            }
        }
        return plan;
    }

    /** The outcomes so far, by batch index; null where the bulk write decides. */
    WriteOutcome[] outcomes() {
        return outcomes;
    }

    Map<String, List<PlannedWrite>> byCollection() {
        return byCollection;
    }

    private void add(int index, String collection, SinkRecord sinkRecord, Map<String, FieldType> types) {
        ViewRecord record = sinkRecord.record();
        BsonDocument document = null;
        if (!record.isDelete()) {
            try {
                document = VersionedDocuments.of(record, types);
            } catch (IllegalArgumentException e) {
                outcomes[index] = WriteOutcome.failed(Disposition.DEAD_LETTER, e.getMessage(), e);
                return;
            }
        }
        byCollection.computeIfAbsent(collection, c -> new ArrayList<>())
                .add(new PlannedWrite(index, record.id(), record.version(), document));
    }
}
