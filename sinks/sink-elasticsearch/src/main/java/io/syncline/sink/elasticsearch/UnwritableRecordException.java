package io.syncline.sink.elasticsearch;

/**
 * A record Elasticsearch can never take as it is (a value that does not fit its field, an id or
 * version Elasticsearch refuses). Found before sending: Elasticsearch refuses a whole bulk
 * request for a bad id or version, which would stop every other record of the batch.
 */
final class UnwritableRecordException extends IllegalArgumentException {
    UnwritableRecordException(String message) {
        super(message);
    }

    UnwritableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
