package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonBacklogTest {

    @Test
    void twoMillionChangesAre200000RowsUpdatedTenTimes() {
        DaemonBacklog.Plan plan = DaemonBacklog.Plan.of(2_000_000);

        assertThat(plan).isEqualTo(new DaemonBacklog.Plan(200_000, 10));
        assertThat(plan.changes()).isEqualTo(2_000_000);
        assertThat(plan.finalStatus()).isEqualTo("backlog-10");
    }

    @Test
    void aSmallBacklogUpdatesEachRowOnceAndAnUnevenOneRoundsUp() {
        assertThat(DaemonBacklog.Plan.of(100_000)).isEqualTo(new DaemonBacklog.Plan(100_000, 1));
        DaemonBacklog.Plan uneven = DaemonBacklog.Plan.of(450_001);
        assertThat(uneven).isEqualTo(new DaemonBacklog.Plan(150_001, 3));
        assertThat(uneven.changes()).isEqualTo(450_003);
    }
}
