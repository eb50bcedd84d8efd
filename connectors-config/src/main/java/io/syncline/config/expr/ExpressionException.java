package io.syncline.config.expr;

/**
 * Expression text that does not parse. The message says what was expected or what is wrong and
 * names the 0-based offset into the text ({@code expected ')' at offset 10, found end of text}).
 */
public final class ExpressionException extends Exception {

    private final int offset;

    public ExpressionException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** 0-based offset into the expression text where the problem is. */
    public int offset() {
        return offset;
    }
}
