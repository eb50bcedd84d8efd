package io.syncline.config.expr;

import io.syncline.config.Suggestions;
import io.syncline.config.expr.ExpressionLexer.Kind;
import io.syncline.config.expr.ExpressionLexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the SQL-like expression language of computed fields and filters (a Pratt parser).
 * Precedence, lowest first: {@code OR}; {@code AND}; {@code NOT}; comparisons
 * ({@code = != <> < <= > >=}, {@code IS [NOT] NULL}; they do not chain); {@code ||}; {@code + -};
 * {@code * / %}; unary {@code -}. Keywords and function names are case-insensitive.
 */
public final class ExpressionParser {

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int COMPARISON = 4;
    private static final int CONCAT = 5;
    private static final int ADDITIVE = 6;
    private static final int MULTIPLICATIVE = 7;
    private static final int UNARY = 8;
    /** Deeper nesting is no real expression; the limit keeps a pathological one from overflowing the stack. */
    private static final int MAX_DEPTH = 100;

    /** A binary operator: how tightly it binds and what it builds. */
    private record Infix(int power, Expr.BinaryOp op) {
    }

    private final List<Token> tokens;
    private int position;
    private int depth;

    private ExpressionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Expr parse(String text) throws ExpressionException {
        ExpressionParser parser = new ExpressionParser(ExpressionLexer.tokens(text));
        Expr expr = parser.expression(0);
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw expected("an operator or the end", rest);
        }
        return expr;
    }

    /** An expression whose operators all bind tighter than {@code minPower}. */
    private Expr expression(int minPower) throws ExpressionException {
        if (++depth > MAX_DEPTH) {
            int offset = peek().offset();
            throw new ExpressionException("the expression nests too deeply at offset " + offset
                    + " (at most " + MAX_DEPTH + " levels)", offset);
        }
        try {
            return operators(minPower);
        } finally {
            depth--;
        }
    }

    private Expr operators(int minPower) throws ExpressionException {
        Expr left = prefix(minPower);
        boolean compared = false;
        while (true) {
            Token token = peek();
            boolean isNull = token.isKeyword("is");
            Infix infix = isNull ? new Infix(COMPARISON, null) : infix(token);
            if (infix == null || infix.power() <= minPower) {
                return left;
            }
            if (infix.power() == COMPARISON && compared) {
                throw new ExpressionException("comparisons do not chain at offset " + token.offset()
                        + ": combine them with AND, or use parentheses", token.offset());
            }
            compared = infix.power() == COMPARISON;
            position++;
            left = isNull ? isNull(left) : new Expr.Binary(infix.op(), left, expression(infix.power()));
        }
    }

    private static Infix infix(Token token) {
        if (token.kind() == Kind.WORD) {
            return token.isKeyword("or") ? new Infix(OR, Expr.BinaryOp.OR)
                    : token.isKeyword("and") ? new Infix(AND, Expr.BinaryOp.AND) : null;
        }
        if (token.kind() != Kind.SYMBOL) {
            return null;
        }
        return switch (token.value()) {
            case "=" -> new Infix(COMPARISON, Expr.BinaryOp.EQ);
            case "!=", "<>" -> new Infix(COMPARISON, Expr.BinaryOp.NE);
            case "<" -> new Infix(COMPARISON, Expr.BinaryOp.LT);
            case "<=" -> new Infix(COMPARISON, Expr.BinaryOp.LE);
            case ">" -> new Infix(COMPARISON, Expr.BinaryOp.GT);
            case ">=" -> new Infix(COMPARISON, Expr.BinaryOp.GE);
            case "||" -> new Infix(CONCAT, Expr.BinaryOp.CONCAT);
            case "+" -> new Infix(ADDITIVE, Expr.BinaryOp.ADD);
            case "-" -> new Infix(ADDITIVE, Expr.BinaryOp.SUBTRACT);
            case "*" -> new Infix(MULTIPLICATIVE, Expr.BinaryOp.MULTIPLY);
            case "/" -> new Infix(MULTIPLICATIVE, Expr.BinaryOp.DIVIDE);
            case "%" -> new Infix(MULTIPLICATIVE, Expr.BinaryOp.MODULO);
            default -> null;
        };
    }

    /** After {@code IS}: {@code NULL} or {@code NOT NULL}. */
    private Expr isNull(Expr operand) throws ExpressionException {
        boolean negated = peek().isKeyword("not");
        if (negated) {
            position++;
        }
        Token token = next();
        if (!token.isKeyword("null")) {
            throw expected(negated ? "NULL" : "NULL or NOT NULL", token);
        }
        return new Expr.IsNull(operand, negated);
    }

    private Expr prefix(int minPower) throws ExpressionException {
        Token token = next();
        if (token.isKeyword("not")) {
            // "a = not b" reads ambiguously; as in Python, NOT below its own level needs parentheses.
            if (minPower > NOT) {
                throw new ExpressionException("NOT at offset " + token.offset() + " needs parentheses here: (NOT ...)",
                        token.offset());
            }
            return new Expr.Unary(Expr.UnaryOp.NOT, expression(NOT));
        }
        if (token.isSymbol("-")) {
            return new Expr.Unary(Expr.UnaryOp.NEGATE, expression(UNARY));
        }
        if (token.isSymbol("(")) {
            Expr inner = expression(0);
            expect(")");
            return inner;
        }
        return switch (token.kind()) {
            case NUMBER -> new Expr.Literal(new BigDecimal(token.value()));
            case TEXT -> new Expr.Literal(token.value());
            case QUOTED_NAME -> field(token);
            case WORD -> word(token);
            default -> throw expected("an expression", token);
        };
    }

    private Expr word(Token token) throws ExpressionException {
        String keyword = token.value().toLowerCase(Locale.ROOT);
        switch (keyword) {
            case "true", "false" -> {
                return new Expr.Literal(Boolean.valueOf(keyword));
            }
            case "null" -> {
                return new Expr.Literal(null);
            }
            default -> {
                if (token.isAnyKeyword()) {
                    throw expected("an expression", token);
                }
                return peek().isSymbol("(") ? call(token) : field(token);
            }
        }
    }

    /** {@code name(.name)*}; keywords as names must be double-quoted. */
    private Expr field(Token first) throws ExpressionException {
        List<String> path = new ArrayList<>(List.of(first.value()));
        while (peek().isSymbol(".")) {
            position++;
            Token name = next();
            boolean plainName = name.kind() == Kind.WORD && !name.isAnyKeyword();
            if (!plainName && name.kind() != Kind.QUOTED_NAME) {
                throw expected("a field name", name, name.isAnyKeyword()
                        ? " (double-quote a field named like a keyword: \"" + name.value() + "\")" : "");
            }
            path.add(name.value());
        }
        return new Expr.Field(path);
    }

    private Expr call(Token name) throws ExpressionException {
        Function function = function(name);
        position++; // the '('
        List<Expr> args = new ArrayList<>();
        if (peek().isSymbol(")")) {
            position++;
        } else {
            do {
                args.add(expression(0));
            } while (nextIs(","));
            expect(")", "',' or ')'");
        }
        if (args.size() < function.minArgs() || args.size() > function.maxArgs()) {
            throw new ExpressionException("wrong number of arguments at offset " + name.offset() + ": "
                    + function.sqlName() + "() takes " + arity(function) + ", got " + args.size(), name.offset());
        }
        return new Expr.Call(function, args);
    }

    private static Function function(Token name) throws ExpressionException {
        Optional<Function> function = Function.named(name.value());
        if (function.isEmpty()) {
            List<String> names = Arrays.stream(Function.values()).map(Function::sqlName).toList();
            throw new ExpressionException("unknown function '" + name.value() + "' at offset " + name.offset()
                    + Suggestions.didYouMean(name.value(), names) + " (functions: " + String.join(", ", names) + ")",
                    name.offset());
        }
        return function.get();
    }

    private static String arity(Function function) {
        int min = function.minArgs();
        int max = function.maxArgs();
        if (max == Integer.MAX_VALUE) {
            return "at least " + arguments(min);
        }
        if (min == max) {
            return arguments(min);
        }
        return (max == min + 1 ? min + " or " : "between " + min + " and ") + arguments(max);
    }

    private static String arguments(int count) {
        return count + (count == 1 ? " argument" : " arguments");
    }

    private Token peek() {
        return tokens.get(position);
    }

    /** The current token, moving past it (never past the end). */
    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private boolean nextIs(String symbol) {
        if (peek().isSymbol(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) throws ExpressionException {
        expect(symbol, "'" + symbol + "'");
    }

    private void expect(String symbol, String what) throws ExpressionException {
        Token token = next();
        if (!token.isSymbol(symbol)) {
            throw expected(what, token);
        }
    }

    private static ExpressionException expected(String what, Token found) {
        return expected(what, found, "");
    }

    private static ExpressionException expected(String what, Token found, String hint) {
        return new ExpressionException("expected " + what + " at offset " + found.offset() + ", found "
                + found.describe() + hint, found.offset());
    }
}
