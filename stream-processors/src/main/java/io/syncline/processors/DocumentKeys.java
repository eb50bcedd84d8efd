package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.config.TableName;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.Op;
import io.syncline.view.ViewSchema;
import java.util.Optional;

/**
 * A table's change events as document ids of one view (or joined table's rows).
 *
 * <p>Change topics are keyed by the primary key, and Debezium turns a primary-key update into a
 * delete of the old key and a create of the new one. A view keyed by other columns (a declared
 * {@code key}) sees a change of those columns as an ordinary update instead: the old document's id
 * comes from the update's before image, which has the key columns only when the table's REPLICA
 * IDENTITY covers them (FULL, or USING INDEX on an index of them). So does a delete's id. A change
 * whose before image lacks them is refused with the fix, never written under a guessed id.
 */
final class DocumentKeys {
    private final String name;
    private final TableName table;
    private final ViewSchema schema;

    DocumentKeys(String name, TableName table, ViewSchema schema) {
        this.name = name;
        this.table = table;
        this.schema = schema;
    }

    /** The id of the document the change leaves (a delete's) or writes (the after image's). */
    String id(ChangeEvent event, JsonNode changeKey) {
        if (event.op() == Op.DELETE) {
            return beforeId(event, changeKey);
        }
        return id(event.after(), "after image");
    }

    /**
     * For an update of a view keyed by columns the change event's key does not hold: the id the
     * document had before, when the update changed the key's value; else empty.
     */
    Optional<String> previousId(ChangeEvent event, JsonNode changeKey, String id) {
        if (event.op() != Op.UPDATE || coveredBy(changeKey)) {
            return Optional.empty();
        }
        String before = beforeId(event, changeKey);
        return before.equals(id) ? Optional.empty() : Optional.of(before);
    }

    private String beforeId(ChangeEvent event, JsonNode changeKey) {
        JsonNode before = event.before();
        if (before != null && schema.key().stream().allMatch(before::hasNonNull)) {
            return id(before, "before image");
        }
        if (coveredBy(changeKey)) {
            return id(changeKey, "key"); // the row's identity, which a delete's before image always has too
        }
        String missing = schema.key().stream().filter(c -> before == null || !before.hasNonNull(c)).findFirst().orElseThrow();
        throw new IllegalArgumentException("view " + name + ": " + (event.op() == Op.DELETE ? "a delete" : "an update")
                + " of " + table + " has no old value of the view's key column '" + missing + "': the table's"
                + " REPLICA IDENTITY does not cover the view's key (" + String.join(", ", schema.key())
                + "), so the document to change cannot be known. Run ALTER TABLE " + table
                + " REPLICA IDENTITY FULL (or USING INDEX on a unique index of the key columns); documents changed"
                + " before that need a new snapshot of the view");
    }

    /** Whether the change event's key holds every key column of the view (then key changes arrive as delete + create). */
    private boolean coveredBy(JsonNode changeKey) {
        if (changeKey == null || !changeKey.isObject()) {
            return false;
        }
        return schema.key().stream().allMatch(changeKey::has);
    }

    /** The id from the key columns' values as documents carry them, so joins find rows by the same text. */
    private String id(JsonNode row, String image) {
        if (row == null || row.isNull()) {
            throw new IllegalArgumentException("view " + name + ": a change of " + table + " has no " + image);
        }
        ObjectNode key = Records.NODES.objectNode();
        for (String column : schema.key()) {
            FieldType type = schema.field(column).orElseThrow().type();
            key.set(column, FieldValues.toJson(DebeziumValues.convert(row.get(column), type), type));
        }
        return DocumentIds.of(key, schema.key());
    }
}
