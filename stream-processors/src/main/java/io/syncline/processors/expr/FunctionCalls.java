package io.syncline.processors.expr;

import io.syncline.config.expr.Expr;
import io.syncline.config.expr.Function;
import io.syncline.view.SpecialValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/** Type rules and evaluation of the built-in functions (the parser already checked names and argument counts). */
final class FunctionCalls {
    private FunctionCalls() {
    }

    static Node compile(Expr.Call call, List<Node> args, List<String> problems) {
        Function function = call.function();
        String name = function.sqlName() + "()";
        return switch (function) {
            case LOWER, UPPER, TRIM -> {
                requireText(name, args.get(0), problems);
                Node arg = args.get(0);
                yield new Node(ValueType.STRING, doc -> {
                    Object value = arg.eval(doc);
                    if (value == null) {
                        return null;
                    }
                    String text = Text.of(value, arg.type());
                    return function == Function.LOWER ? text.toLowerCase(Locale.ROOT)
                            : function == Function.UPPER ? text.toUpperCase(Locale.ROOT) : text.strip();
                });
            }
            case LENGTH -> {
                requireText(name, args.get(0), problems);
                Node arg = args.get(0);
                yield new Node(ValueType.INT, doc -> {
                    Object value = arg.eval(doc);
                    return value == null ? null : (long) Text.of(value, arg.type()).codePointCount(0, Text.of(value, arg.type()).length());
                });
            }
            case CONCAT -> new Node(ValueType.STRING, doc -> {
                StringBuilder text = new StringBuilder();
                for (Node arg : args) {
                    Object value = arg.eval(doc);
                    if (value != null) {
                        text.append(Text.of(value, arg.type()));
                    }
                }
                return text.toString();
            });
            case COALESCE -> coalesce(args, problems);
            case ABS -> {
                Node arg = requireNumber(name, args.get(0), problems);
                yield new Node(arg.type(), doc -> {
                    Object value = arg.eval(doc);
                    if (value instanceof SpecialValue special) {
                        return special == SpecialValue.NAN ? special : SpecialValue.POSITIVE_INFINITY;
                    }
                    if (value instanceof Double d) {
                        return Math.abs(d);
                    }
                    return value == null ? null : Arithmetic.apply(Expr.BinaryOp.MULTIPLY, value,
                            Arithmetic.decimal(value).signum() < 0 ? -1L : 1L, arg.type());
                });
            }
            case ROUND -> round(name, args, problems);
            case YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, DAY_OF_WEEK -> datePart(function, name, args.get(0), problems);
            case DATE -> {
                Node arg = args.get(0);
                if (arg.type() != ValueType.TIMESTAMP && arg.type() != ValueType.TIMESTAMP_TZ && arg.type() != ValueType.DATE
                        && arg.type() != ValueType.NULL) {
                    problems.add(name + " needs a date, timestamp or timestamptz, not " + ExpressionCompiler.describe(arg.type()));
                }
                yield new Node(ValueType.DATE, doc -> {
                    Object value = arg.eval(doc);
                    // date('infinity'::timestamp) is the date infinity, as in PostgreSQL
                    return value == null || value instanceof SpecialValue ? value : LocalDate.from(utc(value));
                });
            }
        };
    }

    private static Node coalesce(List<Node> args, List<String> problems) {
        ValueType type = ValueType.NULL;
        for (Node arg : args) {
            ValueType next = arg.type();
            if (next == ValueType.NULL) {
                continue;
            }
            if (type == ValueType.NULL) {
                type = next;
            } else if (type.numeric() && next.numeric()) {
                type = ValueType.widen(type, next);
            } else if (type != next) {
                problems.add("coalesce() needs arguments of one type, not " + ExpressionCompiler.describe(type)
                        + " and " + ExpressionCompiler.describe(next));
            }
        }
        ValueType result = type;
        return new Node(result, doc -> {
            for (Node arg : args) {
                Object value = arg.eval(doc);
                if (value != null) {
                    return result.numeric() ? widenValue(value, result) : value;
                }
            }
            return null;
        });
    }

    private static Object widenValue(Object value, ValueType type) {
        return switch (type) {
            case FLOAT -> Arithmetic.toDouble(value);
            case DECIMAL -> value instanceof SpecialValue ? value : Arithmetic.decimal(value);
            default -> value;
        };
    }

    private static Node round(String name, List<Node> args, List<String> problems) {
        Node value = requireNumber(name, args.get(0), problems);
        Node digits = args.size() > 1 ? args.get(1) : new Node(ValueType.INT, doc -> 0L);
        if (digits.type() != ValueType.INT && digits.type() != ValueType.NULL) {
            problems.add(name + " takes a whole number of digits as its second argument");
        }
        return new Node(value.type(), doc -> {
            Object number = value.eval(doc);
            Object places = digits.eval(doc);
            if (number == null || places == null) {
                return null;
            }
            if (number instanceof SpecialValue || number instanceof Double d && !Double.isFinite(d)) {
                return number; // round(NaN) is NaN, round(Infinity) is Infinity, as in PostgreSQL
            }
            BigDecimal rounded = Arithmetic.decimal(number).setScale(Math.toIntExact((Long) places), RoundingMode.HALF_UP);
            return switch (value.type()) {
                case INT -> rounded.setScale(0, RoundingMode.HALF_UP).longValueExact();
                case FLOAT -> rounded.doubleValue();
                default -> rounded;
            };
        });
    }

    private static Node datePart(Function function, String name, Node arg, List<String> problems) {
        boolean timeOfDay = function == Function.HOUR || function == Function.MINUTE || function == Function.SECOND;
        ValueType type = arg.type();
        boolean fits = type == ValueType.NULL || type == ValueType.TIMESTAMP || type == ValueType.TIMESTAMP_TZ
                || (type == ValueType.DATE && !timeOfDay) || (type == ValueType.TIME && timeOfDay);
        if (!fits) {
            problems.add(name + " needs " + (timeOfDay ? "a time, timestamp or timestamptz" : "a date, timestamp or timestamptz")
                    + ", not " + ExpressionCompiler.describe(type));
        }
        ChronoField field = switch (function) {
            case YEAR -> ChronoField.YEAR;
            case MONTH -> ChronoField.MONTH_OF_YEAR;
            case DAY -> ChronoField.DAY_OF_MONTH;
            case HOUR -> ChronoField.HOUR_OF_DAY;
            case MINUTE -> ChronoField.MINUTE_OF_HOUR;
            case SECOND -> ChronoField.SECOND_OF_MINUTE;
            default -> ChronoField.DAY_OF_WEEK;
        };
        return new Node(ValueType.INT, doc -> {
            Object value = arg.eval(doc);
            // a whole number cannot be infinite: the parts of ±infinity are null
            return value == null || value instanceof SpecialValue ? null : (long) utc(value).get(field);
        });
    }

    /** Date parts of a timestamptz are taken in UTC. */
    private static TemporalAccessor utc(Object value) {
        return value instanceof Instant instant ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : (TemporalAccessor) value;
    }

    private static void requireText(String name, Node arg, List<String> problems) {
        if (arg.type() == ValueType.OTHER || arg.type() == ValueType.BOOLEAN) {
            problems.add(name + " needs text, not " + ExpressionCompiler.describe(arg.type()));
        }
    }

    private static Node requireNumber(String name, Node arg, List<String> problems) {
        if (!arg.type().numeric() && arg.type() != ValueType.NULL) {
            problems.add(name + " needs a number, not " + ExpressionCompiler.describe(arg.type()));
        }
        return arg;
    }
}
