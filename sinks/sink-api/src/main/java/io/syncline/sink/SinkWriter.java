package io.syncline.sink;

import java.util.List;
import java.util.function.Consumer;

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

    /**
     * Asks the store whether it answers, with the cheapest request it has (no write): the runner
     * calls it on a {@linkplain #prepare() prepared} writer that has had nothing to write for a
     * while, so a sink whose store went away shows as not ready before its next write fails. Throws
     * when the store does not answer in the client's timeouts. Nothing to ask by default.
     */
    default void checkReachable() throws Exception {
    }

    /** What to do about an exception from {@link #prepare()} or {@link #write}: by type or error code, never by message text. */
    Disposition classify(Throwable error);

    /**
     * How many current (not deleted) documents a view's target holds, for {@code syncline verify}
     * and acceptance tests. Stores that need a merge to hide old versions count the merged state.
     */
    default long count(String view) throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot count documents");
    }

    /**
     * Every current (not deleted) document of the view's target, in no particular order, each given
     * to {@code each}: for {@code syncline verify --deep}. Streams page by page; never holds the
     * target in memory. Works after {@link #prepare()}. A document's fields are the view schema's
     * fields only (not the store's own, like {@code _id} or {@code _version}), as plain Java values
     * (no driver types; arrays as lists), such that {@link CanonicalValues#fields} of them equals that
     * of the view record's document the sink wrote.
     */
    default void scan(String view, Consumer<StoredDocument> each) throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot scan documents");
    }

    /**
     * How {@link #swap} would put a rebuilt target in place of a view's live one, and what becomes
     * of the old data, in one line for {@code syncline reset}'s plan. Reads what it must (e.g.
     * whether the live name is an alias), changes nothing; works without {@link #prepare()}.
     *
     * @param freshTarget the rebuilt target, made by a writer of this type whose targets name it
     */
    default String swapPlan(String view, String freshTarget) throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot swap targets");
    }

    /**
     * Puts {@code freshTarget} (made by a writer of this type whose targets name it, and filled) in
     * place of the view's live target, so that readers of the live name see the old data until one
     * moment and the fresh data from then on, never an empty or missing target; the old data is
     * dropped. The writer must be {@linkplain #prepare() prepared}. Writers that still write to the
     * live name (a running daemon) write to the fresh data from that moment on.
     */
    default void swap(String view, String freshTarget) throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot swap targets");
    }

    /** Drops a rebuilt target that will not be swapped in (a rebuild that failed); nothing when it is absent. */
    default void discard(String view, String freshTarget) throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot drop targets");
    }

    @Override
    void close();
}
