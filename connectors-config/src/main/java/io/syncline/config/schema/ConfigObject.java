package io.syncline.config.schema;

import java.util.List;
import java.util.Optional;

/**
 * A mapping of a pipeline file and the keys it may have, in the order the reference lists them.
 * The binder takes its allowed and required keys from here; the JSON Schema is generated from here.
 *
 * @param id          a stable name, used as the schema's {@code $defs} entry
 * @param description what the mapping is
 * @param keys        its keys; no other key is allowed
 * @param exactlyOne  whether a mapping holds exactly one of the keys (a transform step)
 */
public record ConfigObject(String id, String description, List<ConfigKey> keys, boolean exactlyOne) {

    public ConfigObject {
        keys = List.copyOf(keys);
        if (keys.stream().map(ConfigKey::name).distinct().count() != keys.size()) {
            throw new IllegalArgumentException(id + ": a key is declared twice");
        }
    }

    public ConfigObject(String id, String description, List<ConfigKey> keys) {
        this(id, description, keys, false);
    }

    /** The allowed keys, in declaration order. */
    public List<String> names() {
        return keys.stream().map(ConfigKey::name).toList();
    }

    public Optional<ConfigKey> key(String name) {
        return keys.stream().filter(key -> key.name().equals(name)).findFirst();
    }

    /** The required keys, in declaration order. */
    public List<String> requiredNames() {
        return keys.stream().filter(ConfigKey::required).map(ConfigKey::name).toList();
    }
}
