package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.TableName;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.FieldKind;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServices
class SourceCatalogIT {
    private static PostgresEndpoint db;
    private static Connection connection;

    @BeforeAll
    static void createSchema(PostgresEndpoint server) throws Exception {
        db = server.createDatabase("cdc_catalog");
        connection = db.connect();
        ShopSchema.create(connection);
        Fixtures.execute(db,
                "CREATE TYPE mood AS ENUM ('sad', 'happy')",
                "CREATE DOMAIN weight AS numeric(6,3) NOT NULL",
                "CREATE SCHEMA \"Sales\"",
                """
                CREATE TABLE "Sales"."Zoo" (
                    id integer PRIMARY KEY, small smallint, big bigint, ratio double precision,
                    amount numeric, rounded numeric(7,-2), at_time time(6), at_local timestamp, at_zone timestamptz,
                    counts int4[], prices numeric(10,2)[], feeling mood, span interval, addr inet, w weight,
                    doc json, flag bit(1), code varchar(8), letter "char", label name)""",
                "ALTER TABLE \"Sales\".\"Zoo\" REPLICA IDENTITY FULL",
                "ALTER TABLE \"Sales\".\"Zoo\" DROP COLUMN label",
                "CREATE TABLE events (at timestamptz, payload jsonb)");
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
    }

    @Test
    void shopTablesMapToViewTypes() throws Exception {
        TableSchema products = new SourceCatalog(connection).read(ShopSchema.PRODUCTS);

        assertThat(products.table()).isEqualTo(ShopSchema.PRODUCTS);
        assertThat(products.primaryKey()).containsExactly("id");
        assertThat(products.replicaIdentity()).isEqualTo("default");
        assertThat(types(products)).containsExactly(
                Map.entry("id", FieldType.of(FieldKind.UUID, false, "uuid")),
                Map.entry("sku", FieldType.of(FieldKind.STRING, false, "bpchar")),
                Map.entry("name", FieldType.of(FieldKind.STRING, false, "text")),
                Map.entry("description", FieldType.of(FieldKind.STRING, true, "text")),
                Map.entry("price", FieldType.decimal(10, 2, false, "numeric")),
                Map.entry("weight_kg", FieldType.of(FieldKind.FLOAT32, true, "float4")),
                Map.entry("in_stock", FieldType.of(FieldKind.BOOLEAN, false, "bool")),
                Map.entry("photo", FieldType.of(FieldKind.BYTES, true, "bytea")),
                Map.entry("attributes", FieldType.of(FieldKind.JSON, true, "jsonb")),
                Map.entry("released", FieldType.of(FieldKind.DATE, true, "date")));

        TableSchema customers = new SourceCatalog(connection).read(ShopSchema.CUSTOMERS);
        assertThat(types(customers)).containsExactly(
                Map.entry("id", FieldType.of(FieldKind.INT64, false, "int8")),
                Map.entry("email", FieldType.of(FieldKind.STRING, false, "text")),
                Map.entry("name", FieldType.of(FieldKind.STRING, true, "varchar")),
                Map.entry("address", FieldType.of(FieldKind.JSON, true, "jsonb")),
                Map.entry("tags", FieldType.array(FieldType.of(FieldKind.STRING, true, "text"), true, "_text")),
                Map.entry("created_at", new FieldType(FieldKind.TIMESTAMP_TZ, 6, 0, null, false, "timestamptz")));
    }

    @Test
    void compositePrimaryKeyKeepsIndexOrder() throws Exception {
        List<TableSchema> schemas = new SourceCatalog(connection).read(List.of(ShopSchema.ORDERS, ShopSchema.ORDER_ITEMS));

        assertThat(schemas.get(0).primaryKey()).containsExactly("id");
        assertThat(schemas.get(1).primaryKey()).containsExactly("order_id", "line");
        assertThat(types(schemas.get(1))).containsEntry("line", FieldType.of(FieldKind.INT16, false, "int2"))
                .containsEntry("quantity", FieldType.of(FieldKind.INT32, false, "int4"));
    }

    @Test
    void everyOtherTypeMapsAndDroppedColumnsAreGone() throws Exception {
        TableSchema zoo = new SourceCatalog(connection).read(new TableName("Sales", "Zoo"));

        assertThat(zoo.replicaIdentity()).isEqualTo("full");
        assertThat(zoo.replicaIdentityFull()).isTrue();
        Map<String, FieldType> types = types(zoo);
        assertThat(types.keySet()).containsExactly("id", "small", "big", "ratio", "amount", "rounded", "at_time",
                "at_local", "at_zone", "counts", "prices", "feeling", "span", "addr", "w", "doc", "flag", "code",
                "letter");
        assertThat(types.get("small").kind()).isEqualTo(FieldKind.INT16);
        assertThat(types.get("big").kind()).isEqualTo(FieldKind.INT64);
        assertThat(types.get("ratio").kind()).isEqualTo(FieldKind.FLOAT64);
        assertThat(types.get("amount")).isEqualTo(FieldType.decimal(0, 0, true, "numeric"));
        assertThat(types.get("rounded")).isEqualTo(FieldType.decimal(7, -2, true, "numeric"));
        assertThat(types.get("at_time").kind()).isEqualTo(FieldKind.TIME);
        assertThat(types.get("at_local")).isEqualTo(new FieldType(FieldKind.TIMESTAMP, 6, 0, null, true, "timestamp"));
        assertThat(types.get("at_zone").kind()).isEqualTo(FieldKind.TIMESTAMP_TZ);
        assertThat(types.get("counts")).isEqualTo(FieldType.array(FieldType.of(FieldKind.INT32, true, "int4"), true, "_int4"));
        assertThat(types.get("prices")).isEqualTo(FieldType.array(FieldType.decimal(10, 2, true, "numeric"), true, "_numeric"));
        assertThat(types.get("feeling")).isEqualTo(FieldType.of(FieldKind.STRING, true, "mood"));
        assertThat(types.get("span").kind()).isEqualTo(FieldKind.STRING);
        assertThat(types.get("addr").kind()).isEqualTo(FieldKind.STRING);
        assertThat(types.get("w")).as("a domain reads as its base type, NOT NULL included")
                .isEqualTo(FieldType.decimal(6, 3, false, "numeric"));
        assertThat(types.get("doc").kind()).isEqualTo(FieldKind.JSON);
        assertThat(types.get("flag").kind()).isEqualTo(FieldKind.BOOLEAN);
        assertThat(types.get("code").kind()).isEqualTo(FieldKind.STRING);
        assertThat(types.get("letter")).isEqualTo(FieldType.of(FieldKind.STRING, true, "char"));
    }

    @Test
    void tableWithoutPrimaryKeyHasAnEmptyKeyAndRequiringOneFailsClearly() throws Exception {
        TableSchema events = new SourceCatalog(connection).read(new TableName("public", "events"));

        assertThat(events.primaryKey()).isEmpty();
        assertThat(events.hasPrimaryKey()).isFalse();
        assertThatThrownBy(events::requirePrimaryKey)
                .hasMessageContaining("table public.events has no primary key")
                .hasMessageContaining("declare the view's key columns");
    }

    @Test
    void missingTableIsNamed() {
        assertThatThrownBy(() -> new SourceCatalog(connection).read(new TableName("public", "Customers")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table public.Customers does not exist in database cdc_catalog");
    }

    private static Map<String, FieldType> types(TableSchema schema) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (ViewField f : schema.fields()) {
            types.put(f.name(), f.type());
        }
        return types;
    }
}
