package io.syncline.sink;

import java.util.List;

/**
 * Writes view records to one store, idempotently and version-guarded: a record whose version is
 * not newer than what the store holds for that id changes nothing ({@link WriteOutcome.Stale}).
 * One writer is used by one thread at a time.
 */
public interface SinkWriter extends AutoCloseable {

    /** Connects and creates (or checks) every routed target: index and mapping, collection, table. Idempotent. */
    void prepare() throws Exception;

    /**
     * What {@link #prepare()} would change in the targets now (create, add or widen columns and
     * fields, drop columns per {@link SchemaChangePolicy}), and what it would refuse or report, one
     * line each, without changing anything: for {@code syncline plan}. Empty when nothing would
     * change; a schemaless store has nothing to say.
     */
    default List<String> pendingChanges() throws Exception {
        return List.of();
    }

    /**
     * Writes a batch and returns one outcome per record, in the batch's order. Per-record failures
     * are outcomes; an exception means the whole batch failed (e.g. the store is unreachable) and
     * is {@link #classify classified} by the runner.
     */
    List<WriteOutcome> write(List<SinkRecord> batch) throws Exception;

    /** What to do about an exception from {@link #prepare()} or {@link #write}: by type or error code, never by message text. */
    Disposition classify(Throwable error);

    /**
     * How many current (not deleted) documents a view's target holds, for {@code syncline verify}
     * and acceptance tests. Stores that need a merge to hide old versions count the merged state.
     */
    default long count(String view) throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot count documents");
    }

    @Override
    void close();
}
