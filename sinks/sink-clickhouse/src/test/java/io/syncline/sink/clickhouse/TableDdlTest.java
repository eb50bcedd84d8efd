package io.syncline.sink.clickhouse;

import io.syncline.testkit.fixtures.JoinedOrder;
import io.syncline.testkit.fixtures.EveryKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.sink.clickhouse.TableDdl.DecimalType;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableDdlTest {

    @Test
    void theTableIsAReplacingMergeTreeOnTheVersionOrderedByTheKey() {
        assertThat(TableDdl.createTable("shop", "every_kind", EveryKind.SCHEMA)).isEqualTo("""
                CREATE TABLE IF NOT EXISTS `shop`.`every_kind` (
                  `id` String,
                  `name` Nullable(String),
                  `active` Nullable(Bool),
                  `small` Nullable(Int16),
                  `count` Nullable(Int32),
                  `big` Nullable(Int64),
                  `ratio` Nullable(Float32),
                  `score` Nullable(Float64),
                  `price` Nullable(Decimal(12, 2)),
                  `amount` Nullable(Decimal(76, 38)),
                  `day` Nullable(Date32),
                  `at` Nullable(String),
                  `local` Nullable(DateTime64(6, 'UTC')),
                  `instant` Nullable(DateTime64(6, 'UTC')),
                  `uuid` Nullable(UUID),
                  `meta` Nullable(String),
                  `blob` Nullable(String),
                  `tags` Array(Nullable(String)),
                  `prices` Array(Decimal(10, 2)),
                  `price__special` Nullable(String),
                  `amount__special` Nullable(String),
                  `day__special` Nullable(String),
                  `local__special` Nullable(String),
                  `instant__special` Nullable(String),
                  `_version` UInt64,
                  `_deleted` UInt8,
                  `_source_ts` DateTime64(3, 'UTC')
                ) ENGINE = ReplacingMergeTree(`_version`, `_deleted`)
                ORDER BY (`id`)""");
    }

    @Test
    void keyColumnsAndArraysAreNeverNullableAndNotNullFieldsAreNot() {
        FieldType nullableInt = FieldType.of(FieldKind.INT64, true, "int8");
        assertThat(TableDdl.columnType(nullableInt, true)).isEqualTo("Int64");
        assertThat(TableDdl.columnType(nullableInt, false)).isEqualTo("Nullable(Int64)");
        assertThat(TableDdl.columnType(FieldType.of(FieldKind.INT64, false, "int8"), false)).isEqualTo("Int64");
        FieldType matrix = FieldType.array(FieldType.array(FieldType.of(FieldKind.INT32, true, "int4"), true, "_int4"), true, "_int4");
        assertThat(TableDdl.columnType(matrix, false)).isEqualTo("Array(Array(Nullable(Int32)))");
        FieldType days = FieldType.array(FieldType.of(FieldKind.DATE, false, "date"), true, "_date");
        assertThat(TableDdl.columnType(days, false)).isEqualTo("Array(Date32)");
    }

    @Test
    void decimalAndTemporalFieldsAreAlwaysNullableWithACompanionButKeysHaveNone() {
        ViewSchema schema = new ViewSchema("v", List.of(
                new ViewField("day", FieldType.of(FieldKind.DATE, false, "date")),
                new ViewField("price", FieldType.decimal(10, 2, false, "numeric"))), List.of("day"));
        assertThat(TableDdl.createTable("db", "t", schema)).contains("`day` Date32,", "`price` Nullable(Decimal(10, 2)),",
                "`price__special` Nullable(String),").doesNotContain("day__special");
    }

    @Test
    void objectsAreJsonTextAndArraysOfObjectsOneJsonTextPerElement() {
        assertThat(TableDdl.createTable("shop", "orders", JoinedOrder.SCHEMA)).isEqualTo("""
                CREATE TABLE IF NOT EXISTS `shop`.`orders` (
                  `id` Int64,
                  `customer_id` Nullable(UUID),
                  `status` Nullable(String),
                  `total` Nullable(Decimal(12, 2)),
                  `placed_at` Nullable(DateTime64(6, 'UTC')),
                  `customer` Nullable(String),
                  `items` Array(String),
                  `every` Nullable(String),
                  `total__special` Nullable(String),
                  `placed_at__special` Nullable(String),
                  `_version` UInt64,
                  `_deleted` UInt8,
                  `_source_ts` DateTime64(3, 'UTC')
                ) ENGINE = ReplacingMergeTree(`_version`, `_deleted`)
                ORDER BY (`id`)""");
        assertThat(TableDdl.columnType(JoinedOrder.CUSTOMER.withNullable(false), false)).isEqualTo("String");
        FieldType optionalElements = FieldType.array(JoinedOrder.PRODUCT, true, "join");
        assertThat(TableDdl.columnType(optionalElements, false)).isEqualTo("Array(Nullable(String))");
        assertThat(TableDdl.columnType(FieldType.array(optionalElements, true, "join"), false)).isEqualTo("Array(Array(Nullable(String)))");
        assertThat(TableDdl.addColumns("shop", "orders", Map.of("customer", TableDdl.columnType(JoinedOrder.CUSTOMER, false))))
                .isEqualTo("ALTER TABLE `shop`.`orders` ADD COLUMN IF NOT EXISTS `customer` Nullable(String)");
    }

    @Test
    void anObjectCannotBeAKey() {
        ViewSchema objectKey = new ViewSchema("o", List.of(new ViewField("customer", JoinedOrder.CUSTOMER)), List.of("customer"));
        assertThat(TableDdl.problems(objectKey))
                .containsExactly("view o, key field customer: a OBJECT key cannot be a ClickHouse sorting key column");
        assertThat(TableDdl.problems(JoinedOrder.SCHEMA)).isEmpty();
    }

    @Test
    void decimalsKeepTheirDigitsWithinClickHousesLimits() {
        assertThat(TableDdl.decimalType(FieldType.decimal(10, 2, true, "numeric"))).isEqualTo(new DecimalType(10, 2));
        assertThat(TableDdl.decimalType(FieldType.decimal(0, 0, true, "numeric"))).isEqualTo(new DecimalType(76, 38));
        assertThat(TableDdl.decimalType(FieldType.decimal(3, 5, true, "numeric"))).isEqualTo(new DecimalType(5, 5));
        assertThat(TableDdl.decimalType(FieldType.decimal(2, -3, true, "numeric"))).isEqualTo(new DecimalType(5, 0));
        assertThat(TableDdl.decimalType(FieldType.decimal(100, 10, true, "numeric"))).isEqualTo(new DecimalType(76, 10));
        assertThat(TableDdl.decimalType(FieldType.decimal(1000, 500, true, "numeric"))).isEqualTo(new DecimalType(76, 38));
    }

    @Test
    void aCompositeKeyOrdersByEveryKeyFieldAndNamesAreQuoted() {
        ViewSchema schema = new ViewSchema("items", List.of(
                new ViewField("order id", FieldType.of(FieldKind.INT64, false, "int8")),
                new ViewField("line`no", FieldType.of(FieldKind.INT32, false, "int4")),
                new ViewField("qty", FieldType.of(FieldKind.INT32, true, "int4"))), List.of("order id", "line`no"));
        assertThat(TableDdl.createTable("db", "order_items", schema))
                .contains("`order id` Int64,\n  `line\\`no` Int32,\n  `qty` Nullable(Int32),")
                .endsWith("ORDER BY (`order id`, `line\\`no`)");
        assertThat(TableDdl.quote("a\\b")).isEqualTo("`a\\\\b`");
    }

    @Test
    void addColumnsIsOneIdempotentAlter() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("region", "Nullable(String)");
        columns.put("weight", "Nullable(Float64)");
        assertThat(TableDdl.addColumns("shop", "orders", columns)).isEqualTo("ALTER TABLE `shop`.`orders` "
                + "ADD COLUMN IF NOT EXISTS `region` Nullable(String), ADD COLUMN IF NOT EXISTS `weight` Nullable(Float64)");
    }

    @Test
    void viewsTheTableCannotHoldAreReported() {
        ViewSchema noKey = new ViewSchema("no_key", List.of(new ViewField("a", FieldType.of(FieldKind.STRING, true, "text"))), List.of());
        ViewSchema clash = new ViewSchema("clash", List.of(
                new ViewField("doc", FieldType.of(FieldKind.JSON, false, "jsonb")),
                new ViewField("_version", FieldType.of(FieldKind.INT64, true, "int8"))), List.of("doc"));
        assertThat(TableDdl.problems(noKey)).containsExactly(
                "view no_key has no key fields: the table is ordered, and deduplicated, by the key");
        assertThat(TableDdl.problems(clash)).containsExactly(
                "view clash, key field doc: a JSON key cannot be a ClickHouse sorting key column",
                "view clash, field _version: the name is reserved for the sink's own column");
        assertThat(TableDdl.problems(EveryKind.SCHEMA)).isEmpty();
    }
}
