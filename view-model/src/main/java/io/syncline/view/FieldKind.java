package io.syncline.view;

/**
 * The logical type of a view field, and the Java type its values have in a decoded {@link ViewRecord}.
 * Derived from the source column type (see the capture module's catalog).
 */
public enum FieldKind {
    /** text, varchar, char, enums, and types without a better mapping: {@link String}. */
    STRING,
    /** {@link Boolean}. */
    BOOLEAN,
    /** smallint: {@link Integer}. */
    INT16,
    /** integer: {@link Integer}. */
    INT32,
    /** bigint: {@link Long}. */
    INT64,
    /** real: {@link Double}; NaN, ±Infinity and -0 travel as text ({@code "NaN"}, {@code "-0.0"}). */
    FLOAT32,
    /** double precision: {@link Double}, like FLOAT32. */
    FLOAT64,
    /**
     * numeric(p,s): {@link java.math.BigDecimal}, never a double, or a {@link SpecialValue} (NaN,
     * ±Infinity). Unconstrained numeric has precision 0.
     */
    DECIMAL,
    /** date: {@link java.time.LocalDate}, or {@link SpecialValue} ±infinity. */
    DATE,
    /** time: {@link java.time.LocalTime}, microseconds. */
    TIME,
    /** timestamp without time zone: {@link java.time.LocalDateTime}; precision = fractional-second digits (0–6); or {@link SpecialValue} ±infinity. */
    TIMESTAMP,
    /** timestamptz: {@link java.time.Instant}, written as ISO-8601 UTC; precision = fractional-second digits (0–6); or {@link SpecialValue} ±infinity. */
    TIMESTAMP_TZ,
    /** uuid: {@link java.util.UUID}. */
    UUID,
    /** json, jsonb: a parsed JSON value ({@link java.util.Map}, {@link java.util.List}, String, BigDecimal/Long, Boolean, null). */
    JSON,
    /** bytea: {@code byte[]}, base64 on the wire. */
    BYTES,
    /** arrays: {@link java.util.List} of the element type. */
    ARRAY,
    /**
     * A nested object with typed fields of its own (a joined parent row, or an element of a joined
     * child array): {@link java.util.Map} from field name to value, in field order.
     */
    OBJECT
}
