package io.syncline.processors.expr;

import java.util.Map;
import java.util.function.Function;

/** One compiled part of an expression: its type, and how to compute its value from a document. */
record Node(ValueType type, Function<Map<String, Object>, Object> evaluator) {

    Object eval(Map<String, Object> doc) {
        return evaluator.apply(doc);
    }
}
