package io.syncline.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import io.syncline.sink.Disposition;
import io.syncline.sink.WriteOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch as one bulk request and, when Elasticsearch answers 413 (the request is larger
 * than its {@code http.max_content_length}, 100 MB by default), sends each half on its own, down
 * to single operations. An operation that is still too large alone can never be written: it is
 * dead-lettered with the cause, and the rest of the batch is written. Byte-bounded batches
 * ({@code batch.maxBytes}) make a 413 rare; this keeps a cluster with a lower limit from stopping
 * the sink.
 */
final class SplittingBulk {
    static final int REQUEST_TOO_LARGE = 413;
    private static final Logger LOG = LoggerFactory.getLogger(SplittingBulk.class);

    /** One bulk request of {@code operations}, answering one outcome per operation, in order. */
    @FunctionalInterface
    interface Send<T> {
        List<WriteOutcome> send(List<T> operations) throws IOException;
    }

    private SplittingBulk() {
    }

    static <T> List<WriteOutcome> write(List<T> operations, Send<T> send) throws IOException {
        try {
            return send.send(operations);
        } catch (IOException | RuntimeException e) {
            if (!tooLarge(e)) {
                throw e;
            }
            if (operations.size() == 1) {
                return List.of(WriteOutcome.failed(Disposition.DEAD_LETTER, "Elasticsearch refused the document as too "
                        + "large (HTTP 413: beyond its http.max_content_length), even alone in a bulk request", e));
            }
            int half = operations.size() / 2;
            LOG.info("bulk request of {} operations refused as too large (HTTP 413); sending it as {} and {}",
                    operations.size(), half, operations.size() - half);
            List<WriteOutcome> outcomes = new ArrayList<>(write(operations.subList(0, half), send));
            outcomes.addAll(write(operations.subList(half, operations.size()), send));
            return outcomes;
        }
    }

    /** Whether the request failed with 413, as an error response or as a response the client could not read. */
    static boolean tooLarge(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return e.status() == REQUEST_TOO_LARGE;
            }
            if (t instanceof TransportException e) {
                return e.statusCode() == REQUEST_TOO_LARGE;
            }
        }
        return false;
    }
}
