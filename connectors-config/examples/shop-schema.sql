-- The shop schema of DESIGN.md: customers, products, orders, order_items.
-- Money is numeric(10,2), times are timestamptz, addresses and metadata jsonb, ids uuid or bigint,
-- tags text arrays, and product descriptions long enough to be TOASTed out of line.
CREATE TABLE customers (
    id          uuid PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    name        text NOT NULL,
    address     jsonb,
    tags        text[] NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL
);

CREATE TABLE products (
    id          uuid PRIMARY KEY,
    sku         text NOT NULL UNIQUE,
    name        text NOT NULL,
    description text,
    price       numeric(10,2) NOT NULL,
    metadata    jsonb,
    tags        text[],
    updated_at  timestamptz NOT NULL
);
-- Out of line and uncompressed: an update that leaves it alone sends Debezium's TOAST placeholder.
ALTER TABLE products ALTER COLUMN description SET STORAGE EXTERNAL;

CREATE TABLE orders (
    id               bigint PRIMARY KEY,
    customer_id      uuid NOT NULL REFERENCES customers (id),
    status           text NOT NULL,
    total            numeric(10,2) NOT NULL,
    placed_at        timestamptz NOT NULL,
    shipping_address jsonb,
    notes            text
);

CREATE TABLE order_items (
    order_id    bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no     integer NOT NULL,
    product_id  uuid NOT NULL REFERENCES products (id),
    quantity    integer NOT NULL,
    unit_price  numeric(10,2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
