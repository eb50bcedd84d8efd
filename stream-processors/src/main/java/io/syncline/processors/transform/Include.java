package io.syncline.processors.transform;

import io.syncline.view.ViewField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an include step keeps: {@code customer.name} keeps the customer object with only its
 * name, {@code customer} the whole object. A tree: field name to what to keep inside it.
 */
final class Include {
    private final Map<String, Include> children = new LinkedHashMap<>();
    private boolean whole;

    static Include of(List<FieldPath> paths, List<String> key) {
        Include root = new Include();
        key.forEach(k -> root.child(k).whole = true);
        for (FieldPath path : paths) {
            Include node = root;
            for (String name : path.names()) {
                node = node.child(name);
            }
            node.whole = true;
        }
        return root;
    }

    private Include child(String name) {
        return children.computeIfAbsent(name, n -> new Include());
    }

    List<ViewField> fields(List<ViewField> fields) {
        List<ViewField> kept = new ArrayList<>();
        for (ViewField field : fields) {
            Include inner = children.get(field.name());
            if (inner == null) {
                continue;
            }
            kept.add(inner.whole ? field : new ViewField(field.name(), FieldPath.withNestedFields(field.type(),
                    inner.fields(FieldPath.nestedFields(field.type()).orElseThrow()))));
        }
        return kept;
    }

    @SuppressWarnings("unchecked")
    void apply(Map<String, Object> doc) {
        doc.keySet().removeIf(name -> !children.containsKey(name));
        children.forEach((name, inner) -> {
            if (inner.whole) {
                return;
            }
            Object value = doc.get(name);
            if (value instanceof Map<?, ?> object) {
                inner.apply((Map<String, Object>) object);
            } else if (value instanceof List<?> list) {
                list.forEach(element -> {
                    if (element instanceof Map<?, ?> object) {
                        inner.apply((Map<String, Object>) object);
                    }
                });
            }
        });
    }
}
