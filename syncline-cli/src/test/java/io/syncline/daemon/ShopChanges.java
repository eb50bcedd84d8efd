package io.syncline.daemon;

import io.syncline.testkit.PostgresEndpoint;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mixed changes to the shop tables (of {@link ShopViews#create}), in transactions, from a seeded
 * Random: every kind of change that reaches a joined document — customer e-mails and names,
 * product names and prices (a price no view shows), order status and totals, items inserted,
 * updated and deleted, orders inserted with items and deleted (their items cascade).
 */
final class ShopChanges {
    enum Kind {
        CUSTOMER_EMAIL(10), CUSTOMER_NAME(5), PRODUCT_NAME(3), PRODUCT_PRICE(4), ORDER_UPDATE(25), ITEM_INSERT(15),
        ITEM_UPDATE(20), ITEM_DELETE(10), ORDER_INSERT(6), ORDER_DELETE(2);

        /** Out of 100. */
        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final String[] STATUSES = {"pending", "paid", "shipped", "delivered", "cancelled"};

    private final PostgresEndpoint db;
    private final int customers;
    private final int products;
    private final Random random;
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private int nextOrder;

    ShopChanges(PostgresEndpoint db, int customers, int products, int orders, long seed) {
        this.db = db;
        this.customers = customers;
        this.products = products;
        this.nextOrder = orders + 1;
        this.random = new Random(seed);
    }

    /** Applies {@code changes} changes, committing every {@code perTransaction}; {@code applied} counts the committed ones. */
    void apply(int changes, int perTransaction, AtomicInteger applied) throws SQLException {
        try (Connection c = db.connect(); Statements s = new Statements(c)) {
            c.setAutoCommit(false);
            for (int i = 1; i <= changes; i++) {
                Kind kind = next();
                counts.merge(kind, 1, Integer::sum);
                apply(s, kind, i);
                if (i % perTransaction == 0 || i == changes) {
                    c.commit();
                    applied.set(i);
                }
            }
        }
    }

    /** How many changes of each kind were applied (statements run; some match no row). */
    Map<Kind, Integer> counts() {
        return new EnumMap<>(counts);
    }

    private Kind next() {
        int roll = random.nextInt(100);
        for (Kind kind : Kind.values()) {
            roll -= kind.weight;
            if (roll < 0) {
                return kind;
            }
        }
        return Kind.ORDER_UPDATE;
    }

    private void apply(Statements s, Kind kind, int change) throws SQLException {
        switch (kind) {
            case CUSTOMER_EMAIL -> {
                int customer = customer();
                // Unique, as the column demands: the change number makes it so.
                run(s.customerEmail, "customer" + customer + "." + change + "@example.org", String.valueOf(customer));
            }
            case CUSTOMER_NAME -> run(s.customerName, "Customer " + change, String.valueOf(customer()));
            case PRODUCT_NAME -> run(s.productName, "Product renamed at " + change, String.valueOf(product()));
            case PRODUCT_PRICE -> {
                s.productPrice.setBigDecimal(1, money());
                s.productPrice.setString(2, String.valueOf(product()));
                s.productPrice.executeUpdate();
            }
            case ORDER_UPDATE -> {
                s.orderUpdate.setString(1, STATUSES[random.nextInt(STATUSES.length)]);
                s.orderUpdate.setBigDecimal(2, BigDecimal.valueOf(random.nextInt(2_000) - 1_000, 2));
                s.orderUpdate.setLong(3, order());
                s.orderUpdate.executeUpdate();
            }
            case ITEM_INSERT -> item(s, order());
            case ITEM_UPDATE -> {
                s.itemUpdate.setInt(1, 1 + random.nextInt(9));
                s.itemUpdate.setBigDecimal(2, money());
                s.itemUpdate.setLong(3, order());
                s.itemUpdate.setInt(4, 1 + random.nextInt(5));
                s.itemUpdate.executeUpdate();
            }
            case ITEM_DELETE -> {
                s.itemDelete.setLong(1, order());
                s.itemDelete.setInt(2, 1 + random.nextInt(5));
                s.itemDelete.executeUpdate();
            }
            case ORDER_INSERT -> {
                long order = nextOrder++;
                s.orderInsert.setLong(1, order);
                s.orderInsert.setString(2, String.valueOf(customer()));
                s.orderInsert.setString(3, STATUSES[random.nextInt(STATUSES.length)]);
                s.orderInsert.setBigDecimal(4, money());
                s.orderInsert.executeUpdate();
                for (int items = random.nextInt(4); items > 0; items--) {
                    item(s, order);
                }
            }
            case ORDER_DELETE -> {
                s.orderDelete.setLong(1, order());
                s.orderDelete.executeUpdate();
            }
        }
    }

    /** A new last line of the order, if the order exists. */
    private void item(Statements s, long order) throws SQLException {
        s.itemInsert.setString(1, String.valueOf(product()));
        s.itemInsert.setInt(2, 1 + random.nextInt(9));
        s.itemInsert.setBigDecimal(3, money());
        s.itemInsert.setLong(4, order);
        s.itemInsert.executeUpdate();
    }

    private static void run(PreparedStatement statement, String value, String key) throws SQLException {
        statement.setString(1, value);
        statement.setString(2, key);
        statement.executeUpdate();
    }

    private int customer() {
        return 1 + random.nextInt(customers);
    }

    private int product() {
        return 1 + random.nextInt(products);
    }

    private long order() {
        return 1 + random.nextInt(nextOrder - 1);
    }

    private BigDecimal money() {
        return BigDecimal.valueOf(1 + random.nextInt(99_999), 2);
    }

    /** The prepared statements, keyed like the sample data: {@code md5('customer' || n)::uuid}. */
    private static final class Statements implements AutoCloseable {
        final PreparedStatement customerEmail;
        final PreparedStatement customerName;
        final PreparedStatement productName;
        final PreparedStatement productPrice;
        final PreparedStatement orderUpdate;
        final PreparedStatement itemInsert;
        final PreparedStatement itemUpdate;
        final PreparedStatement itemDelete;
        final PreparedStatement orderInsert;
        final PreparedStatement orderDelete;

        Statements(Connection c) throws SQLException {
            customerEmail = c.prepareStatement("UPDATE customers SET email = ? WHERE id = md5('customer' || ?)::uuid");
            customerName = c.prepareStatement("UPDATE customers SET name = ? WHERE id = md5('customer' || ?)::uuid");
            productName = c.prepareStatement("UPDATE products SET name = ? WHERE id = md5('product' || ?)::uuid");
            productPrice = c.prepareStatement(
                    "UPDATE products SET price = ?, updated_at = now() WHERE id = md5('product' || ?)::uuid");
            orderUpdate = c.prepareStatement("UPDATE orders SET status = ?, total = total + ? WHERE id = ?");
            itemInsert = c.prepareStatement("INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price) "
                    + "SELECT o.id, COALESCE((SELECT max(line_no) FROM order_items WHERE order_id = o.id), 0) + 1, "
                    + "md5('product' || ?)::uuid, ?, ? FROM orders o WHERE o.id = ?");
            itemUpdate = c.prepareStatement(
                    "UPDATE order_items SET quantity = ?, unit_price = ? WHERE order_id = ? AND line_no = ?");
            itemDelete = c.prepareStatement("DELETE FROM order_items WHERE order_id = ? AND line_no = ?");
            orderInsert = c.prepareStatement("INSERT INTO orders (id, customer_id, status, total, placed_at) "
                    + "VALUES (?, md5('customer' || ?)::uuid, ?, ?, now())");
            orderDelete = c.prepareStatement("DELETE FROM orders WHERE id = ?");
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : new PreparedStatement[] {customerEmail, customerName, productName,
                    productPrice, orderUpdate, itemInsert, itemUpdate, itemDelete, orderInsert, orderDelete}) {
                statement.close();
            }
        }
    }
}
