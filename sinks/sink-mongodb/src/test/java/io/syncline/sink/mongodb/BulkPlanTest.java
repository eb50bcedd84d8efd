package io.syncline.sink.mongodb;

import io.syncline.testkit.fixtures.EveryKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import io.syncline.sink.Disposition;
import io.syncline.sink.RecordCoordinates;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.WriteOutcome;
import io.syncline.sink.mongodb.BulkPlan.PlannedWrite;
import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

class BulkPlanTest {
    private static final Map<String, String> COLLECTIONS = Map.of("every_kind", "docs", "other", "others");
    private static final Map<String, Map<String, io.syncline.view.FieldType>> TYPES =
            Map.of("every_kind", EveryKind.SCHEMA.types(), "other", EveryKind.SCHEMA.types());

    @Test
    void upsertsAndDeletesCarryTheVersionGuardInTheirFilter() {
        BulkPlan plan = BulkPlan.of(List.of(upsert("every_kind", "a", 7), delete("every_kind", "b", 9)), COLLECTIONS, TYPES);
        List<PlannedWrite> writes = plan.byCollection().get("docs");
        assertThat(writes).hasSize(2);

        ReplaceOneModel<?> replace = (ReplaceOneModel<?>) writes.get(0).guarded();
        assertThat(json(replace.getFilter())).isEqualTo("{\"$and\": [{\"_id\": \"a\"}, {\"_version\": {\"$not\": {\"$gte\": 7}}}]}");
        assertThat(replace.getReplaceOptions().isUpsert()).isTrue();
        assertThat(((BsonDocument) replace.getReplacement()).getInt64("_version").getValue()).isEqualTo(7);

        DeleteOneModel<?> delete = (DeleteOneModel<?>) writes.get(1).guarded();
        assertThat(json(delete.getFilter())).isEqualTo("{\"$and\": [{\"_id\": \"b\"}, {\"_version\": {\"$not\": {\"$gt\": 9}}}]}");
        assertThat(plan.outcomes()).containsOnlyNulls();
    }

    @Test
    void ofSeveralVersionsOfOneDocumentOnlyTheNewestIsWritten() {
        List<SinkRecord> batch = List.of(
                upsert("every_kind", "a", 5), upsert("every_kind", "a", 7), delete("every_kind", "a", 6),
                upsert("every_kind", "b", 3), upsert("every_kind", "b", 3),
                upsert("other", "a", 1));
        BulkPlan plan = BulkPlan.of(batch, COLLECTIONS, TYPES);
        assertThat(plan.outcomes()).containsExactly(WriteOutcome.STALE, null, WriteOutcome.STALE, null, WriteOutcome.STALE, null);
        assertThat(plan.byCollection().get("docs")).extracting(PlannedWrite::batchIndex).containsExactly(1, 3);
        assertThat(plan.byCollection().get("others")).extracting(PlannedWrite::batchIndex).containsExactly(5);
    }

    @Test
    void unroutedAndUnencodableRecordsGetTheirOutcomeBeforeTheWrite() {
        Map<String, Object> bad = new LinkedHashMap<>(EveryKind.nulls("c"));
        bad.put("count", "seven");
        List<SinkRecord> batch = List.of(upsert("nowhere", "a", 1),
                new SinkRecord("every_kind", new ViewRecord("c", 1, Op.CREATE, 0, bad), new RecordCoordinates("t", 0, 1)),
                upsert("every_kind", "d", 1));
        BulkPlan plan = BulkPlan.of(batch, COLLECTIONS, TYPES);
        assertThat(plan.outcomes()[0]).isInstanceOfSatisfying(WriteOutcome.Failed.class, failed -> {
            assertThat(failed.disposition()).isEqualTo(Disposition.FAIL);
            assertThat(failed.cause()).isEqualTo("view nowhere is not routed to this sink");
        });
        assertThat(plan.outcomes()[1]).isInstanceOfSatisfying(WriteOutcome.Failed.class, failed -> {
            assertThat(failed.disposition()).isEqualTo(Disposition.DEAD_LETTER);
            assertThat(failed.cause()).startsWith("field 'count'");
        });
        assertThat(plan.outcomes()[2]).isNull();
        assertThat(plan.byCollection().get("docs")).extracting(PlannedWrite::batchIndex).containsExactly(2);
    }

    static SinkRecord upsert(String view, String id, long version) {
        return new SinkRecord(view, new ViewRecord(id, version, Op.UPDATE, 1_000, EveryKind.document(id, (int) version)),
                new RecordCoordinates("view." + view, 0, version));
    }

    static SinkRecord delete(String view, String id, long version) {
        return new SinkRecord(view, new ViewRecord(id, version, Op.DELETE, 1_000, null), new RecordCoordinates("view." + view, 0, version));
    }

    private static String json(Bson filter) {
        return filter.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry()).toJson();
    }
}
