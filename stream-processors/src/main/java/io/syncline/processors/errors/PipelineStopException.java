package io.syncline.processors.errors;

/**
 * Thrown by a view processor for something the pipeline must not go past, e.g. a TRUNCATE under
 * {@code onTruncate: fail}: never dead-lettered ({@link FailureScope}), the view stage stops with
 * its message, and the record is met again at the next start.
 */
public final class PipelineStopException extends RuntimeException {
    public PipelineStopException(String message) {
        super(message);
    }
}
