package io.syncline.sink.runner;

/** Why a sink runner stopped: a failure the sink classified FAIL, retries given up, or a dead-letter topic that refused a record. */
public class SinkRunnerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SinkRunnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
