package io.syncline.sink;

import io.syncline.view.ViewSchema;
import java.util.List;
import java.util.Map;

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
     * Keys a route of this type takes besides {@code view} and its target key, e.g. elasticsearch's
     * {@code mappings}. Each is a mapping ({@link ConnectionOption.Kind#CHOICE_MAP}); the loader checks
     * its values against the choices, {@link #validateRoute} the rest. None by default.
     */
    default List<ConnectionOption> routeOptions() {
        return List.of();
    }

    /**
     * Checks one route's options ({@link SinkOptions#routeOptions()} of one view). {@code schema} is
     * the view's schema when the source's columns are known ({@code validate --source}, {@code run}),
     * else null: then only what needs no columns is checked. Problems name the key path under the
     * route, e.g. {@code mappings.customer.address}.
     */
    default List<SinkProblem> validateRoute(Map<String, Map<String, String>> options, ViewSchema schema) {
        return List.of();
    }

    /**
     * Checks connection options offline (required keys, formats; no network). Problems name the
     * key path under the sink, e.g. {@code connection.url}.
     */
    List<SinkProblem> validate(SinkOptions options);

    /** A writer for these options; it connects lazily, in {@link SinkWriter#prepare()}. */
    SinkWriter create(SinkOptions options);
}
