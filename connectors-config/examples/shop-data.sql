-- Sample data for the shop schema: :customers customers, :products products, :orders orders with
-- one to five items each. Deterministic ids (md5-derived uuids) so runs are comparable.
-- psql -v customers=2000 -v products=500 -v orders=5000 -f shop-data.sql
INSERT INTO customers (id, email, name, address, tags, created_at)
SELECT md5('customer' || i)::uuid,
       'customer' || i || '@example.com',
       'Customer ' || i,
       jsonb_build_object('street', i || ' Main St', 'city', (ARRAY['Berlin','Lyon','Porto','Oslo'])[1 + i % 4],
                          'zip', lpad((i * 7919 % 100000)::text, 5, '0')),
       ARRAY['tier-' || (i % 3), CASE WHEN i % 5 = 0 THEN 'newsletter' ELSE 'none' END],
       timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => i * 3607.123456)
FROM generate_series(1, :customers) AS i;

INSERT INTO products (id, sku, name, description, price, metadata, tags, updated_at)
SELECT md5('product' || i)::uuid,
       'SKU-' || lpad(i::text, 6, '0'),
       'Product ' || i,
       -- ~13 kB of hex: stored out of line (TOASTed).
       (SELECT string_agg(md5(i || '-' || j), '') FROM generate_series(1, 400) AS j),
       round((1 + (i * 37 % 10000) / 100.0)::numeric, 2),
       jsonb_build_object('weight_kg', round((i % 50) / 10.0 + 0.1, 1), 'color', (ARRAY['red','green','blue'])[1 + i % 3]),
       ARRAY['category-' || (i % 10)],
       timestamptz '2025-06-01 00:00:00+00' + make_interval(secs => i * 61.000001)
FROM generate_series(1, :products) AS i;

INSERT INTO orders (id, customer_id, status, total, placed_at, shipping_address, notes)
SELECT i,
       md5('customer' || (1 + i % :customers))::uuid,
       (ARRAY['pending','paid','shipped','delivered','cancelled'])[1 + i % 5],
       0,
       timestamptz '2026-01-01 00:00:00+00' + make_interval(secs => i * 97.000123),
       jsonb_build_object('city', (ARRAY['Berlin','Lyon','Porto','Oslo'])[1 + i % 4]),
       CASE WHEN i % 7 = 0 THEN 'leave at the door' END
FROM generate_series(1, :orders) AS i;

INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
SELECT o, l, md5('product' || (1 + (o * 13 + l * 101) % :products))::uuid, 1 + (o + l) % 4,
       round((1 + ((o * 13 + l * 101) % :products * 37 % 10000) / 100.0)::numeric, 2)
FROM generate_series(1, :orders) AS o, generate_series(1, 5) AS l
WHERE l <= 1 + o % 5;

UPDATE orders o SET total = s.total
FROM (SELECT order_id, sum(quantity * unit_price) AS total FROM order_items GROUP BY order_id) s
WHERE s.order_id = o.id;
