package io.syncline.view;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A field's type: its kind, decimal precision and scale, array element type, nested fields of an
 * OBJECT, and nullability. {@code sourceType} keeps the source column's own type name (e.g.
 * {@code numeric}, {@code _text}); derived fields name what made them (e.g. {@code join}, {@code sha256}).
 */
public record FieldType(FieldKind kind, int precision, int scale, FieldType element, boolean nullable, String sourceType,
                        List<ViewField> fields) {

    public FieldType {
        Objects.requireNonNull(kind, "kind");
        if (kind == FieldKind.ARRAY) {
            Objects.requireNonNull(element, "an ARRAY needs an element type");
        }
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public FieldType(FieldKind kind, int precision, int scale, FieldType element, boolean nullable, String sourceType) {
        this(kind, precision, scale, element, nullable, sourceType, List.of());
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

    public static FieldType object(List<ViewField> fields, boolean nullable, String sourceType) {
        return new FieldType(FieldKind.OBJECT, 0, 0, null, nullable, sourceType, fields);
    }

    /** The same type with another nullability. */
    public FieldType withNullable(boolean nullable) {
        return new FieldType(kind, precision, scale, element, nullable, sourceType, fields);
    }

    /** A nested field of an OBJECT. */
    public Optional<ViewField> field(String name) {
        // A loop, not a stream: called per field of every nested object the view stage and the sinks code.
        for (ViewField field : fields) {
            if (field.name().equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
