package io.syncline.cli.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResetPlanTest {
    private static final String ALIAS_SWAP = "index shop_orders is replaced by alias shop_orders -> shop_orders__rebuild_20260314092653"
            + " (one _aliases request: add and remove_index); the old index is deleted in that step";

    @Test
    void aFreshTargetIsNamedAfterTheLiveOneAndTheTime() {
        assertThat(ResetPlan.freshTarget("shop_orders", LocalDateTime.of(2026, 3, 14, 9, 26, 53)))
                .isEqualTo("shop_orders__rebuild_20260314092653");
    }

    @Test
    void everyRouteShowsItsTargetsTheSwapAndTheCatchUp() {
        ResetPlan plan = new ResetPlan("search", "elasticsearch", List.of(
                new ResetPlan.Route("orders", "shop.view.orders", "shop_orders", "shop_orders__rebuild_20260314092653",
                        ALIAS_SWAP, 1200),
                new ResetPlan.Route("customers", "shop.view.customers", "shop_customers",
                        "shop_customers__rebuild_20260314092653", "alias shop_customers moves", 0)));

        assertThat(plan.format()).isEqualTo("""
                Reset of sink search (elasticsearch): 2 targets rebuilt from the view topics while the daemon runs; \
                readers keep the current data until the swap.

                view orders
                  current target  shop_orders
                  fresh target    shop_orders__rebuild_20260314092653, from shop.view.orders (at most 1200 records, \
                beginning to end as of now)
                  swap            %s
                  then            records the daemon wrote to the old target meanwhile are written again (version-guarded)

                view customers
                  current target  shop_customers
                  fresh target    shop_customers__rebuild_20260314092653, from shop.view.customers (at most 0 records, \
                beginning to end as of now)
                  swap            alias shop_customers moves
                  then            records the daemon wrote to the old target meanwhile are written again (version-guarded)
                """.formatted(ALIAS_SWAP));
        assertThat(plan.refused()).isFalse();
    }

    @Test
    void aSwapTheSinkRefusesRefusesThePlan() {
        ResetPlan plan = new ResetPlan("analytics", "clickhouse", List.of(new ResetPlan.Route("orders", "t", "orders",
                "orders__rebuild_1", "refused: database shop has the Ordinary engine", 3)));

        assertThat(plan.refused()).isTrue();
        assertThat(plan.format()).startsWith("Reset of sink analytics (clickhouse): 1 target rebuilt")
                .contains("  swap            refused: database shop has the Ordinary engine\n");
    }
}
