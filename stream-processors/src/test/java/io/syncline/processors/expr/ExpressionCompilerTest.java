package io.syncline.processors.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.expr.ExpressionParser;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionCompilerTest {
    private static final List<ViewField> FIELDS = List.of(
            new ViewField("qty", FieldType.of(FieldKind.INT32, true, "int4")),
            new ViewField("price", FieldType.decimal(10, 2, true, "numeric")),
            new ViewField("ratio", FieldType.of(FieldKind.FLOAT64, true, "float8")),
            new ViewField("status", FieldType.of(FieldKind.STRING, true, "text")),
            new ViewField("placed_at", FieldType.of(FieldKind.TIMESTAMP_TZ, true, "timestamptz")),
            new ViewField("day", FieldType.of(FieldKind.DATE, true, "date")),
            new ViewField("meta", FieldType.of(FieldKind.JSON, true, "jsonb")),
            new ViewField("customer", FieldType.object(List.of(
                    new ViewField("email", FieldType.of(FieldKind.STRING, true, "text"))), true, "join")),
            new ViewField("items", FieldType.array(FieldType.object(List.of(
                    new ViewField("sku", FieldType.of(FieldKind.STRING, true, "text"))), false, "join"), false, "join")));

    private static Map<String, Object> doc() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("qty", 3);
        doc.put("price", new BigDecimal("2.50"));
        doc.put("ratio", 0.5);
        doc.put("status", "Paid");
        doc.put("placed_at", Instant.parse("2026-11-21T23:59:59.5Z"));
        doc.put("day", LocalDate.parse("2026-11-23"));
        doc.put("customer", Map.of("email", "Ada@Example.com"));
        return doc;
    }

    private static Object eval(String text) throws Exception {
        ExpressionCompiler.Result result = ExpressionCompiler.compile(ExpressionParser.parse(text), FIELDS);
        assertThat(result.problems()).as(text).isEmpty();
        return result.expression().orElseThrow().evaluateOrNull(doc());
    }

    private static FieldKind kind(String text) throws Exception {
        return ExpressionCompiler.compile(ExpressionParser.parse(text), FIELDS).expression().orElseThrow().type().kind();
    }

    private static List<String> problems(String text) throws Exception {
        return ExpressionCompiler.compile(ExpressionParser.parse(text), FIELDS).problems();
    }

    @Test
    void arithmeticKeepsExactDecimalsAndWidensAsDeclared() throws Exception {
        assertThat(eval("qty * price")).isEqualTo(new BigDecimal("7.50"));
        assertThat(kind("qty * price")).isEqualTo(FieldKind.DECIMAL);
        assertThat(eval("qty + 1")).isEqualTo(4L);
        assertThat(kind("qty + 1")).isEqualTo(FieldKind.INT64);
        assertThat(eval("7 / 2")).isEqualTo(new BigDecimal("3.5"));
        assertThat(eval("ratio * 2")).isEqualTo(1.0);
        assertThat(eval("qty / 0")).isNull();
        assertThat(eval("9223372036854775807 + qty")).as("overflow").isNull();
        assertThat(eval("-qty % 2")).isEqualTo(-1L);
        assertThat(eval("round(price * 1.175, 2)")).isEqualTo(new BigDecimal("2.94"));
    }

    @Test
    void textDatesAndNestedFields() throws Exception {
        assertThat(eval("lower(customer.email) || '/' || upper(status)")).isEqualTo("ada@example.com/PAID");
        assertThat(eval("concat(status, null, qty)")).isEqualTo("Paid3");
        assertThat(eval("status || null")).isNull();
        assertThat(eval("year(placed_at) * 100 + month(placed_at)")).isEqualTo(202611L);
        assertThat(eval("date(placed_at)")).isEqualTo(LocalDate.parse("2026-11-21"));
        assertThat(eval("day_of_week(day)")).isEqualTo(1L);
        assertThat(eval("placed_at >= '2026-11-21' and day < '2026-12-01'")).isEqualTo(true);
        assertThat(eval("coalesce(meta, customer) is not null")).isEqualTo(true);
    }

    @Test
    void threeValuedLogicAsInSql() throws Exception {
        assertThat(eval("meta = null")).isNull();
        assertThat(eval("false and qty = null")).isEqualTo(false);
        assertThat(eval("true or qty = null")).isEqualTo(true);
        assertThat(eval("not (qty = null)")).isNull();
        assertThat(eval("meta is null")).isEqualTo(true);
    }

    @Test
    void problemsNameTheFieldOrTheTypes() throws Exception {
        assertThat(problems("emial = 'x'")).singleElement().asString().startsWith("unknown field 'emial' (fields: qty, price");
        assertThat(problems("customer.phone")).singleElement().asString().startsWith("unknown field 'customer.phone' (fields of customer: email");
        assertThat(problems("items.sku = 'a'")).singleElement().asString().isEqualTo("'items' is an array: expressions cannot read inside arrays");
        assertThat(problems("status + 1")).singleElement().asString().isEqualTo("'+' needs numbers, not text (use || or concat() to join text)");
        assertThat(problems("qty = 'three'")).singleElement().asString().isEqualTo("cannot compare a number with text");
        assertThat(problems("placed_at > 'soon'")).singleElement().asString().startsWith("'soon' is not a timestamptz");
        assertThat(problems("day > coalesce(status, '2026-01-01')")).as("only a literal is read as a date")
                .singleElement().asString().isEqualTo("cannot compare a date with text");
        assertThat(problems("year(status)")).singleElement().asString().isEqualTo("year() needs a date, timestamp or timestamptz, not text");
        assertThat(problems("qty and true")).singleElement().asString().isEqualTo("'and' needs a boolean, not a number");
    }
}
