package io.syncline.config;

import io.syncline.config.schema.ConfigKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the loader needs to know about the available sink types, without depending on the sink
 * SPI: the CLI adapts the sink factories to it.
 */
public interface SinkCatalog {

    /** The sink types a pipeline may name, e.g. {@code elasticsearch}. */
    Set<String> types();

    /** The route key that names a view's target for this type ({@code index}, {@code collection}, {@code table}); empty for an unknown type. */
    Optional<String> targetKey(String type);

    /**
     * The connection options this type takes ({@code connection.*}): name, type, whether required,
     * default and description, for the pipeline file's JSON Schema. Empty for an unknown type.
     */
    List<ConfigKey> connectionOptions(String type);

    /**
     * Keys a route of this type takes besides {@code view} and its target key (e.g. elasticsearch's
     * {@code mappings}), each a {@link io.syncline.config.schema.ValueType.ChoiceMap}. None by default.
     */
    default List<ConfigKey> routeOptions(String type) {
        return List.of();
    }

    /** Offline checks of one route's options; key paths relative to the route, e.g. {@code mappings.metadata}. */
    default List<SinkConnectionProblem> validateRoute(String type, Map<String, Map<String, String>> options) {
        return List.of();
    }

    /** Offline checks of a sink's connection options (already interpolated); key paths relative to the sink, e.g. {@code connection.url}. */
    List<SinkConnectionProblem> validate(String type, Map<String, String> connection);
}
