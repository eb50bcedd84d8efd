package io.syncline.cdc;

/** Where a capture is in its life. */
public enum CapturePhase {
    /** Started; no record seen yet. */
    STARTING,
    /** Reading the tables' existing rows (the initial snapshot). */
    SNAPSHOT,
    /** Any snapshot is complete; following the WAL. */
    STREAMING,
    /** Stopped on request, or after a snapshot-only run. */
    STOPPED,
    /** Stopped by an error; see {@link CaptureEngine#failure()}. */
    FAILED
}
