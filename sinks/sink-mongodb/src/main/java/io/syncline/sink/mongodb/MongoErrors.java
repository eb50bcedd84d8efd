package io.syncline.sink.mongodb;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientException;
import com.mongodb.MongoConfigurationException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import io.syncline.sink.Disposition;
import java.util.Map;
import java.util.Set;

/**
 * MongoDB errors by exception type and server error code, never by message text.
 * <ul>
 *   <li>RETRY: the deployment is unreachable, electing, failing over, shutting down or
 *       overloaded (socket and server-selection timeouts, not-primary and node-recovering
 *       codes, write-concern failures, the {@code RetryableWriteError} label);</li>
 *   <li>FAIL: credentials or privileges ({@link MongoSecurityException}, codes 13 and 18), a
 *       configuration the driver rejects, and any whole-operation error not known to be
 *       transient: retrying a deterministic error would stall the pipeline quietly, while
 *       failing loses nothing (offsets are committed only after acknowledged writes);</li>
 *   <li>per document (a bulk write's item error): duplicate key is a stale version (see
 *       {@link BulkOutcomes}); the transient and privilege codes as above; any other code is the
 *       server refusing this document (too large, invalid BSON, a failed schema validator, an
 *       index key too long...): DEAD_LETTER, so one bad document never stops the others.</li>
 * </ul>
 */
final class MongoErrors {
    /** E11000 and its legacy variants. */
    static final Set<Integer> DUPLICATE_KEY = Set.of(11000, 11001, 12582);
    private static final Set<Integer> SECURITY = Set.of(13, 18, 8000);
    private static final Set<Integer> TRANSIENT = Set.of(
            6, 7, 89, 9001,                            // HostUnreachable, HostNotFound, NetworkTimeout, SocketException
            91, 189, 10107, 11600, 11602, 13435, 13436, // shutdown, stepdown, not primary, interrupted by state change
            50, 262, 46, 112, 64,                      // MaxTimeMSExpired, ExceededTimeLimit, LockBusy, WriteConflict,
                                                       // WriteConcernFailed
            16500, 429);                               // throttled (Cosmos DB and other MongoDB-compatible services)
    /** Labels the server (or driver) attaches to errors worth retrying; the first has no driver constant. */
    private static final Set<String> TRANSIENT_LABELS = Set.of("RetryableWriteError", MongoException.RETRYABLE_ERROR_LABEL,
            MongoException.SYSTEM_OVERLOADED_ERROR_LABEL, MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL);
    /** Names of the codes a dead-letter cause can show; other codes appear as numbers only. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(2, "BadValue"), Map.entry(9, "FailedToParse"), Map.entry(14, "TypeMismatch"),
            Map.entry(17, "ProtocolError"), Map.entry(22, "InvalidBSON"), Map.entry(52, "DollarPrefixedFieldName"),
            Map.entry(56, "EmptyFieldName"), Map.entry(57, "DottedFieldName"), Map.entry(121, "DocumentValidationFailure"),
            Map.entry(10334, "BSONObjectTooLarge"), Map.entry(15, "Overflow"), Map.entry(17280, "KeyTooLong"));

    private MongoErrors() {
    }

    static Disposition classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MongoSecurityException) {
                return Disposition.FAIL;
            }
            if (t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                    || t instanceof MongoConnectionPoolClearedException || t instanceof MongoWriteConcernException
                    || t instanceof MongoExecutionTimeoutException || t instanceof MongoInterruptedException) {
                return Disposition.RETRY;
            }
            if (t instanceof MongoBulkWriteException bulk) {
                // Reaches here only if the writer let one through: a write-concern error is
                // transient, item errors are per document and were turned into outcomes.
                return bulk.getWriteConcernError() != null ? Disposition.RETRY : Disposition.FAIL;
            }
            if (t instanceof MongoConfigurationException || t instanceof MongoClientException) {
                return Disposition.FAIL;
            }
            if (t instanceof MongoException e) {
                if (TRANSIENT_LABELS.stream().anyMatch(e::hasErrorLabel)) {
                    return Disposition.RETRY;
                }
                return byCode(e.getCode(), Disposition.FAIL);
            }
        }
        return Disposition.FAIL;
    }

    /** A bulk item's error that is not a duplicate key. */
    static Disposition forItem(int code) {
        return byCode(code, Disposition.DEAD_LETTER);
    }

    /** A short cause naming the code, without the server's message (which may quote the document). */
    static String itemCause(int code) {
        String name = NAMES.get(code);
        return "MongoDB refused the document: error " + code + (name == null ? "" : " (" + name + ")");
    }

    private static Disposition byCode(int code, Disposition otherwise) {
        if (SECURITY.contains(code)) {
            return Disposition.FAIL;
        }
        if (TRANSIENT.contains(code)) {
            return Disposition.RETRY;
        }
        return otherwise;
    }
}
