package io.syncline.config.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Splits expression text into tokens; the last one is always {@link Kind#END}. */
final class ExpressionLexer {

    enum Kind {
        /** Digits, optionally with a fraction: {@code 12}, {@code 0.5}. */
        NUMBER,
        /** {@code 'text'}; {@code value} has the quotes removed and {@code ''} undone. */
        TEXT,
        /** A plain name or keyword: {@code [A-Za-z_][A-Za-z0-9_]*}. */
        WORD,
        /** A {@code "double quoted"} name; {@code value} has the quotes removed and {@code ""} undone. */
        QUOTED_NAME,
        /** An operator or punctuation: {@code ( ) , . = != <> < <= > >= || + - * / %}. */
        SYMBOL,
        END
    }

    /** {@code source}: the token as written, for messages. */
    record Token(Kind kind, String value, String source, int offset) {

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && value.equals(symbol);
        }

        boolean isKeyword(String keyword) {
            return kind == Kind.WORD && value.equalsIgnoreCase(keyword);
        }

        boolean isAnyKeyword() {
            return kind == Kind.WORD && KEYWORDS.contains(value.toLowerCase(Locale.ROOT));
        }

        /** For "found ..." in messages. */
        String describe() {
            return kind == Kind.END ? "end of text" : "'" + source + "'";
        }
    }

    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "is", "null", "true", "false");
    private static final List<String> SYMBOLS =
            List.of("!=", "<>", "<=", ">=", "||", "(", ")", ",", ".", "=", "<", ">", "+", "-", "*", "/", "%");

    private final String text;
    private int at;

    private ExpressionLexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) throws ExpressionException {
        ExpressionLexer lexer = new ExpressionLexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    private Token next() throws ExpressionException {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        int start = at;
        if (at == text.length()) {
            return new Token(Kind.END, "", "", start);
        }
        char c = text.charAt(at);
        if (isDigit(c)) {
            return number(start);
        }
        if (isNameStart(c)) {
            while (at < text.length() && isNamePart(text.charAt(at))) {
                at++;
            }
            return token(Kind.WORD, text.substring(start, at), start);
        }
        if (c == '\'') {
            return quoted(Kind.TEXT, '\'', "unterminated text at offset " + start + ": missing closing '");
        }
        if (c == '"') {
            Token name = quoted(Kind.QUOTED_NAME, '"', "unterminated quoted name at offset " + start + ": missing closing \"");
            if (name.value().isEmpty()) {
                throw new ExpressionException("empty quoted name at offset " + start, start);
            }
            return name;
        }
        if (text.startsWith("==", at)) {
            throw new ExpressionException("'==' at offset " + start + ": write = to compare", start);
        }
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, at)) {
                at += symbol.length();
                return token(Kind.SYMBOL, symbol, start);
            }
        }
        throw new ExpressionException("unexpected character '" + c + "' at offset " + start + hint(c), start);
    }

    private static String hint(char c) {
        return switch (c) {
            case '!' -> " (write != or <> for not equal, NOT for negation)";
            case '&' -> " (write AND)";
            default -> "";
        };
    }

    private Token number(int start) throws ExpressionException {
        skipDigits();
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            if (at == text.length() || !isDigit(text.charAt(at))) {
                throw new ExpressionException("expected a digit after the decimal point at offset " + at, at);
            }
            skipDigits();
        }
        return token(Kind.NUMBER, text.substring(start, at), start);
    }

    private void skipDigits() {
        while (at < text.length() && isDigit(text.charAt(at))) {
            at++;
        }
    }

    /** Text between {@code quote}s, where a doubled quote stands for one. */
    private Token quoted(Kind kind, char quote, String unterminated) throws ExpressionException {
        int start = at++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at == text.length()) {
                throw new ExpressionException(unterminated, start);
            }
            char c = text.charAt(at++);
            if (c != quote) {
                value.append(c);
            } else if (at < text.length() && text.charAt(at) == quote) {
                value.append(quote);
                at++;
            } else {
                return new Token(kind, value.toString(), text.substring(start, at), start);
            }
        }
    }

    private Token token(Kind kind, String value, int start) {
        return new Token(kind, value, text.substring(start, at), start);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
