package io.syncline.processors.expr;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;

/**
 * What an expression computes with. Field values are normalized on the way in: every integer kind
 * is a {@link Long}, real and double a {@link Double}, numeric a {@link BigDecimal}, uuid its text.
 */
enum ValueType {
    INT, DECIMAL, FLOAT, STRING, BOOLEAN, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ,
    /** The type of the literal {@code null}: fits anywhere. */
    NULL,
    /** json, bytea, arrays and objects: only {@code IS NULL} and coalesce may take them. */
    OTHER;

    static ValueType of(FieldType type) {
        return switch (type.kind()) {
            case INT16, INT32, INT64 -> INT;
            case FLOAT32, FLOAT64 -> FLOAT;
            case DECIMAL -> DECIMAL;
            case STRING, UUID -> STRING;
            case BOOLEAN -> BOOLEAN;
            case DATE -> DATE;
            case TIME -> TIME;
            case TIMESTAMP -> TIMESTAMP;
            case TIMESTAMP_TZ -> TIMESTAMP_TZ;
            case JSON, BYTES, ARRAY, OBJECT -> OTHER;
        };
    }

    boolean numeric() {
        return this == INT || this == DECIMAL || this == FLOAT;
    }

    boolean temporal() {
        return this == DATE || this == TIMESTAMP || this == TIMESTAMP_TZ;
    }

    /** The field type a computed field of this type gets. */
    FieldType fieldType() {
        return switch (this) {
            case INT -> FieldType.of(FieldKind.INT64, true, "expression");
            case DECIMAL -> FieldType.decimal(0, 0, true, "expression");
            case FLOAT -> FieldType.of(FieldKind.FLOAT64, true, "expression");
            case STRING, NULL -> FieldType.of(FieldKind.STRING, true, "expression");
            case BOOLEAN -> FieldType.of(FieldKind.BOOLEAN, true, "expression");
            case DATE -> FieldType.of(FieldKind.DATE, true, "expression");
            case TIME -> new FieldType(FieldKind.TIME, 6, 0, null, true, "expression");
            case TIMESTAMP -> new FieldType(FieldKind.TIMESTAMP, 6, 0, null, true, "expression");
            case TIMESTAMP_TZ -> new FieldType(FieldKind.TIMESTAMP_TZ, 6, 0, null, true, "expression");
            case OTHER -> FieldType.of(FieldKind.JSON, true, "expression");
        };
    }

    /** A document value as expressions see it. */
    static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof java.util.UUID) {
            return value.toString();
        }
        return value;
    }

    /** Widest numeric type of two: FLOAT over DECIMAL over INT. */
    static ValueType widen(ValueType a, ValueType b) {
        if (a == FLOAT || b == FLOAT) {
            return FLOAT;
        }
        if (a == DECIMAL || b == DECIMAL) {
            return DECIMAL;
        }
        return INT;
    }
}
