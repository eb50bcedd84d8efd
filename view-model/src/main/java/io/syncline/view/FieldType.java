package io.syncline.view;

import java.util.Objects;

/**
 * A field's type: its kind, decimal precision and scale, array element type, and nullability.
 * {@code sourceType} keeps the source column's own type name (e.g. {@code numeric}, {@code _text}).
 */
public record FieldType(FieldKind kind, int precision, int scale, FieldType element, boolean nullable, String sourceType) {

    public FieldType {
        Objects.requireNonNull(kind, "kind");
        if (kind == FieldKind.ARRAY) {
            Objects.requireNonNull(element, "an ARRAY needs an element type");
        }
    }

    public static FieldType of(FieldKind kind, boolean nullable, String sourceType) {
        return new FieldType(kind, 0, 0, null, nullable, sourceType);
    }

    public static FieldType decimal(int precision, int scale, boolean nullable, String sourceType) {
        return new FieldType(FieldKind.DECIMAL, precision, scale, null, nullable, sourceType);
    }

    public static FieldType array(FieldType element, boolean nullable, String sourceType) {
        return new FieldType(FieldKind.ARRAY, 0, 0, element, nullable, sourceType);
    }
}
