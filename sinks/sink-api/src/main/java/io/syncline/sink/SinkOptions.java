package io.syncline.sink;

import io.syncline.view.ViewSchema;
import java.util.Map;

/**
 * What a sink writer is told: its name, its connection options from the pipeline file
 * (environment variables already interpolated), the target (index / collection / table) of each
 * routed view, and the schema of each routed view.
 */
public record SinkOptions(String name, Map<String, String> connection, Map<String, String> targets,
                          Map<String, ViewSchema> schemas) {

    public SinkOptions {
        connection = Map.copyOf(connection);
        targets = Map.copyOf(targets);
        schemas = Map.copyOf(schemas);
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
