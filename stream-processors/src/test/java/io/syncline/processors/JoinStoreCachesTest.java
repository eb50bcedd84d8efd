package io.syncline.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.plan.ViewPlanner;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.CachingKeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/**
 * Which stores of a joined view keep Kafka Streams' record cache: only the one-to-many aggregates.
 * With both stores of a join cached, a cache flush could put a store's older value back into its
 * cache (see {@code ViewTopology.materialized}); Kafka Streams' internal store layers are walked here
 * because nothing public tells whether a store is cached.
 */
class JoinStoreCachesTest {
    @Test
    void onlyTheOneToManyAggregatesKeepARecordCache() throws Exception {
        ViewPlan plan = ViewPlanner.plan(List.of(ShopFixture.ordersView(List.of(), false)), ShopFixture.TABLES, "shop").get(0);
        try (ViewTopologyDriver driver = ViewTopologyDriver.of(plan).start()) {
            Map<String, Boolean> cached = new TreeMap<>();
            driver.stores().forEach((name, store) -> cached.put(name, cached(store)));

            assertThat(cached).containsKeys("rows-public.orders-by-id", "rows-public.order_items-by-order_id-line_no",
                    "view-orders-customer-joined", "view-orders-items-product-joined", "view-orders-items-children");
            assertThat(cached).allSatisfy((name, isCached) ->
                    assertThat(isCached).as(name).isEqualTo(name.endsWith("-children")));
        }
    }

    private static boolean cached(StateStore store) {
        for (StateStore layer = store; ; layer = ((WrappedStateStore<?, ?, ?>) layer).wrapped()) {
            if (layer instanceof CachingKeyValueStore) {
                return true;
            }
            if (!(layer instanceof WrappedStateStore)) {
                return false;
            }
        }
    }
}
