package io.syncline.sink;

/** What happened to one record of a batch. */
public sealed interface WriteOutcome {

    /** The store now holds this version. */
    record Written() implements WriteOutcome {
    }

    /** The store already holds this version or a newer one: nothing changed (a replay, or an out-of-order duplicate). */
    record Stale() implements WriteOutcome {
    }

    /** This record failed: retry it, dead-letter it, or stop the sink. {@code cause} is a short reason without payload. */
    record Failed(Disposition disposition, String cause, Throwable error) implements WriteOutcome {
    }

    WriteOutcome WRITTEN = new Written();
    WriteOutcome STALE = new Stale();

    static WriteOutcome failed(Disposition disposition, String cause, Throwable error) {
        return new Failed(disposition, cause, error);
    }
}
