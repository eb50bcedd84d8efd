package io.syncline.sink;

import java.util.List;
import java.util.Objects;

/**
 * One {@code connection:} option of a sink type (or one extra key of its routes, see
 * {@link SinkFactory#routeOptions()}), as its factory describes it for the pipeline file's JSON
 * Schema ({@code syncline schema}): the factory's options class checks the same keys.
 *
 * @param name         the key under {@code connection:}
 * @param kind         what its value is
 * @param required     whether the sink needs it
 * @param defaultValue its value when left out, as written in a file; null when there is none
 * @param description  what it is for
 * @param min          the least value of an {@link Kind#INT}
 * @param max          the greatest value of an {@link Kind#INT}
 * @param choices      the allowed values of a {@link Kind#CHOICE}, or of each entry of a {@link Kind#CHOICE_MAP}
 * @param secret       whether the value is a credential (masked in messages)
 */
public record ConnectionOption(String name, Kind kind, boolean required, String defaultValue, String description,
                               int min, int max, List<String> choices, boolean secret) {

    /** What an option's value is. */
    public enum Kind {
        TEXT, INT, BOOLEAN, CHOICE,
        /** A mapping of names (e.g. field paths) to one of {@code choices} each; the default applies to names not listed. */
        CHOICE_MAP
    }

    public ConnectionOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
    }

    public static ConnectionOption requiredText(String name, String description) {
        return new ConnectionOption(name, Kind.TEXT, true, null, description, 0, 0, List.of(), false);
    }

    public static ConnectionOption text(String name, String defaultValue, String description) {
        return new ConnectionOption(name, Kind.TEXT, false, defaultValue, description, 0, 0, List.of(), false);
    }

    public static ConnectionOption integer(String name, int min, int max, int defaultValue, String description) {
        return new ConnectionOption(name, Kind.INT, false, Integer.toString(defaultValue), description, min, max, List.of(), false);
    }

    public static ConnectionOption bool(String name, boolean defaultValue, String description) {
        return new ConnectionOption(name, Kind.BOOLEAN, false, Boolean.toString(defaultValue), description, 0, 0, List.of(), false);
    }

    public static ConnectionOption choice(String name, List<String> choices, String defaultValue, String description) {
        return new ConnectionOption(name, Kind.CHOICE, false, defaultValue, description, 0, 0, choices, false);
    }

    public static ConnectionOption choiceMap(String name, List<String> choices, String defaultValue, String description) {
        return new ConnectionOption(name, Kind.CHOICE_MAP, false, defaultValue, description, 0, 0, choices, false);
    }

    /** The same option, marked as a credential. */
    public ConnectionOption asSecret() {
        return new ConnectionOption(name, kind, required, defaultValue, description, min, max, choices, true);
    }
}
