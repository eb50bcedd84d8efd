package io.syncline.processors.expr;

import io.syncline.config.expr.Expr.BinaryOp;
import java.math.BigDecimal;
import java.math.MathContext;

/** + - * / % on normalized numbers (Long, BigDecimal, Double); null in, null out. */
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
            double a = ((Number) left).doubleValue();
            double b = ((Number) right).doubleValue();
            return switch (op) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> b == 0 ? null : a / b;
                case MODULO -> b == 0 ? null : a % b;
                default -> throw new IllegalArgumentException(op.name());
            };
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
