package io.syncline.config;

import io.syncline.config.expr.Expr;
import java.util.List;
import java.util.Map;

/**
 * One step of a view's transforms, applied to each document in declared order. Field names are
 * paths: {@code email}, or {@code customer.email} inside a joined object, or {@code items.price}
 * in every element of a joined array.
 */
public sealed interface TransformSpec {

    /** Where the step is declared ({@code views[i].transforms[j]}). */
    SourceRef where();

    /** Keep only these fields (and the document's key fields). */
    record Include(List<String> fields, SourceRef where) implements TransformSpec {
    }

    /** Drop these fields. */
    record Exclude(List<String> fields, SourceRef where) implements TransformSpec {
    }

    /** Rename fields: old path -> new name (the field stays where it is), in declared order. */
    record Rename(Map<String, String> fields, SourceRef where) implements TransformSpec {
    }

    /** Redact these fields: a non-null value becomes {@code with} (the field becomes text). */
    record Mask(List<String> fields, String with, SourceRef where) implements TransformSpec {
        public static final String DEFAULT_MASK = "****";
    }

    /** Replace these fields by the lowercase hex SHA-256 of salt + value text (null stays null). */
    record Hash(List<String> fields, Secret salt, SourceRef where) implements TransformSpec {
    }

    /** Add (or replace) top-level fields computed by expressions over the document, in declared order. */
    record Compute(List<ComputedField> fields, SourceRef where) implements TransformSpec {
    }

    /** Keep the document only while the condition is true; a document that stops matching is deleted from the sinks. */
    record Filter(Expr condition, String text, SourceRef where) implements TransformSpec {
    }

    /** Move the fields of these joined objects to the top level as {@code <object>_<field>}. */
    record Flatten(List<String> fields, SourceRef where) implements TransformSpec {
    }

    /** One computed field: its name, the expression (parsed) and its text, and where it is declared. */
    record ComputedField(String name, Expr expression, String text, SourceRef where) {
    }
}
