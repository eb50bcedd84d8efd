package io.syncline.bench;

import io.syncline.bench.BenchmarkOptions.JoinsOptions;
import io.syncline.bench.PhasePlan.Target;
import java.sql.SQLException;
import java.util.List;

/**
 * The joined-views measurement's source: the shop example's tables and data, the bursts of changes
 * applied to them, and the counts, taken from the source before anything runs, of what each burst
 * must change in the views. A changed document is recognizable in every store by a marker: renamed
 * customers and products get {@value #RENAMED} appended to their names, inserted items have quantity
 * {@value #MARKED_QUANTITY} (the generator's are 1 to 4); {@link #create} checks that the data holds
 * neither before.
 */
record ShopDatabase(SourceDatabase db) {
    static final String RENAMED = "renamed";
    static final int MARKED_QUANTITY = 99;
    /** The inserted items' line number, past the generator's 1 to 5. */
    private static final int INSERTED_LINE = 100;

    /** Replaces the shop's tables with the example's schema and data at these sizes. */
    void create(JoinsOptions sizes) throws SQLException {
        db.execute("DROP TABLE IF EXISTS order_items, orders, products, customers",
                ShopExample.schemaSql(),
                ShopExample.dataSql(sizes.customers(), sizes.products(), sizes.orders()),
                "VACUUM ANALYZE");
        long marked = db.queryLong("SELECT (SELECT count(*) FROM customers WHERE name LIKE '%" + RENAMED + "%')"
                + " + (SELECT count(*) FROM products WHERE name LIKE '%" + RENAMED + "%')"
                + " + (SELECT count(*) FROM order_items WHERE quantity = " + MARKED_QUANTITY + ")");
        if (marked != 0) {
            throw new IllegalStateException("the shop data already holds the measurement's markers (" + RENAMED + ", quantity "
                    + MARKED_QUANTITY + "): changed documents would not be recognizable");
        }
    }

    /** Every phase of a round, with its targets counted on the freshly created data. */
    List<PhasePlan> plans(JoinsOptions options) throws SQLException {
        return List.of(snapshot(), renameCustomers(options.renamedCustomers()), renameProducts(options.renamedProducts()),
                insertItems(options.itemChanges()), deleteInsertedItems(options.itemChanges()));
    }

    /**
     * Every row is captured; an orders document is complete when it has its customer and every item
     * with its product (its units: one per order with a customer, one per embedded item with a
     * product); an order_items fact when it has its order's and its product's fields.
     */
    private PhasePlan snapshot() throws SQLException {
        long rows = db.queryLong("SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM products)"
                + " + (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_items)");
        long orders = db.queryLong("SELECT count(*) FROM orders");
        long items = db.queryLong("SELECT count(*) FROM order_items");
        return new PhasePlan(JoinPhase.SNAPSHOT, null, Target.of(rows), new Target(orders + items, orders),
                Target.of(items));
    }

    /** Each renamed customer rewrites every order of theirs; no fact shows customer fields. */
    private PhasePlan renameCustomers(int count) throws SQLException {
        String ids = firstIds("customers", count);
        long orders = db.queryLong("SELECT count(*) FROM orders WHERE customer_id IN (" + ids + ")");
        return new PhasePlan(JoinPhase.CUSTOMERS_RENAMED,
                "UPDATE customers SET name = name || ' " + RENAMED + "' WHERE id IN (" + ids + ")",
                Target.of(count), Target.of(orders), null);
    }

    /** Each renamed product rewrites its items: their facts, and their orders (units: embedded items). */
    private PhasePlan renameProducts(int count) throws SQLException {
        String ids = firstIds("products", count);
        long items = db.queryLong("SELECT count(*) FROM order_items WHERE product_id IN (" + ids + ")");
        long orders = db.queryLong("SELECT count(DISTINCT order_id) FROM order_items WHERE product_id IN (" + ids + ")");
        // The TOASTed description is left alone: the change carries Debezium's placeholder for it.
        return new PhasePlan(JoinPhase.PRODUCTS_RENAMED,
                "UPDATE products SET name = name || ' " + RENAMED + "' WHERE id IN (" + ids + ")",
                Target.of(count), new Target(items, orders), Target.of(items));
    }

    /** One marked item into each of the first orders (with its first item's product): one order and one new fact each. */
    private PhasePlan insertItems(int count) throws SQLException {
        String rows = "SELECT DISTINCT ON (order_id) order_id, " + INSERTED_LINE + ", product_id, " + MARKED_QUANTITY
                + ", unit_price FROM order_items ORDER BY order_id, line_no LIMIT " + count;
        long inserted = db.queryLong("SELECT count(*) FROM (" + rows + ") r");
        return new PhasePlan(JoinPhase.ITEMS_INSERTED,
                "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price) " + rows,
                Target.of(inserted), Target.of(inserted), Target.of(inserted));
    }

    /** The inserted items deleted again: each a delete and its tombstone in the capture. */
    private PhasePlan deleteInsertedItems(int count) throws SQLException {
        long inserted = insertItems(count).capture().reported();
        return new PhasePlan(JoinPhase.ITEMS_DELETED, "DELETE FROM order_items WHERE line_no = " + INSERTED_LINE,
                new Target(2 * inserted, inserted), Target.of(inserted), Target.of(inserted));
    }

    /** A stable choice of rows that does not depend on how the generator numbers them. */
    private static String firstIds(String table, int count) {
        return "SELECT id FROM " + table + " ORDER BY id LIMIT " + count;
    }
}
