package io.syncline.processors.expr;

import java.math.BigDecimal;

/** The text of a value, as || and concat() join it. */
final class Text {
    private Text() {
    }

    static String of(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }
}
