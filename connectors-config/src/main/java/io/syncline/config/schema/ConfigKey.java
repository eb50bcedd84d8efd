package io.syncline.config.schema;

import java.util.Objects;

/**
 * One key of a mapping in a pipeline file.
 *
 * @param name         the key as written
 * @param type         what its value is
 * @param required     whether leaving it out (or empty) is a problem
 * @param defaultValue the value used when it is left out, as written in a file; null when there is
 *                     none or it depends on other values (then {@code description} says so)
 * @param description  what it is for, as the reference documentation says
 * @param secret       whether its value is masked in messages (passwords, salts)
 */
public record ConfigKey(String name, ValueType type, boolean required, String defaultValue, String description,
                        boolean secret) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + ": a required key has no default");
        }
    }

    public static ConfigKey required(String name, ValueType type, String description) {
        return new ConfigKey(name, type, true, null, description, false);
    }

    public static ConfigKey optional(String name, ValueType type, String defaultValue, String description) {
        return new ConfigKey(name, type, false, defaultValue, description, false);
    }

    /** The same key, with its value masked in messages. */
    public ConfigKey asSecret() {
        return new ConfigKey(name, type, required, defaultValue, description, true);
    }

    /** The same key, required or not. */
    public ConfigKey withRequired(boolean isRequired) {
        return new ConfigKey(name, type, isRequired, isRequired ? null : defaultValue, description, secret);
    }
}
