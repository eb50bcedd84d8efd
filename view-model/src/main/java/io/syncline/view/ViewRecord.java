package io.syncline.view;

import java.util.Map;
import java.util.Objects;

/**
 * One document version of a view: its id, its version (derived from the source LSN, monotone
 * per id in commit order), the op, the source commit time, and the document (null for a delete).
 * Document values have the Java types {@link FieldKind} names.
 */
public record ViewRecord(String id, long version, Op op, long sourceTimestampMs, Map<String, Object> document) {

    public ViewRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(op, "op");
        if ((op == Op.DELETE) != (document == null)) {
            throw new IllegalArgumentException("a delete has no document, every other op has one");
        }
    }

    public boolean isDelete() {
        return op == Op.DELETE;
    }
}
