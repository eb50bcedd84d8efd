package io.syncline.config.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.syncline.config.expr.Expr.BinaryOp;
import io.syncline.config.expr.Expr.UnaryOp;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExpressionParserTest {

    private static Expr.Field field(String... path) {
        return new Expr.Field(List.of(path));
    }

    private static Expr number(String digits) {
        return new Expr.Literal(new BigDecimal(digits));
    }

    private static Expr text(String value) {
        return new Expr.Literal(value);
    }

    private static Expr binary(BinaryOp op, Expr left, Expr right) {
        return new Expr.Binary(op, left, right);
    }

    private static Expr not(Expr operand) {
        return new Expr.Unary(UnaryOp.NOT, operand);
    }

    private static Expr call(Function function, Expr... args) {
        return new Expr.Call(function, List.of(args));
    }

    private static Expr.Field a() {
        return field("a");
    }

    private static Expr.Field b() {
        return field("b");
    }

    private static Expr.Field c() {
        return field("c");
    }

    static Stream<Arguments> parsed() {
        return Stream.of(
                // precedence and associativity
                Arguments.of("a + b * c", binary(BinaryOp.ADD, a(), binary(BinaryOp.MULTIPLY, b(), c()))),
                Arguments.of("a * b + c", binary(BinaryOp.ADD, binary(BinaryOp.MULTIPLY, a(), b()), c())),
                Arguments.of("(a + b) * c", binary(BinaryOp.MULTIPLY, binary(BinaryOp.ADD, a(), b()), c())),
                Arguments.of("a - b - c", binary(BinaryOp.SUBTRACT, binary(BinaryOp.SUBTRACT, a(), b()), c())),
                Arguments.of("a / b % c", binary(BinaryOp.MODULO, binary(BinaryOp.DIVIDE, a(), b()), c())),
                Arguments.of("not a = 1 or b", binary(BinaryOp.OR, not(binary(BinaryOp.EQ, a(), number("1"))), b())),
                Arguments.of("x || 'a' = 'ba'", binary(BinaryOp.EQ, binary(BinaryOp.CONCAT, field("x"), text("a")), text("ba"))),
                Arguments.of("a || b + 1", binary(BinaryOp.CONCAT, a(), binary(BinaryOp.ADD, b(), number("1")))),
                Arguments.of("a or b and c", binary(BinaryOp.OR, a(), binary(BinaryOp.AND, b(), c()))),
                Arguments.of("a and b or c", binary(BinaryOp.OR, binary(BinaryOp.AND, a(), b()), c())),
                Arguments.of("not not a", not(not(a()))),
                Arguments.of("not a and b", binary(BinaryOp.AND, not(a()), b())),
                Arguments.of("-a * b", binary(BinaryOp.MULTIPLY, new Expr.Unary(UnaryOp.NEGATE, a()), b())),
                Arguments.of("a - -1", binary(BinaryOp.SUBTRACT, a(), new Expr.Unary(UnaryOp.NEGATE, number("1")))),
                Arguments.of("a % 2 = 0 and not b is null", binary(BinaryOp.AND,
                        binary(BinaryOp.EQ, binary(BinaryOp.MODULO, a(), number("2")), number("0")),
                        not(new Expr.IsNull(b(), false)))),
                Arguments.of("a + 1 IS NOT NULL", new Expr.IsNull(binary(BinaryOp.ADD, a(), number("1")), true)),
                Arguments.of("a is null", new Expr.IsNull(a(), false)),
                Arguments.of("a Is Not Null OR b", binary(BinaryOp.OR, new Expr.IsNull(a(), true), b())),
                // every comparison
                Arguments.of("a = b", binary(BinaryOp.EQ, a(), b())),
                Arguments.of("a != b", binary(BinaryOp.NE, a(), b())),
                Arguments.of("a <> b", binary(BinaryOp.NE, a(), b())),
                Arguments.of("a < b", binary(BinaryOp.LT, a(), b())),
                Arguments.of("a <= b", binary(BinaryOp.LE, a(), b())),
                Arguments.of("a > b", binary(BinaryOp.GT, a(), b())),
                Arguments.of("a>=b", binary(BinaryOp.GE, a(), b())),
                // literals
                Arguments.of("42", number("42")),
                Arguments.of("3.50", number("3.50")),
                Arguments.of("'it''s'", text("it's")),
                Arguments.of("''", text("")),
                Arguments.of("'a \"quoted\" word'", text("a \"quoted\" word")),
                Arguments.of("TRUE", new Expr.Literal(true)),
                Arguments.of("false", new Expr.Literal(false)),
                Arguments.of("Null", new Expr.Literal(null)),
                // field references
                Arguments.of("customer.email", field("customer", "email")),
                Arguments.of("_x1", field("_x1")),
                Arguments.of("\"Order Date\"", field("Order Date")),
                Arguments.of("customer.\"e-mail\"", field("customer", "e-mail")),
                Arguments.of("\"say \"\"hi\"\"\"", field("say \"hi\"")),
                Arguments.of("\"null\" is null", new Expr.IsNull(field("null"), false)),
                Arguments.of("lower", field("lower")),
                // function calls
                Arguments.of("lower(customer.email)", call(Function.LOWER, field("customer", "email"))),
                Arguments.of("LOWER ( x )", call(Function.LOWER, field("x"))),
                Arguments.of("coalesce(a, b, 'none')", call(Function.COALESCE, a(), b(), text("none"))),
                Arguments.of("round(a * 1.1, 2)", call(Function.ROUND,
                        binary(BinaryOp.MULTIPLY, a(), number("1.1")), number("2"))),
                Arguments.of("upper(trim(a)) || '!'", binary(BinaryOp.CONCAT,
                        call(Function.UPPER, call(Function.TRIM, a())), text("!"))),
                Arguments.of("day_of_week(placed_at) >= 6", binary(BinaryOp.GE,
                        call(Function.DAY_OF_WEEK, field("placed_at")), number("6"))),
                // whitespace of any kind
                Arguments.of("\ta\n+\r\nb ", binary(BinaryOp.ADD, a(), b())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsed")
    void parses(String text, Expr expected) throws Exception {
        assertThat(ExpressionParser.parse(text)).isEqualTo(expected);
    }

    @Test
    void parenthesesMakeAComparisonAnOperand() throws Exception {
        assertThat(ExpressionParser.parse("(a < b) = (c > 1)")).isEqualTo(binary(BinaryOp.EQ,
                binary(BinaryOp.LT, a(), b()), binary(BinaryOp.GT, c(), number("1"))));
    }

    @Test
    void decimalsKeepTheirScale() throws Exception {
        Expr.Literal literal = (Expr.Literal) ExpressionParser.parse("1.50");

        assertThat(literal.value()).isInstanceOf(BigDecimal.class).hasToString("1.50");
    }

    @Test
    void fieldsAreListedInOrderOfAppearance() throws Exception {
        assertThat(ExpressionParser.parse("lower(customer.email) || b = a").fields())
                .containsExactly(field("customer", "email"), b(), a());
    }

    @Test
    void nestingIsLimited() throws Exception {
        assertThat(ExpressionParser.parse("(".repeat(50) + "a" + ")".repeat(50))).isEqualTo(a());

        ExpressionException thrown = catchThrowableOfType(ExpressionException.class,
                () -> ExpressionParser.parse("(".repeat(5000) + "a" + ")".repeat(5000)));

        assertThat(thrown.getMessage()).isEqualTo("the expression nests too deeply at offset 100 (at most 100 levels)");
        assertThat(thrown.offset()).isEqualTo(100);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            lower(name                 | 10 | expected ',' or ')' at offset 10, found end of text
            (a + b                     | 6  | expected ')' at offset 6, found end of text
            lower(a b)                 | 8  | expected ',' or ')' at offset 8, found 'b'
            lowr(x)                    | 0  | unknown function 'lowr' at offset 0; did you mean 'lower'? (functions: lower, upper, trim, length, concat, coalesce, abs, round, year, month, day, hour, minute, second, day_of_week, date)
            a + frobnicate(x)          | 4  | unknown function 'frobnicate' at offset 4 (functions: lower,
            lower(a, b)                | 0  | wrong number of arguments at offset 0: lower() takes 1 argument, got 2
            x = round()                | 4  | wrong number of arguments at offset 4: round() takes 1 or 2 arguments, got 0
            concat()                   | 0  | wrong number of arguments at offset 0: concat() takes at least 1 argument, got 0
            a = b = c                  | 6  | comparisons do not chain at offset 6: combine them with AND, or use parentheses
            a is null is null          | 10 | comparisons do not chain at offset 10
            a < b is null              | 6  | comparisons do not chain at offset 6
            a b                        | 2  | expected an operator or the end at offset 2, found 'b'
            a)                         | 1  | expected an operator or the end at offset 1, found ')'
            `"q" (1)`                  | 4  | expected an operator or the end at offset 4, found '('
            ``                         | 0  | expected an expression at offset 0, found end of text
            `   `                      | 3  | expected an expression at offset 3, found end of text
            a +                        | 3  | expected an expression at offset 3, found end of text
            )                          | 0  | expected an expression at offset 0, found ')'
            and                        | 0  | expected an expression at offset 0, found 'and'
            a or OR                    | 5  | expected an expression at offset 5, found 'OR'
            'abc                       | 0  | unterminated text at offset 0: missing closing '
            `a = 'it''s`               | 4  | unterminated text at offset 4: missing closing '
            `"abc`                     | 0  | unterminated quoted name at offset 0: missing closing "
            `x.""`                     | 2  | empty quoted name at offset 2
            a # b                      | 2  | unexpected character '#' at offset 2
            a ! b                      | 2  | unexpected character '!' at offset 2 (write != or <> for not equal, NOT for negation)
            a && b                     | 2  | unexpected character '&' at offset 2 (write AND)
            a == b                     | 2  | '==' at offset 2: write = to compare
            a is nul                   | 5  | expected NULL or NOT NULL at offset 5, found 'nul'
            a is not 1                 | 9  | expected NULL at offset 9, found '1'
            a is                       | 4  | expected NULL or NOT NULL at offset 4, found end of text
            customer.                  | 9  | expected a field name at offset 9, found end of text
            customer.null              | 9  | expected a field name at offset 9, found 'null' (double-quote a field named like a keyword: "null")
            customer.'x'               | 9  | expected a field name at offset 9, found ''x''
            1.                         | 2  | expected a digit after the decimal point at offset 2
            a = not b                  | 4  | NOT at offset 4 needs parentheses here: (NOT ...)
            -not a                     | 1  | NOT at offset 1 needs parentheses here: (NOT ...)
            """)
    void reportsWhatWasExpectedAndWhere(String text, int offset, String message) {
        ExpressionException thrown = catchThrowableOfType(ExpressionException.class, () -> ExpressionParser.parse(text));

        assertThat(thrown).as("'%s' must not parse", text).isNotNull();
        assertThat(thrown.getMessage()).startsWith(message);
        assertThat(thrown.offset()).isEqualTo(offset);
    }
}
