package io.syncline.processors.expr;

import static io.syncline.view.SpecialValue.NAN;
import static io.syncline.view.SpecialValue.NEGATIVE_INFINITY;
import static io.syncline.view.SpecialValue.POSITIVE_INFINITY;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.expr.ExpressionParser;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.SpecialValue;
import io.syncline.view.ViewField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numeric NaN/±Infinity, float specials and date/timestamp ±infinity in expressions: PostgreSQL's results, never an exception. */
class SpecialValueExpressionsTest {
    private static final List<ViewField> FIELDS = List.of(
            new ViewField("qty", FieldType.of(FieldKind.INT32, true, "int4")),
            new ViewField("n", FieldType.decimal(0, 0, true, "numeric")),
            new ViewField("m", FieldType.decimal(0, 0, true, "numeric")),
            new ViewField("f", FieldType.of(FieldKind.FLOAT64, true, "float8")),
            new ViewField("day", FieldType.of(FieldKind.DATE, true, "date")),
            new ViewField("ts", FieldType.of(FieldKind.TIMESTAMP, true, "timestamp")),
            new ViewField("tz", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz")));

    private static Object eval(String text, Object... fieldsAndValues) throws Exception {
        Map<String, Object> doc = new HashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            doc.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        ExpressionCompiler.Result result = ExpressionCompiler.compile(ExpressionParser.parse(text), FIELDS);
        assertThat(result.problems()).as(text).isEmpty();
        return result.expression().orElseThrow().evaluateOrNull(doc);
    }

    private static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }

    @Test
    void numericArithmeticFollowsPostgres() throws Exception {
        assertThat(eval("n + 1", "n", NAN)).isEqualTo(NAN);
        assertThat(eval("qty * n", "n", NAN, "qty", 0)).isEqualTo(NAN);
        assertThat(eval("n + 1", "n", POSITIVE_INFINITY)).isEqualTo(POSITIVE_INFINITY);
        assertThat(eval("1 - n", "n", POSITIVE_INFINITY)).isEqualTo(NEGATIVE_INFINITY);
        assertThat(eval("n + m", "n", POSITIVE_INFINITY, "m", NEGATIVE_INFINITY)).isEqualTo(NAN);
        assertThat(eval("n - m", "n", POSITIVE_INFINITY, "m", NEGATIVE_INFINITY)).isEqualTo(POSITIVE_INFINITY);
        assertThat(eval("n * m", "n", NEGATIVE_INFINITY, "m", dec("-2.5"))).isEqualTo(POSITIVE_INFINITY);
        assertThat(eval("n * m", "n", NEGATIVE_INFINITY, "m", dec("0"))).isEqualTo(NAN);
        assertThat(eval("m / n", "n", NEGATIVE_INFINITY, "m", dec("7.5"))).isEqualTo(BigDecimal.ZERO);
        assertThat(eval("n / m", "n", NEGATIVE_INFINITY, "m", dec("-2"))).isEqualTo(POSITIVE_INFINITY);
        assertThat(eval("n / m", "n", POSITIVE_INFINITY, "m", POSITIVE_INFINITY)).isEqualTo(NAN);
        assertThat(eval("n / 0", "n", POSITIVE_INFINITY)).as("division by zero").isNull();
        assertThat(eval("n / 0", "n", NAN)).as("NaN first, as PostgreSQL").isEqualTo(NAN);
        assertThat(eval("n % 3", "n", POSITIVE_INFINITY)).isEqualTo(NAN);
        assertThat(eval("m % n", "n", NEGATIVE_INFINITY, "m", dec("7.5"))).isEqualTo(dec("7.5"));
        assertThat(eval("-n", "n", NEGATIVE_INFINITY)).isEqualTo(POSITIVE_INFINITY);
        assertThat(eval("-n", "n", NAN)).isEqualTo(NAN);
        assertThat(eval("n + 1", "n", dec("1.5"))).as("ordinary values unchanged").isEqualTo(dec("2.5"));
    }

    @Test
    void withFloatingPointANumericSpecialIsTheDoubleItself() throws Exception {
        assertThat(eval("n + f", "n", POSITIVE_INFINITY, "f", 1.5)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(eval("n * f", "n", NAN, "f", 1.5)).isEqualTo(Double.NaN);
        assertThat(eval("f / 0", "f", Double.NaN)).isEqualTo(Double.NaN);
        assertThat(eval("f / 0", "f", 1.0)).isNull();
        assertThat(eval("coalesce(n, f)", "n", NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(eval("coalesce(n, m)", "n", NAN)).isEqualTo(NAN);
    }

    @Test
    void comparisonsOrderNanAboveInfinityAboveEveryNumber() throws Exception {
        assertThat(eval("n = m", "n", NAN, "m", NAN)).isEqualTo(true);
        assertThat(eval("n > m", "n", NAN, "m", POSITIVE_INFINITY)).isEqualTo(true);
        assertThat(eval("n > 1000000", "n", POSITIVE_INFINITY)).isEqualTo(true);
        assertThat(eval("n < -1000000", "n", NEGATIVE_INFINITY)).isEqualTo(true);
        assertThat(eval("n != 1", "n", NAN)).isEqualTo(true);
        assertThat(eval("n = f", "n", NAN, "f", Double.NaN)).isEqualTo(true);
        assertThat(eval("n < f", "n", POSITIVE_INFINITY, "f", Double.NaN)).isEqualTo(true);
        assertThat(eval("f > 1", "f", Double.NaN)).isEqualTo(true);
        assertThat(eval("f = n", "f", -0.0, "n", dec("0"))).isEqualTo(true);
        assertThat(eval("f < 0", "f", Double.NEGATIVE_INFINITY)).isEqualTo(true);
    }

    @Test
    void infiniteDatesAndTimestampsSortAtTheEnds() throws Exception {
        assertThat(eval("day > '9999-12-31'", "day", POSITIVE_INFINITY)).isEqualTo(true);
        assertThat(eval("day < '0001-01-01'", "day", NEGATIVE_INFINITY)).isEqualTo(true);
        assertThat(eval("day = 'infinity'", "day", POSITIVE_INFINITY)).isEqualTo(true);
        assertThat(eval("day = '-infinity'", "day", POSITIVE_INFINITY)).isEqualTo(false);
        assertThat(eval("day < 'infinity'", "day", LocalDate.of(5874897, 12, 31))).isEqualTo(true);
        assertThat(eval("ts >= '2026-01-01T00:00:00'", "ts", NEGATIVE_INFINITY)).isEqualTo(false);
        assertThat(eval("tz > '2026-01-01T00:00:00Z'", "tz", POSITIVE_INFINITY)).isEqualTo(true);
        assertThat(eval("tz = '-infinity'", "tz", Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(false);
    }

    @Test
    void functionsOfSpecialValues() throws Exception {
        assertThat(eval("abs(n)", "n", NEGATIVE_INFINITY)).isEqualTo(POSITIVE_INFINITY);
        assertThat(eval("abs(n)", "n", NAN)).isEqualTo(NAN);
        assertThat(eval("abs(f)", "f", Double.NEGATIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(eval("abs(f)", "f", -2.5)).isEqualTo(2.5);
        assertThat(eval("round(n, 2)", "n", NAN)).isEqualTo(NAN);
        assertThat(eval("round(n)", "n", NEGATIVE_INFINITY)).isEqualTo(NEGATIVE_INFINITY);
        assertThat(eval("round(f)", "f", Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(eval("year(day)", "day", POSITIVE_INFINITY)).isNull();
        assertThat(eval("day_of_week(ts)", "ts", NEGATIVE_INFINITY)).isNull();
        assertThat(eval("year(day)", "day", LocalDate.of(5874897, 12, 31))).isEqualTo(5874897L);
        assertThat(eval("date(ts)", "ts", NEGATIVE_INFINITY)).isEqualTo(NEGATIVE_INFINITY);
        assertThat(eval("date(tz)", "tz", POSITIVE_INFINITY)).isEqualTo(POSITIVE_INFINITY);
        assertThat(eval("date(ts)", "ts", LocalDateTime.of(-4712, 1, 1, 10, 0))).isEqualTo(LocalDate.of(-4712, 1, 1));
    }

    @Test
    void theTextOfASpecialValueIsPostgresText() throws Exception {
        assertThat(eval("'price ' || n", "n", NAN)).isEqualTo("price NaN");
        assertThat(eval("concat(n, '/', m)", "n", NEGATIVE_INFINITY, "m", POSITIVE_INFINITY)).isEqualTo("-Infinity/Infinity");
        assertThat(eval("concat(day, ' ', ts, ' ', tz)", "day", NEGATIVE_INFINITY, "ts", POSITIVE_INFINITY, "tz", NEGATIVE_INFINITY))
                .isEqualTo("-infinity infinity -infinity");
        assertThat(eval("upper(day || '')", "day", POSITIVE_INFINITY)).isEqualTo("INFINITY");
        assertThat(eval("length(n)", "n", NAN)).isEqualTo(3L);
        assertThat(eval("f || ''", "f", Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void valueOrderIsPostgresOrder() {
        List<Object> sorted = new java.util.ArrayList<>(List.of(NAN, dec("2.5"), POSITIVE_INFINITY, 1L, NEGATIVE_INFINITY,
                Double.NaN, 2.0, Double.NEGATIVE_INFINITY));
        sorted.sort(ValueOrder::compare);
        assertThat(sorted.subList(0, 2)).containsOnly(NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(sorted.subList(2, 5)).containsExactly(1L, 2.0, dec("2.5"));
        assertThat(sorted.get(5)).isEqualTo(POSITIVE_INFINITY);
        assertThat(sorted.subList(6, 8)).containsOnly(NAN, Double.NaN);
        assertThat(ValueOrder.compare(SpecialValue.NEGATIVE_INFINITY, LocalDate.of(-4713, 11, 24))).isNegative();
        assertThat(ValueOrder.compare(Instant.parse("+294276-12-31T23:59:59Z"), SpecialValue.POSITIVE_INFINITY)).isNegative();
        assertThat(ValueOrder.compare(-0.0, 0.0)).isZero();
    }
}
