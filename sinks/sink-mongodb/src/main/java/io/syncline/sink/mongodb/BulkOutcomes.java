package io.syncline.sink.mongodb;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import io.syncline.sink.Disposition;
import io.syncline.sink.WriteOutcome;
import io.syncline.sink.mongodb.BulkPlan.PlannedWrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one collection's bulk write result into an outcome per write, by index. For a bulk of
 * guarded writes ({@link #settle}):
 * <ul>
 *   <li>an upsert without an item error: written (replaced or inserted);</li>
 *   <li>an upsert failing with a duplicate key (E11000): the stored version is newer or equal,
 *       stale;</li>
 *   <li>other item errors: by code ({@link MongoErrors#forItem});</li>
 *   <li>with a write-concern error, every write without an item error is retried: the primary
 *       applied it, but not durably as asked (the retry is idempotent);</li>
 *   <li>a delete: MongoDB reports deleted counts per bulk, not per write. When all deletes
 *       deleted something they are written; otherwise the ids still present are looked up: a
 *       document still there holds a newer version (stale), one that is gone is written
 *       (deleted now, or absent already, which is the state the delete asks for).</li>
 * </ul>
 * For a bulk of plain inserts ({@link #settleInserts}) the same, except that a duplicate key
 * means another writer inserted the id after the lookup: the insert decided nothing, and is
 * handed back to be sent as the guarded write.
 */
final class BulkOutcomes {

    private BulkOutcomes() {
    }

    /**
     * @param failure    the bulk's exception, or null when it succeeded
     * @param presentIds which of the given ids the collection still holds
     */
    static void settle(List<PlannedWrite> writes, BulkWriteResult result, MongoBulkWriteException failure,
                       WriteOutcome[] outcomes, Function<List<String>, Set<String>> presentIds) {
        Map<Integer, BulkWriteError> errors = errorsByIndex(failure);
        List<PlannedWrite> deletes = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            PlannedWrite write = writes.get(i);
            if (write.delete() && !errors.containsKey(i) && !hasWriteConcernError(failure)) {
                deletes.add(write);
            } else {
                outcomes[write.batchIndex()] = outcome(write, errors.get(i), failure);
            }
        }
        settleDeletes(deletes, result.getDeletedCount(), outcomes, presentIds);
    }

    /**
     * @param failure the bulk's exception, or null when it succeeded
     * @return the inserts that hit a duplicate key, in order, their outcomes still open
     */
    static List<PlannedWrite> settleInserts(List<PlannedWrite> inserts, MongoBulkWriteException failure,
                                            WriteOutcome[] outcomes) {
        Map<Integer, BulkWriteError> errors = errorsByIndex(failure);
        List<PlannedWrite> raced = new ArrayList<>();
        for (int i = 0; i < inserts.size(); i++) {
            BulkWriteError error = errors.get(i);
            if (error != null && MongoErrors.DUPLICATE_KEY.contains(error.getCode())) {
                raced.add(inserts.get(i));
            } else {
                outcomes[inserts.get(i).batchIndex()] = outcome(inserts.get(i), error, failure);
            }
        }
        return raced;
    }

    /** A write's outcome, deletes without an error aside (their bulk counts deletions only in total). */
    private static WriteOutcome outcome(PlannedWrite write, BulkWriteError error, MongoBulkWriteException failure) {
        if (error != null) {
            return forError(write, error, failure);
        }
        if (hasWriteConcernError(failure)) {
            return WriteOutcome.failed(Disposition.RETRY,
                    "write concern error " + failure.getWriteConcernError().getCode(), failure);
        }
        return WriteOutcome.WRITTEN;
    }

    private static Map<Integer, BulkWriteError> errorsByIndex(MongoBulkWriteException failure) {
        Map<Integer, BulkWriteError> errors = new HashMap<>();
        if (failure != null) {
            failure.getWriteErrors().forEach(error -> errors.put(error.getIndex(), error));
        }
        return errors;
    }

    private static boolean hasWriteConcernError(MongoBulkWriteException failure) {
        return failure != null && failure.getWriteConcernError() != null;
    }

    private static WriteOutcome forError(PlannedWrite write, BulkWriteError error, MongoBulkWriteException failure) {
        if (!write.delete() && MongoErrors.DUPLICATE_KEY.contains(error.getCode())) {
            return WriteOutcome.STALE;
        }
        return WriteOutcome.failed(MongoErrors.forItem(error.getCode()), MongoErrors.itemCause(error.getCode()), failure);
    }

    private static void settleDeletes(List<PlannedWrite> deletes, int deletedCount, WriteOutcome[] outcomes,
                                      Function<List<String>, Set<String>> presentIds) {
        if (deletes.isEmpty()) {
            return;
        }
        Set<String> present = deletedCount == deletes.size() ? Set.of()
                : presentIds.apply(deletes.stream().map(PlannedWrite::id).toList());
        for (PlannedWrite delete : deletes) {
            outcomes[delete.batchIndex()] = present.contains(delete.id()) ? WriteOutcome.STALE : WriteOutcome.WRITTEN;
        }
    }
}
