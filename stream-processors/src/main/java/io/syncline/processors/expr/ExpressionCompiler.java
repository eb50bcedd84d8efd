package io.syncline.processors.expr;

import io.syncline.config.expr.Expr;
import io.syncline.config.expr.Function;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.SpecialValue;
import io.syncline.view.ViewField;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Type-checks an expression against the fields a document has at that point of its transforms,
 * and compiles it into a tree of evaluators. Every problem (unknown field, a field inside an
 * array, mismatched types) is reported; a compiled expression never meets an unknown name.
 */
public final class ExpressionCompiler {

    private final List<ViewField> fields;
    private final List<String> problems = new ArrayList<>();

    private ExpressionCompiler(List<ViewField> fields) {
        this.fields = fields;
    }

    /** The compiled expression, or the problems found (each a sentence naming the culprit). */
    public static Result compile(Expr expr, List<ViewField> fields) {
        ExpressionCompiler compiler = new ExpressionCompiler(fields);
        Node node = compiler.node(expr);
        return compiler.problems.isEmpty() ? new Result(Optional.of(new CompiledExpression(node)), List.of())
                : new Result(Optional.empty(), List.copyOf(compiler.problems));
    }

    public record Result(Optional<CompiledExpression> expression, List<String> problems) {
    }

    private Node node(Expr expr) {
        if (expr instanceof Expr.Literal literal) {
            return literal(literal.value());
        }
        if (expr instanceof Expr.Field field) {
            return field(field);
        }
        if (expr instanceof Expr.Unary unary) {
            return unary(unary);
        }
        if (expr instanceof Expr.Binary binary) {
            return binary(binary);
        }
        if (expr instanceof Expr.IsNull isNull) {
            Node operand = node(isNull.operand());
            return new Node(ValueType.BOOLEAN, doc -> (operand.eval(doc) == null) != isNull.negated());
        }
        return FunctionCalls.compile((Expr.Call) expr, ((Expr.Call) expr).args().stream().map(this::node).toList(), problems);
    }

    private static Node literal(Object value) {
        if (value == null) {
            return new Node(ValueType.NULL, doc -> null, true);
        }
        if (value instanceof BigDecimal number) {
            boolean integral = number.scale() <= 0 && number.toBigInteger().bitLength() <= 63;
            Object constant = integral ? (Object) number.longValueExact() : number;
            return new Node(integral ? ValueType.INT : ValueType.DECIMAL, doc -> constant, true);
        }
        if (value instanceof Boolean) {
            return new Node(ValueType.BOOLEAN, doc -> value, true);
        }
        return new Node(ValueType.STRING, doc -> value, true);
    }

    private Node field(Expr.Field field) {
        List<String> path = field.path();
        List<ViewField> level = fields;
        FieldType type = null;
        for (int i = 0; i < path.size(); i++) {
            String name = path.get(i);
            Optional<ViewField> found = level.stream().filter(f -> f.name().equals(name)).findFirst();
            if (found.isEmpty()) {
                problems.add("unknown field '" + field.dotted() + "' (" + (i == 0 ? "fields" : "fields of "
                        + String.join(".", path.subList(0, i))) + ": "
                        + level.stream().map(ViewField::name).collect(Collectors.joining(", ")) + ")");
                return new Node(ValueType.NULL, doc -> null);
            }
            type = found.get().type();
            if (i < path.size() - 1) {
                if (type.kind() != FieldKind.OBJECT) {
                    problems.add("'" + String.join(".", path.subList(0, i + 1)) + "' is "
                            + (type.kind() == FieldKind.ARRAY ? "an array: expressions cannot read inside arrays"
                            : "not an object, so '" + field.dotted() + "' does not exist"));
                    return new Node(ValueType.NULL, doc -> null);
                }
                level = type.fields();
            }
        }
        return new Node(ValueType.of(type), doc -> ValueType.normalize(valueAt(doc, path)));
    }

    @SuppressWarnings("unchecked")
    private static Object valueAt(Map<String, Object> doc, List<String> path) {
        Object value = doc;
        for (String name : path) {
            if (!(value instanceof Map)) {
                return null;
            }
            value = ((Map<String, Object>) value).get(name);
        }
        return value;
    }

    private Node unary(Expr.Unary unary) {
        Node operand = node(unary.operand());
        if (unary.op() == Expr.UnaryOp.NOT) {
            expect(operand, ValueType.BOOLEAN, "not");
            return new Node(ValueType.BOOLEAN, doc -> {
                Object value = operand.eval(doc);
                return value == null ? null : !(Boolean) value;
            });
        }
        if (!operand.type().numeric() && operand.type() != ValueType.NULL) {
            problems.add("unary '-' needs a number, not " + describe(operand.type()));
        }
        return new Node(operand.type(), doc -> Arithmetic.negate(operand.eval(doc)));
    }

