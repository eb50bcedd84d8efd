package io.syncline.bench;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.syncline.bench.BenchPipeline.Store;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * What each store must show at the end of each phase of the joined-views measurement, as counts that
 * grow to the phase's targets: orders documents in Elasticsearch and MongoDB, order_items facts in
 * ClickHouse (current rows, {@code FINAL}). The markers are {@link ShopDatabase}'s. A phase that
 * removes marked items counts how many are gone.
 */
final class JoinedProgress {
    private static final Query CUSTOMER_PRESENT = Query.of(q -> q.exists(e -> e.field("customer.id")));
    private static final Query CUSTOMER_RENAMED = Query.of(q -> q.match(m -> m.field("customer.name")
            .query(ShopDatabase.RENAMED)));
    private static final Query ITEM_PRODUCT_PRESENT = Query.of(q -> q.exists(e -> e.field("items.product.sku")));
    private static final Query ITEM_PRODUCT_RENAMED = Query.of(q -> q.match(m -> m.field("items.product.name")
            .query(ShopDatabase.RENAMED)));
    private static final Query ITEM_MARKED = Query.of(q -> q.term(t -> t.field("items.quantity")
            .value(ShopDatabase.MARKED_QUANTITY)));
    private static final String RENAMED_SUFFIX = " " + ShopDatabase.RENAMED;
    private static final String FACT_MARKED = "quantity = " + ShopDatabase.MARKED_QUANTITY;

    private final StoreCounts counts;
    private final BenchPipeline pipeline;

    JoinedProgress(StoreCounts counts, BenchPipeline pipeline) {
        this.counts = counts;
        this.pipeline = pipeline;
    }

    /** The orders documents' progress in Elasticsearch or MongoDB, in the units of {@code plan.orders()}. */
    Convergence.Count orders(Store store, PhasePlan plan) {
        return switch (plan.phase()) {
            case SNAPSHOT -> orders(store, CUSTOMER_PRESENT, JoinedProgress::customerPresent, ITEM_PRODUCT_PRESENT,
                    JoinedProgress::productPresent);
            case CUSTOMERS_RENAMED -> orders(store, CUSTOMER_RENAMED, JoinedProgress::customerRenamed, null, null);
            case PRODUCTS_RENAMED -> orders(store, null, null, ITEM_PRODUCT_RENAMED, JoinedProgress::productRenamed);
            case ITEMS_INSERTED -> orders(store, null, null, ITEM_MARKED, JoinedProgress::marked);
            case ITEMS_DELETED -> remaining(plan.orders().units(), orders(store, null, null, ITEM_MARKED, JoinedProgress::marked));
            case SNAPSHOT_ALONE, JOIN_PROCESSOR_FLOOR -> throw new IllegalArgumentException("J4 and J5 run no sink");
        };
    }

    /** The order_items facts' progress in ClickHouse, in the units of {@code plan.facts()}. */
    Convergence.Count facts(PhasePlan plan) {
        String table = pipeline.clickhouseTable(ShopExample.ORDER_ITEMS);
        return switch (plan.phase()) {
            case SNAPSHOT -> counts.clickhouseWhere(table, "order_status IS NOT NULL AND product_sku IS NOT NULL");
            case CUSTOMERS_RENAMED -> throw new IllegalArgumentException("renaming customers changes no fact");
            case PRODUCTS_RENAMED -> counts.clickhouseWhere(table, "endsWith(product_name, '" + RENAMED_SUFFIX + "')");
            case ITEMS_INSERTED -> counts.clickhouseWhere(table, FACT_MARKED);
            case ITEMS_DELETED -> remaining(plan.facts().units(), counts.clickhouseWhere(table, FACT_MARKED));
            case SNAPSHOT_ALONE, JOIN_PROCESSOR_FLOOR -> throw new IllegalArgumentException("J4 and J5 run no sink");
        };
    }

    private Convergence.Count orders(Store store, Query documents, Predicate<Document> document, Query items,
                                     Predicate<Document> item) {
        return switch (store) {
            case ELASTICSEARCH -> counts.elasticsearch(pipeline.elasticsearchIndex(ShopExample.ORDERS), documents, items);
            case MONGODB -> counts.mongodb(pipeline.mongoDatabase(), ShopExample.ORDERS, document, item);
            case CLICKHOUSE -> throw new IllegalArgumentException("ClickHouse holds no orders documents here");
        };
    }

    /** How many of {@code total} counted items are gone. */
    private static Convergence.Count remaining(long total, Convergence.Count present) {
        return () -> total - present.read();
    }

    private static boolean customerPresent(Document order) {
        return order.get("customer") instanceof Document customer && customer.get("id") != null;
    }

    private static boolean customerRenamed(Document order) {
        return order.get("customer") instanceof Document customer && customer.get("name") instanceof String name
                && name.endsWith(RENAMED_SUFFIX);
    }

    private static boolean productPresent(Document item) {
        return item.get("product") instanceof Document product && product.get("sku") != null;
    }

    private static boolean productRenamed(Document item) {
        return item.get("product") instanceof Document product && product.get("name") instanceof String name
                && name.endsWith(RENAMED_SUFFIX);
    }

    private static boolean marked(Document item) {
        return item.get("quantity") instanceof Number quantity && quantity.intValue() == ShopDatabase.MARKED_QUANTITY;
    }
}
