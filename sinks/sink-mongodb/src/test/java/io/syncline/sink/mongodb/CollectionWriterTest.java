package io.syncline.sink.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.sink.WriteOutcome;
import io.syncline.sink.mongodb.BulkPlan.PlannedWrite;
import io.syncline.sink.mongodb.CollectionWriter.Forms;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class CollectionWriterTest {

    @Test
    void eachWriteTakesTheFormItsStoredVersionCallsFor() {
        List<PlannedWrite> writes = List.of(
                upsert(0, "absent", 5), upsert(1, "older", 5), upsert(2, "equal", 5), upsert(3, "newer", 5),
                upsert(4, "unversioned", 5),
                delete(5, "absent-delete", 5), delete(6, "older-delete", 5), delete(7, "equal-delete", 5),
                delete(8, "newer-delete", 5), delete(9, "unversioned-delete", 5));
        Map<String, OptionalLong> stored = Map.of(
                "older", OptionalLong.of(4), "equal", OptionalLong.of(5), "newer", OptionalLong.of(6),
                "unversioned", OptionalLong.empty(),
                "older-delete", OptionalLong.of(4), "equal-delete", OptionalLong.of(5), "newer-delete", OptionalLong.of(6),
                "unversioned-delete", OptionalLong.empty());
        WriteOutcome[] outcomes = new WriteOutcome[writes.size()];

        Forms forms = Forms.choose(writes, stored, outcomes);

        assertThat(forms.inserts()).extracting(PlannedWrite::id).containsExactly("absent");
        assertThat(forms.guarded()).extracting(PlannedWrite::id)
                .containsExactly("older", "unversioned", "older-delete", "equal-delete", "unversioned-delete");
        assertThat(outcomes).containsExactly(null, null, WriteOutcome.STALE, WriteOutcome.STALE, null,
                WriteOutcome.WRITTEN, null, null, WriteOutcome.STALE, null);
    }

    private static PlannedWrite upsert(int index, String id, long version) {
        return new PlannedWrite(index, id, version, new BsonDocument("_id", new BsonString(id)));
    }

    private static PlannedWrite delete(int index, String id, long version) {
        return new PlannedWrite(index, id, version, null);
    }
}
