package io.syncline.sink.clickhouse;

import io.syncline.view.TypeChange;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a ClickHouse column's type compares with the type a view field now needs, both as
 * {@code system.columns} spells them. {@link TypeChange#WIDENED} only where {@code MODIFY COLUMN}
 * converts every stored value exactly: a wider integer, Float32 → Float64, a Decimal with at least
 * as many integer and fraction digits, T → Nullable(T), and these inside Array and Nullable.
 */
final class ColumnTypeChange {
    private static final List<String> INTEGERS = List.of("Int8", "Int16", "Int32", "Int64");
    private static final List<String> FLOATS = List.of("Float32", "Float64");
    private static final Pattern DECIMAL = Pattern.compile("Decimal\\((\\d+),(\\d+)\\)");

    private ColumnTypeChange() {
    }

    static TypeChange of(String actual, String wanted) {
        String from = actual.replace(" ", "");
        String to = wanted.replace(" ", "");
        if (from.equals(to)) {
            return TypeChange.SAME;
        }
        boolean fromNullable = from.startsWith("Nullable(");
        boolean toNullable = to.startsWith("Nullable(");
        if (fromNullable || toNullable) {
            TypeChange inner = of(fromNullable ? unwrap(from) : from, toNullable ? unwrap(to) : to);
            // A nullable column holds the non-null values too; a non-nullable one must widen to take NULL.
            return inner == TypeChange.SAME && toNullable && !fromNullable ? TypeChange.WIDENED : inner;
        }
        if (from.startsWith("Array(") && to.startsWith("Array(")) {
            return of(unwrap(from), unwrap(to));
        }
        TypeChange ordered = ordered(INTEGERS, from, to);
        if (ordered == null) {
            ordered = ordered(FLOATS, from, to);
        }
        if (ordered != null) {
            return ordered;
        }
        Matcher a = DECIMAL.matcher(from);
        Matcher b = DECIMAL.matcher(to);
        if (a.matches() && b.matches()) {
            int fromScale = Integer.parseInt(a.group(2));
            int toScale = Integer.parseInt(b.group(2));
            int integerDigits = Integer.compare(Integer.parseInt(b.group(1)) - toScale, Integer.parseInt(a.group(1)) - fromScale);
            int fractionDigits = Integer.compare(toScale, fromScale);
            return integerDigits >= 0 && fractionDigits >= 0 ? TypeChange.WIDENED
                    : integerDigits <= 0 && fractionDigits <= 0 ? TypeChange.NARROWED : TypeChange.INCOMPATIBLE;
        }
        return TypeChange.INCOMPATIBLE;
    }

    private static TypeChange ordered(List<String> widths, String from, String to) {
        int a = widths.indexOf(from);
        int b = widths.indexOf(to);
        if (a < 0 || b < 0) {
            return null;
        }
        return b > a ? TypeChange.WIDENED : TypeChange.NARROWED;
    }

    private static String unwrap(String type) {
        return type.substring(type.indexOf('(') + 1, type.length() - 1);
    }
}
