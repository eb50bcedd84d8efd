package io.syncline.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.sink.clickhouse.TableRows.Row;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.Op;
import io.syncline.view.ViewField;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableRowsTest {
    private static final ViewSchema ITEMS = new ViewSchema("items", List.of(
            new ViewField("order_id", FieldType.of(FieldKind.INT64, false, "int8")),
            new ViewField("sku", FieldType.of(FieldKind.STRING, false, "text")),
            new ViewField("qty", FieldType.of(FieldKind.INT32, false, "int4")),
            new ViewField("note", FieldType.of(FieldKind.STRING, true, "text"))), List.of("order_id", "sku"));

    @Test
    void theInsertNamesTheViewsFieldsThenUntypedFieldsThenTheVersionColumns() {
        TableRows rows = new TableRows("shop", "items", ITEMS, List.of("added_later"));
        assertThat(rows.insertSql()).isEqualTo("INSERT INTO `shop`.`items` (`order_id`, `sku`, `qty`, `note`, `added_later`, "
                + "`_version`, `_deleted`, `_source_ts`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Test
    void anUpsertRowCarriesItsValues() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("order_id", 42L);
        document.put("sku", "A-1");
        document.put("qty", 3);
        document.put("added_later", Map.of("x", 1));
        Row row = new TableRows("shop", "items", ITEMS, List.of("added_later"))
                .row(7, new ViewRecord("[\"42\",\"A-1\"]", 99, Op.UPDATE, 1_000, document));
        assertThat(row.batchIndex()).isEqualTo(7);
        assertThat(row.values()).containsExactly(42L, "A-1", 3, null, "{\"x\":1}", 99L, 0, "1970-01-01 00:00:01.000");
    }

    @Test
    void aDeleteRowCarriesTheKeyFromTheIdAndPlaceholders() {
        Row row = new TableRows("shop", "items", ITEMS, List.of("added_later"))
                .row(0, new ViewRecord("[\"42\",\"A-1\"]", 100, Op.DELETE, 2_000, null));
        assertThat(row.values()).isEqualTo(Arrays.asList(42L, "A-1", 0, null, null, 100L, 1, "1970-01-01 00:00:02.000"));
    }

    @Test
    void aValueThatDoesNotFitNamesItsField() {
        Map<String, Object> document = new LinkedHashMap<>(Map.of("order_id", 42L, "sku", "A-1"));
        TableRows rows = new TableRows("shop", "items", ITEMS, List.of());
        assertThatThrownBy(() -> rows.row(0, new ViewRecord("x", 1, Op.CREATE, 0, document)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("field 'qty' is null, but its column is not nullable");
        assertThatThrownBy(() -> rows.row(0, new ViewRecord("not-an-array", 1, Op.DELETE, 0, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON array");
    }

    @Test
    void aValueItsColumnCannotHoldIsNullThereAndItsTextInTheCompanion() {
        ViewSchema schema = new ViewSchema("s", List.of(
                new ViewField("id", FieldType.of(FieldKind.INT64, false, "int8")),
                new ViewField("n", FieldType.decimal(10, 2, false, "numeric")),
                new ViewField("d", FieldType.of(FieldKind.DATE, true, "date")),
                new ViewField("f", FieldType.of(FieldKind.FLOAT64, true, "float8"))), List.of("id"));
        TableRows rows = new TableRows("db", "s", schema, List.of());
        assertThat(rows.insertSql()).contains("(`id`, `n`, `d`, `f`, `n__special`, `d__special`, `_version`");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", 1L);
        document.put("n", io.syncline.view.SpecialValue.NAN);
        document.put("d", java.time.LocalDate.of(1899, 12, 31));
        document.put("f", Double.NaN);
        assertThat(rows.row(0, new ViewRecord("1", 5, Op.CREATE, 0, document)).values().subList(0, 6))
                .isEqualTo(Arrays.asList(1L, null, null, Double.NaN, "NaN", "1899-12-31"));
        document.put("n", new java.math.BigDecimal("123456789.5"));
        document.put("d", io.syncline.view.SpecialValue.NEGATIVE_INFINITY);
        assertThat(rows.row(0, new ViewRecord("1", 5, Op.CREATE, 0, document)).values().subList(0, 6))
                .isEqualTo(Arrays.asList(1L, null, null, Double.NaN, "123456789.5", "-infinity"));
        document.put("n", new java.math.BigDecimal("12.50"));
        document.put("d", java.time.LocalDate.of(2024, 1, 31));
        assertThat(rows.row(0, new ViewRecord("1", 5, Op.CREATE, 0, document)).values().subList(0, 6))
                .isEqualTo(Arrays.asList(1L, new java.math.BigDecimal("12.50"), java.time.LocalDate.of(2024, 1, 31), Double.NaN,
                        null, null));
        assertThat(rows.row(0, new ViewRecord("1", 6, Op.DELETE, 0, null)).values().subList(0, 6))
                .isEqualTo(Arrays.asList(1L, null, null, null, null, null));
    }
}
