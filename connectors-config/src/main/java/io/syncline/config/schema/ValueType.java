package io.syncline.config.schema;

import java.util.List;

/**
 * The type of a value in a pipeline file, as the binder reads it and as the JSON Schema declares
 * it. Every scalar may also be written with {@code ${VAR}} / {@code ${VAR:-default}}: the binder
 * interpolates before it reads, the schema accepts such text wherever a scalar goes.
 */
public sealed interface ValueType {

    /** Text; numbers and booleans are read as their text. */
    record Text() implements ValueType {
    }

    /** A whole number between {@code min} and {@code max}, both included. */
    record Int(int min, int max) implements ValueType {
    }

    /** {@code true} or {@code false}, in any case. */
    record Bool() implements ValueType {
    }

    /** A whole number and a unit: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}; see {@link #DURATION_PATTERN}. */
    record Duration() implements ValueType {
    }

    /** A whole number and a binary unit: {@code 512MB}, {@code 50GB}; see {@link #SIZE_PATTERN}. */
    record Size() implements ValueType {
    }

    /** A number above 0 and at most 1, e.g. {@code 0.8}. */
    record Fraction() implements ValueType {
    }

    /** One of these words. */
    record Choice(List<String> values) implements ValueType {
        public Choice {
            values = List.copyOf(values);
        }
    }

    /** A list of {@code item}s; {@code nonEmpty}: at least one. */
    record ListOf(ValueType item, boolean nonEmpty) implements ValueType {
    }

    /** A mapping of names to single values; {@code nonEmpty}: at least one entry. */
    record StringMap(boolean nonEmpty) implements ValueType {
    }

    /** A mapping of names (e.g. field paths) to one of these words each. */
    record ChoiceMap(List<String> values) implements ValueType {
        public ChoiceMap {
            values = List.copyOf(values);
        }
    }

    /** A mapping of names (e.g. tables) to lists of {@code item}s, each list with at least one. */
    record ListMap(ValueType item) implements ValueType {
    }

    /** A mapping with the keys of the {@link ConfigObject} that has this id. */
    record Obj(String id) implements ValueType {
    }

    /** Any one of these shapes (e.g. {@code mask: [fields]} or {@code mask: {fields: ..., with: ...}}). */
    record Either(List<ValueType> alternatives) implements ValueType {
        public Either {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** The regular expression a duration matches (surrounding whitespace aside): amount, then unit. */
    String DURATION_PATTERN = "(\\d{1,9})(ms|s|m|h|d)";

    /** The regular expression a size matches (surrounding whitespace aside): amount, then unit (any case). */
    String SIZE_PATTERN = "(\\d{1,15})\\s*([Bb]|[Kk][Bb]|[Mm][Bb]|[Gg][Bb]|[Tt][Bb])";

    ValueType TEXT = new Text();
    ValueType SIZE = new Size();
    ValueType FRACTION = new Fraction();
    ValueType BOOL = new Bool();
    ValueType DURATION = new Duration();

    static ValueType listOf(ValueType item) {
        return new ListOf(item, false);
    }

    static ValueType nonEmptyListOf(ValueType item) {
        return new ListOf(item, true);
    }

    static ValueType atLeast(int min) {
        return new Int(min, Integer.MAX_VALUE);
    }

    static ValueType between(int min, int max) {
        return new Int(min, max);
    }

    static ValueType oneOf(List<String> values) {
        return new Choice(values);
    }
}
