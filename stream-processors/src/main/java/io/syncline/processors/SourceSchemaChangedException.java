package io.syncline.processors;

import org.apache.kafka.streams.errors.StreamsException;

/**
 * A captured table's columns differ from those the views were planned with. Thrown before the
 * event is processed, it stops the view stage without committing the event (a {@link StreamsException}
 * subclass, so it is never dead-lettered, see {@link io.syncline.processors.errors.FailureScope});
 * the daemon plans the views again and restarts them, and they process the event with the new columns.
 */
public final class SourceSchemaChangedException extends StreamsException {
    private final String table;

    public SourceSchemaChangedException(String table, String message) {
        super(message);
        this.table = table;
    }

    /** The table, as {@code schema.table}. */
    public String table() {
        return table;
    }

    /** The schema change in {@code error}'s cause chain, if there is one. */
    public static java.util.Optional<SourceSchemaChangedException> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SourceSchemaChangedException change) {
                return java.util.Optional.of(change);
            }
        }
        return java.util.Optional.empty();
    }
}
