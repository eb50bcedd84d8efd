package io.syncline.processors.expr;

import io.syncline.config.expr.Expr.BinaryOp;
import java.util.List;
import java.util.Optional;

/**
 * = != < <= > >= between values of one family: numbers, text, booleans, or one temporal type;
 * NaN, ±Infinity and ±infinity compare as in PostgreSQL (see {@link ValueOrder}).
 */
final class Comparisons {
    private Comparisons() {
    }

    static Node compile(BinaryOp op, Node left, Node right, List<String> problems) {
        ValueType a = left.type();
        ValueType b = right.type();
        // A text literal compared with a date or timestamp is read as one ('2026-01-01'), once.
        int reported = problems.size();
        if (a.temporal() || a == ValueType.TIME) {
            right = asTemporal(right, a, problems);
            b = right.type();
        } else if (b.temporal() || b == ValueType.TIME) {
            left = asTemporal(left, b, problems);
            a = left.type();
        }
        if (problems.size() > reported) {
            return new Node(ValueType.BOOLEAN, doc -> null); // the literal is reported; nothing more to say
        }
        boolean comparable = a == ValueType.NULL || b == ValueType.NULL || a == b || a.numeric() && b.numeric();
        boolean opaque = (a == ValueType.OTHER || b == ValueType.OTHER) && a != ValueType.NULL && b != ValueType.NULL;
        if (!comparable || opaque) {
            problems.add("cannot compare " + ExpressionCompiler.describe(a) + " with " + ExpressionCompiler.describe(b));
        }
        Node l = left;
        Node r = right;
        return new Node(ValueType.BOOLEAN, doc -> {
            Object x = l.eval(doc);
            Object y = r.eval(doc);
            if (x == null || y == null) {
                return null;
            }
            int order = ValueOrder.compare(x, y);
            return switch (op) {
                case EQ -> order == 0;
                case NE -> order != 0;
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                case GE -> order >= 0;
                default -> throw new IllegalArgumentException(op.name());
            };
        });
    }

    private static Node asTemporal(Node node, ValueType temporal, List<String> problems) {
        if (node.type() != ValueType.STRING || !node.literal()) {
            return node; // a text field or computed text stays text, and the comparison is reported
        }
        Object text = node.eval(java.util.Map.of());
        Optional<Object> value = ExpressionCompiler.temporalLiteral((String) text, temporal);
        if (value.isEmpty()) {
            problems.add("'" + text + "' is not " + ExpressionCompiler.describe(temporal)
                    + " (write e.g. '2026-01-31', '2026-01-31T12:00:00', '2026-01-31T12:00:00Z' or 'infinity')");
            return node;
        }
        Object constant = value.get();
        return new Node(temporal, doc -> constant);
    }
}
