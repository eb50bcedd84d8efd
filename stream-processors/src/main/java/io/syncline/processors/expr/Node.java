package io.syncline.processors.expr;

import java.util.Map;
import java.util.function.Function;

/**
 * One compiled part of an expression: its type, how to compute its value from a document, and
 * whether it is a literal (a text literal compared with a date is read as a date, once).
 */
record Node(ValueType type, Function<Map<String, Object>, Object> evaluator, boolean literal) {

    Node(ValueType type, Function<Map<String, Object>, Object> evaluator) {
        this(type, evaluator, false);
    }

    Object eval(Map<String, Object> doc) {
        return evaluator.apply(doc);
    }
}
