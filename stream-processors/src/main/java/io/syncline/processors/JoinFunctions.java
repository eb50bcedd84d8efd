package io.syncline.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.config.JoinSpec;
import io.syncline.processors.expr.ValueOrder;
import io.syncline.processors.plan.JoinPlan;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The functions Kafka Streams' joins and aggregations call for one join: foreign-key extraction,
 * the joiners that embed a joined row or the children array, and the aggregator of children.
 */
final class JoinFunctions {
    private final JoinPlan join;
    private final Comparator<JsonNode> childOrder;

    JoinFunctions(JoinPlan join) {
        this.join = join;
        this.childOrder = childOrder(join);
    }

    /** ONE: the id of the joined row a record points to (null: none). */
    String foreignKey(byte[] record) {
        return Records.idOf(Records.columns(record, join.localColumns()), join.localColumns());
    }

    /** ONE: the record with the joined row (its selected fields) embedded, or null there when there is none. */
    byte[] embedOne(byte[] left, byte[] right) {
        ObjectNode record = Records.read(left);
        if (right == null) {
            Records.doc(record).putNull(join.name());
        } else {
            ObjectNode joined = Records.read(right);
            Records.doc(record).set(join.name(), project(Records.doc(joined)));
            Records.absorb(record, joined);
        }
        return Records.write(record);
    }

    /** MANY: the parent id a child points to (null: none). */
    String parentKey(byte[] child) {
        return Records.idOf(Records.columns(child, join.remoteColumns()), join.remoteColumns());
    }

    static byte[] emptyChildren() {
        return ChildRows.empty();
    }

    /** MANY aggregator: children by their id ({@link ChildRows}: adding one does not parse the others). */
    byte[] addChild(byte[] child, byte[] children) {
        return ChildRows.put(children, childId(child), child);
    }

    byte[] removeChild(byte[] child, byte[] children) {
        return ChildRows.remove(children, childId(child));
    }

    private String childId(byte[] record) {
        List<String> key = join.source().schema().key();
        return DocumentIds.of(Records.columns(record, key), key);
    }

    /** MANY: the record with its children embedded as an array in declared order (empty when none). */
    byte[] embedMany(byte[] parent, byte[] children) {
        ObjectNode record = Records.read(parent);
        List<JsonNode> rows = new ArrayList<>();
        if (children != null) {
            for (byte[] stored : ChildRows.records(children)) {
                JsonNode child = Records.read(stored);
                rows.add(child);
                Records.absorb(record, child);
            }
        }
        rows.sort(childOrder);
        ArrayNode array = Records.doc(record).putArray(join.name());
        rows.forEach(child -> array.add(project((ObjectNode) child.get("doc"))));
        return Records.write(record);
    }

    /** The selected columns of a joined row, then what was joined into it. */
    private ObjectNode project(ObjectNode row) {
        ObjectNode object = Records.NODES.objectNode();
        join.fields().forEach(field -> object.set(field, row.get(field)));
        join.joins().forEach(nested -> object.set(nested.name(), row.get(nested.name())));
        return object;
    }

    /**
     * Declared sort keys, then the child's primary key; values compared by type, NaN and infinities
     * as in PostgreSQL ({@link ValueOrder}); nulls last ascending, as in PostgreSQL.
     */
    private static Comparator<JsonNode> childOrder(JoinPlan join) {
        ViewSchema schema = join.source().schema();
        List<JoinSpec.SortKey> keys = new ArrayList<>(join.orderBy());
        schema.key().forEach(column -> keys.add(new JoinSpec.SortKey(column, false)));
        Comparator<JsonNode> order = (a, b) -> 0;
        for (JoinSpec.SortKey key : keys) {
            FieldType type = schema.field(key.column()).orElseThrow().type();
            Comparator<Object> values = ValueOrder::compare;
            // PostgreSQL's defaults: ASC NULLS LAST, DESC NULLS FIRST.
            Comparator<Object> direction = key.descending() ? Comparator.nullsLast(values).reversed()
                    : Comparator.nullsLast(values);
            order = order.thenComparing(child -> FieldValues.fromJson(child.get("doc").get(key.column()), type), direction);
        }
        return order;
    }
}
