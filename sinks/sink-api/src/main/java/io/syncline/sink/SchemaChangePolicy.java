package io.syncline.sink;

import io.syncline.view.SchemaDiff;
import io.syncline.view.TypeChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a sink does when a view's fields change while the pipeline runs (connection option
 * {@value #OPTION_NAME}, the same for every sink type). Added fields and widened types are applied
 * under every policy; the policy decides about fields that are gone (dropped columns, and the old
 * name of a renamed column: a rename is a drop and an add) and narrowed types. A type the target
 * cannot hold in place (text → int) stops the sink under every policy: never a silently wrong value.
 */
public enum SchemaChangePolicy {
    /** The old field or column stays with the values it has; documents written later lack it (NULL in a table). */
    KEEP("keep"),
    /** The old column is dropped (ClickHouse DROP COLUMN); documents written later lack the field. */
    DROP("drop"),
    /** The sink stops with a message saying what changed and what to do. */
    FAIL("fail");

    public static final String OPTION_NAME = "schemaChanges";
    public static final ConnectionOption OPTION = ConnectionOption.choice(OPTION_NAME, List.of("keep", "drop", "fail"), "keep",
            "When a view's fields change while running (added fields and widened types are always applied): keep the"
                    + " fields or columns of dropped or renamed columns, drop them, or fail (stop the sink). Incompatible"
                    + " type changes always stop the sink.");

    private final String option;

    SchemaChangePolicy(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    /** The policy in a sink's connection options ({@link #KEEP} when not given). */
    public static SchemaChangePolicy of(Map<String, String> connection) {
        String value = connection.get(OPTION_NAME);
        for (SchemaChangePolicy policy : values()) {
            if (policy.option.equals(value == null ? KEEP.option : value)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("connection." + OPTION_NAME + " must be keep, drop or fail, not '" + value + "'");
    }

    /** The problem with the option's value, for a factory's {@code validate}; empty when it is fine or not given. */
    public static Optional<SinkProblem> problem(Map<String, String> connection) {
        try {
            of(connection);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new SinkProblem("connection." + OPTION_NAME,
                    "must be keep, drop or fail, not '" + connection.get(OPTION_NAME) + "'"));
        }
    }

    /**
     * Why sink {@code sink} cannot take these changes to a view it writes to {@code target}, and
     * what to do; empty when it goes on.
     */
    public Optional<String> refusal(String sink, String target, SchemaDiff diff) {
        List<String> reasons = new ArrayList<>();
        diff.retyped(TypeChange.INCOMPATIBLE).forEach(r -> reasons.add("field " + r.name() + " changed from "
                + SchemaDiff.describe(r.from()) + " to " + SchemaDiff.describe(r.to()) + ", which " + target
                + " cannot hold in place"));
        if (this == FAIL) {
            diff.dropped().forEach(f -> reasons.add("field " + f.name() + " is gone (its column was dropped or renamed)"));
            diff.retyped(TypeChange.NARROWED).forEach(r -> reasons.add("field " + r.name() + " narrowed from "
                    + SchemaDiff.describe(r.from()) + " to " + SchemaDiff.describe(r.to())));
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        boolean incompatible = !diff.retyped(TypeChange.INCOMPATIBLE).isEmpty();
        return Optional.of("sink " + sink + ", view " + diff.view() + " (" + target + "): " + String.join("; ", reasons)
                + (incompatible
                ? ". Rebuild the target: drop " + target + " and restart once with source.snapshot: always (the sink"
                        + " creates it with the new types and the snapshot fills it)"
                : ". " + OPTION_NAME + " is fail: change " + target + " yourself and restart, or set "
                        + OPTION_NAME + ": keep or drop"));
    }
}
