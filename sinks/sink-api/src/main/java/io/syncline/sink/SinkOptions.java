package io.syncline.sink;

import io.syncline.view.ViewSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a sink writer is told: its name, its connection options from the pipeline file
 * (environment variables already interpolated), the target (index / collection / table) of each
 * routed view, the schema of each routed view, and each route's options by view (option name →
 * its mapping, e.g. {@code mappings → {metadata: flattened}}; see {@link SinkFactory#routeOptions()}).
 */
public record SinkOptions(String name, Map<String, String> connection, Map<String, String> targets,
                          Map<String, ViewSchema> schemas, Map<String, Map<String, Map<String, String>>> routeOptions) {

    public SinkOptions {
        connection = Map.copyOf(connection);
        targets = Map.copyOf(targets);
        schemas = Map.copyOf(schemas);
        Map<String, Map<String, Map<String, String>>> copy = new LinkedHashMap<>();
        routeOptions.forEach((view, options) -> {
            Map<String, Map<String, String>> optionCopy = new LinkedHashMap<>();
            options.forEach((option, values) -> optionCopy.put(option, Map.copyOf(values)));
            copy.put(view, Map.copyOf(optionCopy));
        });
        routeOptions = Map.copyOf(copy);
    }

    /** Options without route options. */
    public SinkOptions(String name, Map<String, String> connection, Map<String, String> targets, Map<String, ViewSchema> schemas) {
        this(name, connection, targets, schemas, Map.of());
    }

    /** One route option of a view: its mapping, empty when not given. */
    public Map<String, String> routeOption(String view, String option) {
        return routeOptions.getOrDefault(view, Map.of()).getOrDefault(option, Map.of());
    }

    public String require(String key) {
        String value = connection.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("sink " + name + ": connection." + key + " is required");
        }
        return value;
    }

    public String option(String key, String defaultValue) {
        return connection.getOrDefault(key, defaultValue);
    }
}
