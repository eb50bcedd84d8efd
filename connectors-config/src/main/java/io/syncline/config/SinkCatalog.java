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

    /** Offline checks of a sink's connection options (already interpolated); key paths relative to the sink, e.g. {@code connection.url}. */
    List<SinkConnectionProblem> validate(String type, Map<String, String> connection);
}