    private Node binary(Expr.Binary binary) {
        Node left = node(binary.left());
        Node right = node(binary.right());
        return switch (binary.op()) {
            case AND, OR -> logical(binary.op(), left, right);
            case CONCAT -> new Node(ValueType.STRING, doc -> {
                Object a = left.eval(doc);
                Object b = right.eval(doc);
                return a == null || b == null ? null : Text.of(a, left.type()) + Text.of(b, right.type());
            });
            case EQ, NE, LT, LE, GT, GE -> Comparisons.compile(binary.op(), left, right, problems);
            default -> arithmetic(binary.op(), left, right);
        };
    }

    private Node logical(Expr.BinaryOp op, Node left, Node right) {
        expect(left, ValueType.BOOLEAN, op.name().toLowerCase());
        expect(right, ValueType.BOOLEAN, op.name().toLowerCase());
        boolean and = op == Expr.BinaryOp.AND;
        // SQL's three-valued logic: false AND null is false, true OR null is true.
        return new Node(ValueType.BOOLEAN, doc -> {
            Boolean a = (Boolean) left.eval(doc);
            if (a != null && a != and) {
                return a;
            }
            Boolean b = (Boolean) right.eval(doc);
            if (b != null && b != and) {
                return b;
            }
            return a == null || b == null ? null : and;
        });
    }

    private Node arithmetic(Expr.BinaryOp op, Node left, Node right) {
        for (Node side : List.of(left, right)) {
            if (!side.type().numeric() && side.type() != ValueType.NULL) {
                problems.add("'" + Arithmetic.symbol(op) + "' needs numbers, not " + describe(side.type())
                        + (side.type() == ValueType.STRING ? " (use || or concat() to join text)" : ""));
            }
        }
        ValueType type = ValueType.widen(left.type(), right.type());
        if (op == Expr.BinaryOp.DIVIDE && type == ValueType.INT) {
            type = ValueType.DECIMAL; // 7 / 2 is 3.5, as a user expects, not SQL's integer 3
        }
        ValueType result = type;
        return new Node(result, doc -> Arithmetic.apply(op, left.eval(doc), right.eval(doc), result));
    }

    private void expect(Node node, ValueType type, String operator) {
        if (node.type() != type && node.type() != ValueType.NULL) {
            problems.add("'" + operator + "' needs " + describe(type) + ", not " + describe(node.type()));
        }
    }

    static String describe(ValueType type) {
        return switch (type) {
            case INT, DECIMAL, FLOAT -> "a number";
            case STRING -> "text";
            case BOOLEAN -> "a boolean";
            case DATE -> "a date";
            case TIME -> "a time";
            case TIMESTAMP -> "a timestamp";
            case TIMESTAMP_TZ -> "a timestamptz";
            case NULL -> "null";
            case OTHER -> "a json, bytea, array or object value";
        };
    }

    /** Parses a text literal compared with a temporal value, at compile time. */
    static Optional<Object> temporalLiteral(String text, ValueType type) {
        if (type.temporal() && (text.equals("infinity") || text.equals("-infinity"))) {
            return Optional.of(text.equals("infinity") ? SpecialValue.POSITIVE_INFINITY : SpecialValue.NEGATIVE_INFINITY);
        }
        try {
            return Optional.of(switch (type) {
                case DATE -> LocalDate.parse(text);
                case TIME -> LocalTime.parse(text);
                case TIMESTAMP -> LocalDateTime.parse(text.replace(' ', 'T'));
                case TIMESTAMP_TZ -> text.length() == 10 ? LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        : OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
                default -> throw new IllegalArgumentException(type.name());
            });
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A compiled expression: evaluate it on a document (field name to typed value). */
    public static final class CompiledExpression {
        private final Node root;

        CompiledExpression(Node root) {
            this.root = root;
        }

        /** The type of the values it computes. */
        public FieldType type() {
            return root.type().fieldType();
        }

        public boolean isBoolean() {
            return root.type() == ValueType.BOOLEAN || root.type() == ValueType.NULL;
        }

        /**
         * The value, typed as {@link #type()} says, or null: also when it cannot be computed (a
         * division by zero, an overflow), so that one odd row never stops a view.
         */
        public Object evaluateOrNull(Map<String, Object> doc) {
            try {
                return root.eval(doc);
            } catch (ArithmeticException e) {
                return null;
            }
        }
    }
}
