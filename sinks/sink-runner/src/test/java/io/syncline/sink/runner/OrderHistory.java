package io.syncline.sink.runner;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A repeatable random history of order documents: creates, updates and deletes, versions rising per id. */
final class OrderHistory {
    static final String VIEW = "orders";
    static final ViewSchema SCHEMA = new ViewSchema(VIEW, List.of(
            new ViewField("id", FieldType.of(FieldKind.STRING, false, "text")),
            new ViewField("seq", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("amount", FieldType.decimal(10, 2, false, "numeric")),
            new ViewField("customer", FieldType.of(FieldKind.STRING, true, "text"))), List.of("id"));

    private OrderHistory() {
    }

    /** {@code records} changes of {@code ids} orders; about one in eight changes of an existing order deletes it. */
    static List<ViewRecord> generate(int records, int ids, long seed) {
        Random random = new Random(seed);
        Set<String> existing = new HashSet<>();
        List<ViewRecord> history = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            String id = "order-" + random.nextInt(ids);
            long version = 1_000L + i;
            if (existing.contains(id) && random.nextInt(8) == 0) {
                existing.remove(id);
                history.add(new ViewRecord(id, version, Op.DELETE, 1_700_000_000_000L + i, null));
            } else {
                Op op = existing.add(id) ? Op.CREATE : Op.UPDATE;
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("id", id);
                document.put("seq", (long) i);
                document.put("amount", BigDecimal.valueOf(random.nextInt(1_000_000), 2));
                document.put("customer", random.nextBoolean() ? "customer-" + random.nextInt(50) : null);
                history.add(new ViewRecord(id, version, op, 1_700_000_000_000L + i, document));
            }
        }
        return history;
    }

    /** What a version-guarded store holds after all of these records: the last version per id, by {@code view/id}. */
    static Map<String, FakeStore.Entry> finalState(List<ViewRecord> records, Predicate<String> includeId) {
        Map<String, FakeStore.Entry> state = new TreeMap<>();
        for (ViewRecord record : records) {
            if (includeId.test(record.id())) {
                state.put(VIEW + "/" + record.id(), new FakeStore.Entry(record.version(), record.document()));
            }
        }
        return state;
    }

    static Map<String, FakeStore.Entry> finalState(List<ViewRecord> records) {
        return finalState(records, id -> true);
    }
}
