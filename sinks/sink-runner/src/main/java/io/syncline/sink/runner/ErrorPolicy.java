package io.syncline.sink.runner;

import java.util.Objects;

/**
 * What happens to records that cannot be written: one the store rejects for good
 * ({@code rejected}), and one still failing transiently when the {@link RetryPolicy} gives up
 * ({@code retriesExhausted}). Errors a writer classifies FAIL always stop the runner.
 */
public record ErrorPolicy(Action rejected, Action retriesExhausted) {

    /** To the dead-letter topic and on, or stop the runner (nothing of the batch committed). */
    public enum Action {
        DEAD_LETTER, STOP
    }

    /** Dead-letter rejects, stop when retries run out: the behaviour when a pipeline file says nothing. */
    public static final ErrorPolicy DEFAULT = new ErrorPolicy(Action.DEAD_LETTER, Action.STOP);

    public ErrorPolicy {
        Objects.requireNonNull(rejected, "rejected");
        Objects.requireNonNull(retriesExhausted, "retriesExhausted");
    }
}
