package io.syncline.sink;

import java.util.List;

/**
 * Makes writers for one kind of store. Implementations are found by {@link #type()} through
 * {@link java.util.ServiceLoader} (see {@link SinkFactories}); each sink module registers its
 * factory in {@code META-INF/services/io.syncline.sink.SinkFactory}.
 */
public interface SinkFactory {

    /** The {@code type} a pipeline file names, e.g. {@code elasticsearch}. */
    String type();

    /** The route key that names a view's target in the pipeline file: {@code index}, {@code collection} or {@code table}. */
    String targetKey();

    /**
     * The {@code connection:} options this type takes, in the order its documentation lists them:
     * the same list its options class checks keys against, so the pipeline file's JSON Schema
     * describes exactly what {@link #validate} accepts.
     */
    List<ConnectionOption> connectionOptions();

    /**
     * Checks connection options offline (required keys, formats; no network). Problems name the
     * key path under the sink, e.g. {@code connection.url}.
     */
    List<SinkProblem> validate(SinkOptions options);

    /** A writer for these options; it connects lazily, in {@link SinkWriter#prepare()}. */
    SinkWriter create(SinkOptions options);
}
