package io.syncline.processors.expr;

import io.syncline.view.FieldKind;
import io.syncline.view.SpecialValue;
import java.math.BigDecimal;

/** The text of a value, as || and concat() join it. */
final class Text {
    private Text() {
    }

    /** @param type the value's type: a special value's text is PostgreSQL's for its kind ({@code NaN}, {@code -infinity}) */
    static String of(Object value, ValueType type) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof SpecialValue special) {
            return special.text(type.temporal() ? FieldKind.DATE : FieldKind.DECIMAL);
        }
        return String.valueOf(value);
    }
}
