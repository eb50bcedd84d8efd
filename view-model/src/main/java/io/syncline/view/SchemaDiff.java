package io.syncline.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What changed in a view's fields between two schemas: fields added, fields gone (dropped, or the
 * old name of a renamed column: a rename is a drop and an add) and fields whose type changed, each
 * with its {@link TypeChange}. Field order does not count.
 */
public record SchemaDiff(String view, List<ViewField> added, List<ViewField> dropped, List<Retyped> retyped) {

    /** A field whose type changed. */
    public record Retyped(String name, FieldType from, FieldType to, TypeChange change) {
    }

    public SchemaDiff {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
        retyped = List.copyOf(retyped);
    }

    public static SchemaDiff of(ViewSchema from, ViewSchema to) {
        Map<String, FieldType> old = from.types();
        Map<String, FieldType> now = to.types();
        List<ViewField> added = new ArrayList<>();
        List<Retyped> retyped = new ArrayList<>();
        for (ViewField field : to.fields()) {
            FieldType before = old.get(field.name());
            if (before == null) {
                added.add(field);
            } else if (!before.equals(field.type())) {
                retyped.add(new Retyped(field.name(), before, field.type(), TypeChange.of(before, field.type())));
            }
        }
        List<ViewField> dropped = from.fields().stream().filter(f -> !now.containsKey(f.name())).toList();
        return new SchemaDiff(to.view(), added, dropped, retyped);
    }

    /** True when no store has anything to do: nothing added or dropped, every type change {@link TypeChange#SAME}. */
    public boolean isEmpty() {
        return added.isEmpty() && dropped.isEmpty() && retyped.stream().allMatch(r -> r.change() == TypeChange.SAME);
    }

    /** The changes of one kind. */
    public List<Retyped> retyped(TypeChange change) {
        return retyped.stream().filter(r -> r.change() == change).toList();
    }

    /** One line: {@code view orders: added note (STRING), dropped legacy (INT32), amount INT32 → INT64 (widened)}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        added.forEach(f -> parts.add("added " + f.name() + " (" + describe(f.type()) + ")"));
        dropped.forEach(f -> parts.add("dropped " + f.name() + " (" + describe(f.type()) + ")"));
        retyped.stream().filter(r -> r.change() != TypeChange.SAME).forEach(r -> parts.add(r.name() + " "
                + describe(r.from()) + " → " + describe(r.to()) + " (" + r.change().name().toLowerCase() + ")"));
        return "view " + view + ": " + (parts.isEmpty() ? "no field changes" : String.join(", ", parts));
    }

    /** A type as the source names it, e.g. {@code int4}, {@code numeric(12,2)}, {@code _text}. */
    public static String describe(FieldType type) {
        String name = type.sourceType() == null ? type.kind().name() : type.sourceType();
        if (type.kind() == FieldKind.DECIMAL && type.precision() > 0) {
            name += "(" + type.precision() + "," + type.scale() + ")";
        }
        return name + (type.nullable() ? "" : " not null");
    }
}
