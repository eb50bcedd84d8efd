package io.syncline.processors.transform;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A dotted field path ({@code email}, {@code customer.email}, {@code items.price}) and how to
 * change the field it names, in a schema and in documents. Inside an array of objects the change
 * applies to every element.
 */
record FieldPath(List<String> names) {

    static FieldPath parse(String dotted) {
        return new FieldPath(List.of(dotted.split("\\.")));
    }

    String dotted() {
        return String.join(".", names);
    }

    String leaf() {
        return names.get(names.size() - 1);
    }

    boolean topLevel() {
        return names.size() == 1;
    }

    /** Why the path names no field of {@code fields}, if it does not. */
    Optional<String> problemIn(List<ViewField> fields) {
        List<ViewField> level = fields;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Optional<ViewField> field = level.stream().filter(f -> f.name().equals(name)).findFirst();
            if (field.isEmpty()) {
                return Optional.of("unknown field '" + dotted() + "' (" + (i == 0 ? "fields" : "fields of "
                        + String.join(".", names.subList(0, i))) + ": "
                        + level.stream().map(ViewField::name).collect(Collectors.joining(", ")) + ")");
            }
            if (i < names.size() - 1) {
                Optional<List<ViewField>> nested = nestedFields(field.get().type());
                if (nested.isEmpty()) {
                    return Optional.of("'" + String.join(".", names.subList(0, i + 1)) + "' has no fields, so '"
                            + dotted() + "' does not exist");
                }
                level = nested.get();
            }
        }
        return Optional.empty();
    }

    /** The fields of an object, or of the objects of an array. */
    static Optional<List<ViewField>> nestedFields(FieldType type) {
        if (type.kind() == FieldKind.OBJECT) {
            return Optional.of(type.fields());
        }
        if (type.kind() == FieldKind.ARRAY && type.element().kind() == FieldKind.OBJECT) {
            return Optional.of(type.element().fields());
        }
        return Optional.empty();
    }

    /** The schema with the named field replaced by {@code change} (null: removed). The path must exist. */
    List<ViewField> changeField(List<ViewField> fields, UnaryOperator<ViewField> change) {
        return changeField(fields, 0, change);
    }

    private List<ViewField> changeField(List<ViewField> fields, int depth, UnaryOperator<ViewField> change) {
        List<ViewField> result = new ArrayList<>(fields.size());
        for (ViewField field : fields) {
            if (!field.name().equals(names.get(depth))) {
                result.add(field);
            } else if (depth == names.size() - 1) {
                ViewField changed = change.apply(field);
                if (changed != null) {
                    result.add(changed);
                }
            } else {
                result.add(new ViewField(field.name(), withNestedFields(field.type(),
                        changeField(nestedFields(field.type()).orElseThrow(), depth + 1, change))));
            }
        }
        return result;
    }

    static FieldType withNestedFields(FieldType type, List<ViewField> fields) {
        if (type.kind() == FieldKind.OBJECT) {
            return FieldType.object(fields, type.nullable(), type.sourceType());
        }
        return FieldType.array(withNestedFields(type.element(), fields), type.nullable(), type.sourceType());
    }

    /** What a document change does to the field's map: given the map holding the field, change it in place. */
    interface Change {
        void apply(Map<String, Object> holder, String name);
    }

    /** Applies {@code change} to the map that holds the named field, in every element of arrays on the way. */
    void changeValue(Map<String, Object> doc, Change change) {
        changeValue(doc, 0, change);
    }

    @SuppressWarnings("unchecked")
    private void changeValue(Map<String, Object> holder, int depth, Change change) {
        String name = names.get(depth);
        if (depth == names.size() - 1) {
            if (holder.containsKey(name)) {
                change.apply(holder, name);
            }
            return;
        }
        Object value = holder.get(name);
        if (value instanceof Map<?, ?> object) {
            changeValue((Map<String, Object>) object, depth + 1, change);
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?> object) {
                    changeValue((Map<String, Object>) object, depth + 1, change);
                }
            }
        }
    }

    /** Renames a key of a map in place, keeping the order of the keys. */
    static void renameKey(Map<String, Object> holder, String from, String to) {
        Map<String, Object> copy = new LinkedHashMap<>(holder);
        holder.clear();
        copy.forEach((k, v) -> holder.put(k.equals(from) ? to : k, v));
    }
}
