package io.syncline.view;

import java.util.Optional;

/**
 * A value PostgreSQL allows in a numeric, date, timestamp or timestamptz column that no
 * {@link java.math.BigDecimal} or {@code java.time} value can hold: numeric {@code NaN} and
 * {@code ±Infinity} (PostgreSQL 14+), date and timestamp {@code ±infinity}. A DECIMAL, DATE,
 * TIMESTAMP or TIMESTAMP_TZ field holds one of these instead of its usual Java type.
 * <p>
 * On view topics it is PostgreSQL's own text for the kind ({@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"} for numeric; {@code "infinity"}, {@code "-infinity"} for dates and
 * timestamps), so a consumer that reads the text sees what {@code psql} shows. real and double
 * specials need no such type: a {@link Double} holds NaN, ±Infinity and -0.
 */
public enum SpecialValue {
    NAN("NaN", null),
    POSITIVE_INFINITY("Infinity", "infinity"),
    NEGATIVE_INFINITY("-Infinity", "-infinity");

    private final String numericText;
    private final String temporalText;

    SpecialValue(String numericText, String temporalText) {
        this.numericText = numericText;
        this.temporalText = temporalText;
    }

    /** Whether a field of this kind can hold special values. */
    public static boolean allowedIn(FieldKind kind) {
        return switch (kind) {
            case DECIMAL, DATE, TIMESTAMP, TIMESTAMP_TZ -> true;
            default -> false;
        };
    }

    /** PostgreSQL's text for this value in a field of the kind. */
    public String text(FieldKind kind) {
        String text = kind == FieldKind.DECIMAL ? numericText : allowedIn(kind) ? temporalText : null;
        if (text == null) {
            throw new IllegalArgumentException("a " + kind + " field cannot hold " + name());
        }
        return text;
    }

    /** The special value the text names in a field of the kind, if it names one. */
    public static Optional<SpecialValue> parse(String text, FieldKind kind) {
        if (!allowedIn(kind)) {
            return Optional.empty();
        }
        for (SpecialValue value : values()) {
            String own = kind == FieldKind.DECIMAL ? value.numericText : value.temporalText;
            if (text.equals(own)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
