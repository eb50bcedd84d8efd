package io.syncline.processors.expr;

import io.syncline.view.SpecialValue;
import java.math.BigDecimal;

/**
 * PostgreSQL's order of two non-null values of one family, special values included: numbers by
 * value whatever their Java type ({@code -0} equals {@code 0}), {@code -Infinity} below every
 * number and {@code Infinity} above, {@code NaN} above everything and equal to itself (numeric and
 * float alike); dates and timestamps with {@code -infinity} first and {@code infinity} last. Used by
 * comparisons in expressions and by the order of joined children.
 */
public final class ValueOrder {
    private ValueOrder() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != 0 || rankB != 0) {
            return Integer.compare(rankA, rankB);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y));
        }
        return a instanceof Comparable ca ? ca.compareTo(b) : a.toString().compareTo(b.toString());
    }

    /** -1 for minus infinity, 1 for infinity, 2 for NaN, 0 for every ordinary value. */
    private static int rank(Object value) {
        if (value instanceof SpecialValue special) {
            return switch (special) {
                case NEGATIVE_INFINITY -> -1;
                case POSITIVE_INFINITY -> 1;
                case NAN -> 2;
            };
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) ? 2 : d == Double.POSITIVE_INFINITY ? 1 : d == Double.NEGATIVE_INFINITY ? -1 : 0;
        }
        return 0;
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof Double || number instanceof Float) {
            return BigDecimal.valueOf(number.doubleValue());
        }
        return BigDecimal.valueOf(number.longValue());
    }
}
