package io.syncline.sink.runner;

/** Where a sink runner is in its life. */
public enum SinkRunnerState {
    NEW,
    /** Preparing the writers (connecting, creating targets), retrying transient failures. */
    PREPARING,
    /** Consuming and writing. */
    RUNNING,
    /** Finishing in-flight batches, committing, closing. */
    STOPPING,
    /** Done; {@link SinkRunner#failure()} says whether it failed. */
    STOPPED
}
