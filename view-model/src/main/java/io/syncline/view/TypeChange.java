package io.syncline.view;

import java.util.Map;

/**
 * How a field's type changed between two schemas, as every store sees it: {@link #SAME} when the
 * stores hold both alike (e.g. varchar(20) → text, timestamp(3) → timestamp(6), NOT NULL added),
 * {@link #WIDENED} when every old value fits the new type and the stores can widen in place
 * (int → bigint, real → double precision, numeric(p,s) → more digits on either side, NOT NULL
 * dropped), {@link #NARROWED} when the new type holds fewer values (bigint → int: the wider store
 * type still holds every new value), {@link #INCOMPATIBLE} for anything else (text → int, date →
 * timestamp): a store's existing values and type cannot carry it without a rebuild.
 */
public enum TypeChange {
    SAME, WIDENED, NARROWED, INCOMPATIBLE;

    /** Integer kinds by width; an integer kind widens to any wider one. */
    private static final Map<FieldKind, Integer> INTEGER_WIDTH = Map.of(FieldKind.INT16, 16, FieldKind.INT32, 32,
            FieldKind.INT64, 64);
    private static final Map<FieldKind, Integer> FLOAT_WIDTH = Map.of(FieldKind.FLOAT32, 32, FieldKind.FLOAT64, 64);

    public static TypeChange of(FieldType from, FieldType to) {
        TypeChange values = values(from, to);
        if (values != SAME) {
            return values;
        }
        return from.nullable() || !to.nullable() ? SAME : WIDENED;
    }

    /** The change of the values a field holds, nullability aside. */
    private static TypeChange values(FieldType from, FieldType to) {
        if (from.kind() != to.kind()) {
            return ordered(INTEGER_WIDTH, from.kind(), to.kind()) != null ? ordered(INTEGER_WIDTH, from.kind(), to.kind())
                    : ordered(FLOAT_WIDTH, from.kind(), to.kind()) != null ? ordered(FLOAT_WIDTH, from.kind(), to.kind())
                    : INCOMPATIBLE;
        }
        return switch (from.kind()) {
            case DECIMAL -> decimal(from, to);
            case ARRAY -> {
                TypeChange element = values(from.element(), to.element());
                yield element == SAME && from.element().nullable() != to.element().nullable()
                        ? (to.element().nullable() ? WIDENED : SAME) : element;
            }
            case OBJECT -> from.fields().equals(to.fields()) ? SAME : INCOMPATIBLE;
            default -> SAME;
        };
    }

    private static TypeChange ordered(Map<FieldKind, Integer> widths, FieldKind from, FieldKind to) {
        Integer a = widths.get(from);
        Integer b = widths.get(to);
        if (a == null || b == null) {
            return null;
        }
        return b > a ? WIDENED : NARROWED;
    }

    /** Precision 0 is an unconstrained numeric: it holds every value. */
    private static TypeChange decimal(FieldType from, FieldType to) {
        if (from.precision() == to.precision() && from.scale() == to.scale()) {
            return SAME;
        }
        if (to.precision() == 0) {
            return WIDENED;
        }
        if (from.precision() == 0) {
            return NARROWED;
        }
        int integerDigits = Integer.compare(to.precision() - to.scale(), from.precision() - from.scale());
        int fractionDigits = Integer.compare(to.scale(), from.scale());
        if (integerDigits >= 0 && fractionDigits >= 0) {
            return WIDENED;
        }
        return integerDigits <= 0 && fractionDigits <= 0 ? NARROWED : INCOMPATIBLE;
    }
}
