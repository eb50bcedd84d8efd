package io.syncline.sink.clickhouse;

import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.FieldValues;
import io.syncline.view.SpecialValue;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Values a field's ClickHouse column cannot hold, kept beside it rather than bent or dropped: a
 * non-key DECIMAL, DATE, TIMESTAMP or TIMESTAMP_TZ field has a companion column
 * {@code <field>__special Nullable(String)}, and its own column is always {@code Nullable}. A
 * value the column holds exactly goes there (companion NULL); one it cannot — numeric
 * {@code NaN}/{@code ±Infinity}, a numeric with more digits than the column's {@code Decimal(P, S)},
 * date/timestamp {@code ±infinity}, a date or timestamp outside 1900..2299 — is NULL there and its
 * exact text (as on the view topic: {@code NaN}, {@code -infinity}, {@code +5874897-12-31},
 * every digit of the numeric) in the companion. So {@code sum(price)} never counts a made-up 0,
 * and {@code WHERE price__special = 'NaN'} finds what PostgreSQL holds.
 * <p>
 * Key columns and array elements have no companion: such a value there is rejected (dead-lettered).
 */
final class SpecialColumns {
    static final String SUFFIX = "__special";
    static final String TYPE = "Nullable(String)";
    private static final Set<FieldKind> KINDS = Set.of(FieldKind.DECIMAL, FieldKind.DATE, FieldKind.TIMESTAMP,
            FieldKind.TIMESTAMP_TZ);

    private SpecialColumns() {
    }

    static boolean has(ViewField field, ViewSchema schema) {
        return KINDS.contains(field.type().kind()) && !schema.key().contains(field.name());
    }

    static String name(ViewField field) {
        return field.name() + SUFFIX;
    }

    /** The text for the companion column, or null when the field's own column holds the value exactly. */
    static String text(Object value, FieldType type) {
        if (value == null) {
            return null;
        }
        if (value instanceof SpecialValue special) {
            return special.text(type.kind());
        }
        boolean fits = switch (type.kind()) {
            case DECIMAL -> value instanceof BigDecimal d && fitsDecimal(d, TableDdl.decimalType(type));
            case DATE -> value instanceof LocalDate d && inRange(d);
            case TIMESTAMP -> value instanceof LocalDateTime t && inRange(t.toLocalDate());
            case TIMESTAMP_TZ -> value instanceof Instant i && inRange(LocalDateTime.ofInstant(i, ZoneOffset.UTC).toLocalDate());
            default -> true;
        };
        // A value of the wrong Java type "fits" here, so that the column conversion names the problem.
        return fits || !(value instanceof BigDecimal || value instanceof java.time.temporal.Temporal)
                ? null : FieldValues.toJson(value, type).asText();
    }

    private static boolean fitsDecimal(BigDecimal value, TableDdl.DecimalType column) {
        try {
            return value.setScale(column.scale(), RoundingMode.UNNECESSARY).precision() <= column.precision();
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static boolean inRange(LocalDate date) {
        return !date.isBefore(ClickHouseValues.MIN_DATE) && !date.isAfter(ClickHouseValues.MAX_DATE);
    }
}
