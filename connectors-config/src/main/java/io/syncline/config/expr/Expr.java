package io.syncline.config.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed expression of the pipeline's small expression language (computed fields and filters):
 * literals, field references, arithmetic, string concatenation, comparisons, boolean logic,
 * IS [NOT] NULL and a fixed set of {@link Function functions}. There is no way to run other code.
 */
public sealed interface Expr {

    /** A number ({@link BigDecimal}), text ({@link String}), boolean ({@link Boolean}) or null ({@code value} null). */
    record Literal(Object value) implements Expr {
    }

    /** A field of the document: {@code status}, or {@code customer.email} inside a joined object. */
    record Field(List<String> path) implements Expr {
        public Field {
            path = List.copyOf(path);
        }

        public String dotted() {
            return String.join(".", path);
        }
    }

    record Unary(UnaryOp op, Expr operand) implements Expr {
    }

    record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
    }

    /** {@code operand IS NULL}, or {@code IS NOT NULL} when negated. */
    record IsNull(Expr operand, boolean negated) implements Expr {
    }

    record Call(Function function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    enum UnaryOp { NEGATE, NOT }

    enum BinaryOp { ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO, CONCAT, EQ, NE, LT, LE, GT, GE, AND, OR }

    /** Every field this expression reads, in order of appearance. */
    default List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        collect(this, fields);
        return fields;
    }

    private static void collect(Expr expr, List<Field> fields) {
        if (expr instanceof Field field) {
            fields.add(field);
        } else if (expr instanceof Unary unary) {
            collect(unary.operand(), fields);
        } else if (expr instanceof Binary binary) {
            collect(binary.left(), fields);
            collect(binary.right(), fields);
        } else if (expr instanceof IsNull isNull) {
            collect(isNull.operand(), fields);
        } else if (expr instanceof Call call) {
            call.args().forEach(arg -> collect(arg, fields));
        }
    }
}
