package io.syncline.cdc;

import io.syncline.config.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The demo shop's tables (connectors-config/examples/shop-schema.sql), with every type the capture has to carry. */
final class ShopSchema {
    static final TableName CUSTOMERS = new TableName("public", "customers");
    static final TableName PRODUCTS = new TableName("public", "products");
    static final TableName ORDERS = new TableName("public", "orders");
    static final TableName ORDER_ITEMS = new TableName("public", "order_items");
    static final List<TableName> TABLES = List.of(CUSTOMERS, PRODUCTS, ORDERS, ORDER_ITEMS);

    private ShopSchema() {
    }

    static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    CREATE TABLE customers (
                        id bigint PRIMARY KEY,
                        email text NOT NULL,
                        name varchar(200),
                        address jsonb,
                        tags text[],
                        created_at timestamptz NOT NULL DEFAULT now())""");
            s.execute("""
                    CREATE TABLE products (
                        id uuid PRIMARY KEY,
                        sku char(12) NOT NULL,
                        name text NOT NULL,
                        description text,
                        price numeric(10,2) NOT NULL,
                        weight_kg real,
                        in_stock boolean NOT NULL DEFAULT true,
                        photo bytea,
                        attributes jsonb,
                        released date)""");
            s.execute("""
                    CREATE TABLE orders (
                        id bigint PRIMARY KEY,
                        customer_id bigint NOT NULL REFERENCES customers,
                        status text NOT NULL,
                        total numeric(10,2) NOT NULL,
                        placed_at timestamptz NOT NULL,
                        packed_at timestamp(3),
                        shipped_at timestamp,
                        metadata jsonb,
                        note text)""");
            s.execute("""
                    CREATE TABLE order_items (
                        order_id bigint NOT NULL REFERENCES orders,
                        line smallint NOT NULL,
                        product_id uuid NOT NULL REFERENCES products,
                        quantity integer NOT NULL,
                        unit_price numeric(10,2) NOT NULL,
                        PRIMARY KEY (order_id, line))""");
        }
    }
}
