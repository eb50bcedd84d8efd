package io.syncline.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import io.syncline.sink.Disposition;
import io.syncline.sink.WriteOutcome;
import java.util.Set;

/**
 * The outcome of one bulk item, by HTTP status and Elasticsearch error type (never by message):
 * <ul>
 *   <li>2xx: written; a delete answered 404 without error: the document was already gone (the
 *       versioned tombstone is still recorded), so written too;</li>
 *   <li>409 {@code version_conflict_engine_exception}: the index holds this version or a newer one: stale;</li>
 *   <li>errors about this document ({@link #DOCUMENT_ERRORS}, or any other 400): it can never be
 *       written as it is: dead letter;</li>
 *   <li>errors about the index ({@link #INDEX_ERRORS}), 401, 403: no document of this index can be
 *       written until someone acts: fail;</li>
 *   <li>{@code es_rejected_execution_exception}, 408, 429, 5xx: the cluster is busy or failing
 *       over: retry. Any other status is unexpected: fail rather than guess.</li>
 * </ul>
 */
final class BulkItemOutcomes {
    static final String VERSION_CONFLICT = "version_conflict_engine_exception";
    static final Set<String> DOCUMENT_ERRORS = Set.of("mapper_parsing_exception", "document_parsing_exception",
            "illegal_argument_exception", "strict_dynamic_mapping_exception", "action_request_validation_exception",
            "x_content_parse_exception");
    static final String INDEX_NOT_FOUND = "index_not_found_exception";
    static final Set<String> INDEX_ERRORS = Set.of(INDEX_NOT_FOUND, "invalid_index_name_exception",
            "index_closed_exception");
    static final String REJECTED_EXECUTION = "es_rejected_execution_exception";
    // Elasticsearch appends the start of the offending value to parse errors; causes carry no payload.
    private static final String VALUE_PREVIEW = ". Preview of field's value:";

    private BulkItemOutcomes() {
    }

    static WriteOutcome outcome(BulkResponseItem item) {
        int status = item.status();
        ErrorCause error = item.error();
        if ((status >= 200 && status < 300) || (status == 404 && error == null && item.operationType() == OperationType.Delete)) {
            return WriteOutcome.WRITTEN;
        }
        String type = error == null ? "" : error.type();
        if (status == 409 && VERSION_CONFLICT.equals(type)) {
            return WriteOutcome.STALE;
        }
        String cause = cause(status, error);
        return WriteOutcome.failed(disposition(status, type), cause, new BulkItemException(status, cause));
    }

    /** {@code errorType} is "" when the item has no error body. */
    static Disposition disposition(int status, String errorType) {
        if (DOCUMENT_ERRORS.contains(errorType)) {
            return Disposition.DEAD_LETTER;
        }
        if (INDEX_ERRORS.contains(errorType) || status == 401 || status == 403) {
            return Disposition.FAIL;
        }
        if (REJECTED_EXECUTION.equals(errorType) || status == 408 || status == 429 || status >= 500) {
            return Disposition.RETRY;
        }
        return status == 400 ? Disposition.DEAD_LETTER : Disposition.FAIL;
    }

    /** {@code <error type>: <reason>}, without the value preview Elasticsearch adds to parse errors. */
    static String cause(int status, ErrorCause error) {
        if (error == null) {
            return "HTTP " + status;
        }
        String reason = error.reason() == null ? "" : error.reason();
        int preview = reason.indexOf(VALUE_PREVIEW);
        String cause = error.type() + ": " + (preview < 0 ? reason : reason.substring(0, preview));
        ErrorCause causedBy = error.causedBy();
        // The nested reason often quotes the value (e.g. "For input string: ..."); its type is enough.
        return causedBy == null ? cause : cause + " (caused by " + causedBy.type() + ")";
    }

    /** Why one bulk item failed, for the dead-letter topic and logs: status and cause, no payload. */
    static final class BulkItemException extends RuntimeException {
        BulkItemException(int status, String cause) {
            // No stack trace: it would only show this class, not where the document went wrong.
            super("HTTP " + status + " " + cause, null, false, false);
        }
    }
}
