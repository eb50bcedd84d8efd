package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.bench.PhasePlan.Target;
import org.junit.jupiter.api.Test;

class PhasePlanTest {

    @Test
    void aProbeInUnitsIsReportedInItems() {
        Target orders = new Target(20_000, 5_000); // orders with their customer plus embedded items with their product

        assertThat(orders.reported(new Measurement(20_000, 4.0, true))).isEqualTo(new Measurement(5_000, 4.0, true));
        assertThat(orders.reported(new Measurement(10_000, 9.0, false))).isEqualTo(new Measurement(2_500, 9.0, false));
    }

    @Test
    void documentsAreBothViewsTogether() {
        PhasePlan plan = new PhasePlan(JoinPhase.PRODUCTS_RENAMED, "UPDATE ...", Target.of(50), new Target(1_500, 1_300),
                Target.of(1_500));

        assertThat(plan.documents()).isEqualTo(2_800);
        assertThat(new PhasePlan(JoinPhase.CUSTOMERS_RENAMED, "UPDATE ...", Target.of(5), Target.of(12), null).documents())
                .isEqualTo(12);
    }
}
