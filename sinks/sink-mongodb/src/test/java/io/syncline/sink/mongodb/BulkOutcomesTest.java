package io.syncline.sink.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import io.syncline.sink.Disposition;
import io.syncline.sink.WriteOutcome;
import io.syncline.sink.mongodb.BulkPlan.PlannedWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class BulkOutcomesTest {
    private final List<List<String>> lookedUp = new ArrayList<>();

    @Test
    void writesWithoutItemErrorsAreWrittenAndADuplicateKeyIsAStaleVersion() {
        List<PlannedWrite> writes = List.of(upsert(0, "a"), upsert(1, "b"), upsert(2, "c"));
        MongoBulkWriteException failure = failure(result(0, 2), List.of(error(1, 11000)), null);
        WriteOutcome[] outcomes = settle(writes, failure.getWriteResult(), failure, Set.of());
        assertThat(outcomes).containsExactly(WriteOutcome.WRITTEN, WriteOutcome.STALE, WriteOutcome.WRITTEN);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void otherItemErrorsGoByCode() {
        List<PlannedWrite> writes = List.of(upsert(0, "a"), upsert(1, "b"), upsert(2, "c"), upsert(3, "d"));
        MongoBulkWriteException failure = failure(result(0, 0),
                List.of(error(0, 10334), error(1, 121), error(2, 13), error(3, 10107)), null);
        WriteOutcome[] outcomes = settle(writes, failure.getWriteResult(), failure, Set.of());
        assertThat(dispositions(outcomes)).containsExactly(Disposition.DEAD_LETTER, Disposition.DEAD_LETTER,
                Disposition.FAIL, Disposition.RETRY);
        assertThat(((WriteOutcome.Failed) outcomes[0]).cause()).isEqualTo("MongoDB refused the document: error 10334 (BSONObjectTooLarge)");
        assertThat(((WriteOutcome.Failed) outcomes[1]).cause()).isEqualTo("MongoDB refused the document: error 121 (DocumentValidationFailure)");
    }

    @Test
    void aWriteConcernErrorRetriesEveryWriteWithoutAnItemError() {
        List<PlannedWrite> writes = List.of(upsert(0, "a"), upsert(1, "b"), delete(2, "c"));
        MongoBulkWriteException failure = failure(result(1, 1), List.of(error(1, 11000)),
                new WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out", new BsonDocument()));
        WriteOutcome[] outcomes = settle(writes, failure.getWriteResult(), failure, Set.of());
        assertThat(outcomes[0]).isInstanceOfSatisfying(WriteOutcome.Failed.class, failed -> {
            assertThat(failed.disposition()).isEqualTo(Disposition.RETRY);
            assertThat(failed.cause()).isEqualTo("write concern error 64");
        });
        assertThat(outcomes[1]).isEqualTo(WriteOutcome.STALE);
        assertThat(dispositions(outcomes)[2]).isEqualTo(Disposition.RETRY);
    }

    @Test
    void deletesThatAllDeletedSomethingAreWrittenWithoutALookup() {
        List<PlannedWrite> writes = List.of(delete(0, "a"), upsert(1, "b"), delete(2, "c"));
        WriteOutcome[] outcomes = settle(writes, result(2, 1), null, Set.of("a"));
        assertThat(outcomes).containsOnly(WriteOutcome.WRITTEN);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void aDeleteThatDeletedNothingIsStaleWhenTheDocumentIsStillThereAndWrittenWhenItIsGone() {
        List<PlannedWrite> writes = List.of(delete(0, "newer-exists"), delete(1, "deleted"), delete(2, "never-existed"));
        WriteOutcome[] outcomes = settle(writes, result(1, 0), null, Set.of("newer-exists"));
        assertThat(outcomes).containsExactly(WriteOutcome.STALE, WriteOutcome.WRITTEN, WriteOutcome.WRITTEN);
        assertThat(lookedUp).containsExactly(List.of("newer-exists", "deleted", "never-existed"));
    }

    @Test
    void anInsertThatHitADuplicateKeyIsHandedBackForTheGuardedWriteAndTheOthersSettle() {
        List<PlannedWrite> inserts = List.of(upsert(0, "a"), upsert(1, "raced"), upsert(2, "huge"), upsert(3, "b"));
        MongoBulkWriteException failure = failure(result(0, 0), List.of(error(1, 11000), error(2, 10334)), null);
        WriteOutcome[] outcomes = new WriteOutcome[inserts.size()];
        assertThat(BulkOutcomes.settleInserts(inserts, failure, outcomes)).extracting(PlannedWrite::id).containsExactly("raced");
        assertThat(outcomes[0]).isEqualTo(WriteOutcome.WRITTEN);
        assertThat(outcomes[1]).isNull();
        assertThat(dispositions(outcomes)[2]).isEqualTo(Disposition.DEAD_LETTER);
        assertThat(outcomes[3]).isEqualTo(WriteOutcome.WRITTEN);

        WriteOutcome[] concern = new WriteOutcome[inserts.size()];
        MongoBulkWriteException concernFailure = failure(result(0, 0), List.of(error(1, 11000)),
                new WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out", new BsonDocument()));
        assertThat(BulkOutcomes.settleInserts(inserts, concernFailure, concern)).extracting(PlannedWrite::id).containsExactly("raced");
        assertThat(dispositions(concern)).containsExactly(Disposition.RETRY, null, Disposition.RETRY, Disposition.RETRY);
        assertThat(BulkOutcomes.settleInserts(inserts, null, new WriteOutcome[inserts.size()])).isEmpty();
    }

    private WriteOutcome[] settle(List<PlannedWrite> writes, BulkWriteResult result, MongoBulkWriteException failure,
                                  Set<String> present) {
        WriteOutcome[] outcomes = new WriteOutcome[writes.size()];
        Function<List<String>, Set<String>> presentIds = ids -> {
            lookedUp.add(ids);
            return present;
        };
        BulkOutcomes.settle(writes, result, failure, outcomes, presentIds);
        return outcomes;
    }

    private static Disposition[] dispositions(WriteOutcome[] outcomes) {
        Disposition[] dispositions = new Disposition[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            dispositions[i] = outcomes[i] instanceof WriteOutcome.Failed failed ? failed.disposition() : null;
        }
        return dispositions;
    }

    private static PlannedWrite upsert(int index, String id) {
        return new PlannedWrite(index, id, 1, new BsonDocument("_id", new BsonString(id)));
    }

    private static PlannedWrite delete(int index, String id) {
        return new PlannedWrite(index, id, 1, null);
    }

    private static BulkWriteResult result(int deleted, int matched) {
        return BulkWriteResult.acknowledged(0, matched, deleted, matched, List.of(), List.of());
    }

    private static BulkWriteError error(int index, int code) {
        return new BulkWriteError(code, "server message that may quote the document", new BsonDocument(), index);
    }

    private static MongoBulkWriteException failure(BulkWriteResult result, List<BulkWriteError> errors, WriteConcernError concern) {
        return new MongoBulkWriteException(result, errors, concern, new ServerAddress("localhost"), Set.of());
    }
}
