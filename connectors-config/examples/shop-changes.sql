-- A burst of changes for the demo: inserts, updates (one that leaves the TOASTed description
-- alone), and deletes, across all four tables.
INSERT INTO customers (id, email, name, address, tags, created_at)
SELECT md5('new-customer' || i)::uuid, 'new' || i || '@example.com', 'New customer ' || i,
       '{"city": "Riga"}', ARRAY['tier-0'], now()
FROM generate_series(1, 100) AS i;

UPDATE customers SET email = 'changed-' || email WHERE name LIKE 'Customer 1%';

UPDATE products SET price = price + 1.01, updated_at = now() WHERE sku <= 'SKU-000050';

INSERT INTO orders (id, customer_id, status, total, placed_at)
SELECT 1000000 + i, md5('new-customer' || i)::uuid, 'pending', 19.99, now()
FROM generate_series(1, 100) AS i;

INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
SELECT 1000000 + i, 1, md5('product' || (1 + i))::uuid, 1, 19.99
FROM generate_series(1, 100) AS i;

UPDATE orders SET status = 'shipped' WHERE status = 'paid' AND id % 3 = 0;

DELETE FROM orders WHERE status = 'cancelled' AND id % 2 = 0;
