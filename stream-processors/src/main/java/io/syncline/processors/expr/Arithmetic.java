package io.syncline.processors.expr;

import io.syncline.config.expr.Expr.BinaryOp;
import io.syncline.view.SpecialValue;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * + - * / % on normalized numbers (Long, BigDecimal or a numeric {@link SpecialValue}, Double);
 * null in, null out. NaN and ±Infinity follow PostgreSQL's numeric: NaN in gives NaN,
 * {@code Infinity - Infinity} and {@code Infinity * 0} give NaN, {@code x / Infinity} gives 0,
 * {@code Infinity % x} gives NaN and {@code x % Infinity} gives x; dividing a non-NaN by zero gives null.
 */
final class Arithmetic {
    /** Quotients keep 34 significant digits (IEEE 754 decimal128), then lose trailing zeros. */
    private static final MathContext DIVISION = MathContext.DECIMAL128;

    private Arithmetic() {
    }

    static String symbol(BinaryOp op) {
        return switch (op) {
            case ADD -> "+";
            case SUBTRACT -> "-";
            case MULTIPLY -> "*";
            case DIVIDE -> "/";
            case MODULO -> "%";
            default -> op.name();
        };
    }

    static Object negate(Object value) {
        if (value instanceof SpecialValue special) {
            return switch (special) {
                case NAN -> SpecialValue.NAN;
                case POSITIVE_INFINITY -> SpecialValue.NEGATIVE_INFINITY;
                case NEGATIVE_INFINITY -> SpecialValue.POSITIVE_INFINITY;
            };
        }
        if (value instanceof Long l) {
            return Math.negateExact(l);
        }
        if (value instanceof Double d) {
            return -d;
        }
        return value == null ? null : ((BigDecimal) value).negate();
    }

    static Object apply(BinaryOp op, Object left, Object right, ValueType type) {
        if (left == null || right == null) {
            return null;
        }
        if (type == ValueType.FLOAT) {
            double a = toDouble(left);
            double b = toDouble(right);
            return switch (op) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> b == 0 && !Double.isNaN(a) ? null : a / b;
                case MODULO -> b == 0 && !Double.isNaN(a) ? null : a % b;
                default -> throw new IllegalArgumentException(op.name());
            };
        }
        if (left instanceof SpecialValue || right instanceof SpecialValue) {
            return special(op, left, right);
        }
        BigDecimal a = decimal(left);
        BigDecimal b = decimal(right);
        BigDecimal result = switch (op) {
            case ADD -> a.add(b);
            case SUBTRACT -> a.subtract(b);
            case MULTIPLY -> a.multiply(b);
            case DIVIDE -> b.signum() == 0 ? null : a.divide(b, DIVISION).stripTrailingZeros();
            case MODULO -> b.signum() == 0 ? null : a.remainder(b);
            default -> throw new IllegalArgumentException(op.name());
        };
        if (result == null) {
            return null;
        }
        if (type == ValueType.INT) {
            return result.longValueExact();
        }
        return result.scale() < 0 ? result.setScale(0) : result;
    }

    /** Arithmetic with a numeric NaN or ±Infinity (the result type is DECIMAL: whole numbers are never special). */
    private static Object special(BinaryOp op, Object left, Object right) {
        if (left == SpecialValue.NAN || right == SpecialValue.NAN) {
            return SpecialValue.NAN;
        }
        // Only the sign of a finite operand matters here, except for x % Infinity, which is x.
        double a = left instanceof SpecialValue ? toDouble(left) : decimal(left).signum();
        double b = right instanceof SpecialValue ? toDouble(right) : decimal(right).signum();
        if ((op == BinaryOp.DIVIDE || op == BinaryOp.MODULO) && b == 0) {
            return null;
        }
        if (op == BinaryOp.MODULO) {
            return left instanceof SpecialValue ? SpecialValue.NAN : apply(BinaryOp.ADD, left, 0L, ValueType.DECIMAL);
        }
        double result = switch (op) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
            default -> throw new IllegalArgumentException(op.name());
        };
        return Double.isNaN(result) ? SpecialValue.NAN : result == Double.POSITIVE_INFINITY ? SpecialValue.POSITIVE_INFINITY
                : result == Double.NEGATIVE_INFINITY ? SpecialValue.NEGATIVE_INFINITY : BigDecimal.ZERO;
    }

    /** A number as a double; a numeric NaN or ±Infinity as the double's own (as PostgreSQL casts numeric to float8). */
    static double toDouble(Object number) {
        if (number instanceof SpecialValue special) {
            return switch (special) {
                case NAN -> Double.NaN;
                case POSITIVE_INFINITY -> Double.POSITIVE_INFINITY;
                case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
            };
        }
        return ((Number) number).doubleValue();
    }

    static BigDecimal decimal(Object number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        return BigDecimal.valueOf(((Number) number).doubleValue());
    }
}
