package io.syncline.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import io.syncline.sink.Disposition;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Classifies an exception from a whole request (index creation, a bulk call), by type and HTTP
 * status, walking the cause chain:
 * <ul>
 *   <li>an error response: 408, 429, 5xx and {@code es_rejected_execution_exception} are the
 *       cluster being busy, restarting or failing over: RETRY. Every other status (400 bad
 *       settings or index name, 401/403 credentials or privileges, 404) will not change by
 *       waiting: FAIL;</li>
 *   <li>no response at all (connection refused or reset, timeouts, DNS: any {@link IOException}
 *       or {@link TimeoutException}): RETRY;</li>
 *   <li>anything else (a bug, a response the client cannot parse): FAIL. Retrying a
 *       deterministic error would stall the pipeline quietly, while failing loses nothing:
 *       offsets are committed only after acknowledged writes, so a restart resumes there.</li>
 * </ul>
 * Never DEAD_LETTER: a whole request failing says nothing about one record; per-record
 * rejections come back as bulk item outcomes ({@link BulkItemOutcomes}).
 */
final class ElasticsearchErrors {

    private ElasticsearchErrors() {
    }

    static Disposition classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return byStatus(e.status(), e.error() == null ? "" : e.error().type());
            }
            // A response without a readable error body: a proxy's 502 page, a 200 the client cannot parse.
            if (t instanceof TransportException e) {
                return byStatus(e.statusCode(), "");
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return Disposition.RETRY;
            }
        }
        return Disposition.FAIL;
    }

    static Disposition byStatus(int status, String errorType) {
        boolean transientState = status == 408 || status == 429 || status >= 500
                || BulkItemOutcomes.REJECTED_EXECUTION.equals(errorType);
        return transientState ? Disposition.RETRY : Disposition.FAIL;
    }
}
